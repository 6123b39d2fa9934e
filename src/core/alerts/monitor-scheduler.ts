import type { Logger } from '../../common/logger.js';
import type { MonitorRecord } from '../../store/monitor-records.js';

/** What the scheduler needs: the monitors, whether one is due, and how to scan it. */
export interface SchedulerDeps {
  listMonitors: () => Promise<MonitorRecord[]>;
  /** Minutes between scans of a monitor (from its definition). */
  everyMinutes: (monitor: MonitorRecord) => number;
  scan: (monitor: MonitorRecord) => Promise<unknown>;
  logger: Logger;
  now?: () => number;
}

/** A running scheduler. */
export interface MonitorScheduler {
  /** Checks every monitor now and starts the due ones (the timer calls this). */
  tick(): Promise<void>;
  /** Stops the timer and waits for the scans in flight. */
  stop(): Promise<void>;
  /** Keys (`project/monitor`) of the scans in flight. */
  readonly running: ReadonlySet<string>;
}

/**
 * The in-process scheduler `serve` starts: every `tickMs` it scans each enabled monitor whose last run is older
 * than its interval (or that never ran). A monitor never has two scans at once (a slow scan makes the next tick
 * skip it); a failing scan is logged and the others go on; `stop` waits for scans in flight.
 */
export function startMonitorScheduler(deps: SchedulerDeps, tickMs = 30_000): MonitorScheduler {
  const now = deps.now ?? Date.now;
  const running = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let ticking: Promise<void> | undefined;

  async function tickOnce(): Promise<void> {
    let monitors: MonitorRecord[];
    try {
      monitors = await deps.listMonitors();
    } catch (error) {
      deps.logger.warn('monitor scheduler could not list monitors', { error: String(error) });
      return;
    }
    for (const m of monitors) {
      if (stopped) return;
      const key = `${m.projectId}/${m.id}`;
      if (!m.enabled || running.has(key)) continue;
      const last = m.lastRunAt === null ? Number.NEGATIVE_INFINITY : Date.parse(m.lastRunAt);
      if (now() - last < deps.everyMinutes(m) * 60_000) continue;
      running.add(key);
      const job = deps
        .scan(m)
        .then(
          () => deps.logger.debug('monitor scanned', { monitor: key }),
          (error: unknown) => deps.logger.warn('monitor scan failed', { monitor: key, error: error instanceof Error ? error.message : String(error) }),
        )
        .finally(() => {
          running.delete(key);
          inFlight.delete(job);
        });
      inFlight.add(job);
    }
  }

  const tick = (): Promise<void> => {
    // One tick at a time: a tick that finds the previous one still listing waits for it.
    ticking ??= tickOnce().finally(() => {
      ticking = undefined;
    });
    return ticking;
  };
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  void tick();
  return {
    tick,
    running,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await ticking;
      await Promise.all([...inFlight]);
    },
  };
}
