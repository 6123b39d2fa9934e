/**
 * The background pass `serve` runs so that events carrying text (`review_submitted`, `feedback_submitted`,
 * `survey_answered` with a `text`/`comment`/... property) become analysed feedback items without anyone calling
 * `feedback from-events`.
 *
 * Why a watermark on arrival time and not on event time: SDKs send late (offline phones, retries, backfills), so
 * an event can arrive today stamped last week; reading by `received_at` sees it. The watermark lives in memory:
 * after a restart the first pass reads every feedback event again, and ids already stored (`evt:<uuid>`) are
 * counted, not re-analysed, so a crash between an event's commit and its analysis loses nothing.
 */
import type { Logger } from '../../common/logger.js';

/** What one derivation pass did; `lastReceivedAt` is the latest arrival time it read. */
export interface DeriveFromEventsResult {
  events: number;
  stored: number;
  duplicates: number;
  skipped: number;
  lastReceivedAt: Date | null;
}

/** Arrival times are stamped before the group commit, so a pass re-reads this far behind its watermark. */
export const SYNC_OVERLAP_MS = 5 * 60_000;

/** What the sync needs. */
export interface FeedbackSyncDeps {
  /** The feedback service's derivation (declared here, not imported, so the service can own the sync). */
  feedback: { deriveFromEvents(projectId: string, options: { receivedSince?: Date }): Promise<DeriveFromEventsResult> };
  listProjectIds: () => Promise<string[]>;
  logger: Logger;
}

/** A running sync. */
export interface FeedbackSync {
  /** One pass over every project now (the timer calls this; a call during a pass waits for that pass). */
  tick(): Promise<Map<string, DeriveFromEventsResult>>;
  /** Stops the timer and waits for the pass in flight. */
  stop(): Promise<void>;
}

/** Starts the sync: a pass now, then every `tickMs`. Failures are logged per project and retried next pass. */
export function startFeedbackSync(deps: FeedbackSyncDeps, tickMs = 60_000): FeedbackSync {
  const watermarks = new Map<string, Date>();
  let stopped = false;
  let passing: Promise<Map<string, DeriveFromEventsResult>> | undefined;

  async function passOnce(): Promise<Map<string, DeriveFromEventsResult>> {
    const results = new Map<string, DeriveFromEventsResult>();
    let projects: string[];
    try {
      projects = await deps.listProjectIds();
    } catch (error) {
      deps.logger.warn('feedback sync could not list projects', { error: String(error) });
      return results;
    }
    for (const projectId of projects) {
      if (stopped) break;
      const mark = watermarks.get(projectId);
      try {
        const r = await deps.feedback.deriveFromEvents(projectId, mark === undefined ? {} : { receivedSince: new Date(mark.getTime() - SYNC_OVERLAP_MS) });
        results.set(projectId, r);
        if (r.lastReceivedAt !== null && (mark === undefined || r.lastReceivedAt > mark)) watermarks.set(projectId, r.lastReceivedAt);
        else if (mark === undefined) watermarks.set(projectId, new Date(0));
        if (r.stored > 0) deps.logger.info('feedback sync stored items from events', { project: projectId, stored: r.stored });
      } catch (error) {
        // the watermark stays where it was, so the next pass reads the same events again
        deps.logger.warn('feedback sync failed', { project: projectId, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return results;
  }

  const tick = (): Promise<Map<string, DeriveFromEventsResult>> => {
    passing ??= passOnce().finally(() => {
      passing = undefined;
    });
    return passing;
  };
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await passing;
    },
  };
}
