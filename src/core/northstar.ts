import { silentLogger, type Logger } from '../common/logger.js';
import type { EventStore } from '../store/event-store.js';
import { createAlertService, type AlertService, type AlertServiceOptions } from './alerts/alert-service.js';
import { createFeedbackService, type FeedbackService } from './feedback/feedback-service.js';
import { sentimentIndexProvider } from './feedback/sentiment-index.js';
import { createCapture, type Capture } from './ingest/capture.js';
import { createIngestor, type IngestLimits, type Ingestor } from './ingest/ingestor.js';
import { createInsightService, type InsightService } from './insights/insight-service.js';
import { createProjectService, type ProjectService } from './projects/project-service.js';
import { createRecommendationService, type RecommendationService } from './recommend/recommendation-service.js';

/** Ingest limits used when the caller passes none (the same defaults as `loadConfig`). */
export const DEFAULT_INGEST_LIMITS: IngestLimits = Object.freeze({
  maxBodyBytes: 20 * 1024 * 1024,
  maxEventBytes: 1024 * 1024,
  maxBatchEvents: 10_000,
  maxPendingEvents: 200_000,
});

/** Options of {@link createNorthstar}. */
export interface NorthstarOptions {
  store: EventStore;
  logger?: Logger;
  limits?: IngestLimits;
  /** HMAC key of the API-key hash; keep it stable for a data directory (default: a fixed domain separator). */
  keyPepper?: string;
  /** Folder of saved recommendation model versions (server: `<dataDir>/recommend`); in memory only without it. */
  recommendModelsDir?: string;
  /** Alert delivery (webhook allow-list, timeouts, retries, SMTP) and the default language of alert texts. */
  alerts?: Pick<AlertServiceOptions, 'delivery' | 'defaultLanguage'>;
}

/** Liveness and load of the ingest path, as `/health` reports it. */
export interface NorthstarHealth {
  /** True when events are accepted right now (store open, not shedding load, last write succeeded). */
  accepting: boolean;
  /** Why not, when not accepting. */
  reason?: 'overloaded' | 'store_failing' | 'closed';
  pendingEvents: number;
}

/**
 * The application service the HTTP API and the CLI share: one object holding the store and every use-case.
 * Neither api/ nor cli/ talks to the store directly.
 */
export interface Northstar {
  readonly store: EventStore;
  readonly logger: Logger;
  readonly limits: IngestLimits;
  readonly projects: ProjectService;
  /** Personal API keys: mint (`create`) and check (`authenticate`). */
  readonly keys: Pick<ProjectService, 'authenticate'> & { create: ProjectService['createKey'] };
  readonly ingest: Capture & { readonly ingestor: Ingestor };
  readonly insights: InsightService;
  /** Recommendation training jobs, model versions and serving (docs/recommendations.md "Serving"). */
  readonly recommendations: RecommendationService;
  /** Monitors, scans, alerts, delivery and the scan scheduler (docs/alerts.md). */
  readonly alerts: AlertService;
  /** Feedback in, analysis at write time, and opinion monitoring (docs/feedback.md). */
  readonly feedback: FeedbackService;
  health(): NorthstarHealth;
  /** Closes the store (after queued writes finished). */
  close(): Promise<void>;
}

/** Wires the use-cases over a store. Merges defaults once, here. */
export function createNorthstar(options: NorthstarOptions): Northstar {
  const store = options.store;
  const logger = options.logger ?? silentLogger;
  const limits = options.limits ?? DEFAULT_INGEST_LIMITS;
  const projects = createProjectService(options.keyPepper === undefined ? { store } : { store, keyPepper: options.keyPepper });
  const ingestor = createIngestor({ store, logger, limits });
  const capture = createCapture({ ingestor, projects });
  let closed = false;
  const feedback = createFeedbackService({ store, logger });
  const alerts = createAlertService({ store, logger, ...(options.alerts ?? {}) });
  // monitors can watch the daily sentiment index as the `sentiment_index` provider series
  alerts.registerSeriesProvider('sentiment_index', sentimentIndexProvider(store));
  return {
    store,
    logger,
    limits,
    projects,
    keys: { authenticate: projects.authenticate, create: projects.createKey },
    ingest: { ...capture, ingestor },
    insights: createInsightService({ store }),
    recommendations: createRecommendationService(options.recommendModelsDir === undefined ? { store } : { store, modelsDir: options.recommendModelsDir }),
    alerts,
    feedback,
    health: () => {
      const pendingEvents = ingestor.pendingEvents;
      if (closed) return { accepting: false, reason: 'closed', pendingEvents };
      if (ingestor.failing) return { accepting: false, reason: 'store_failing', pendingEvents };
      if (pendingEvents >= limits.maxPendingEvents) return { accepting: false, reason: 'overloaded', pendingEvents };
      return { accepting: true, pendingEvents };
    },
    async close() {
      closed = true;
      // Scans in flight write to the store: let them finish before it closes.
      await alerts.stopScheduler();
      await feedback.stopSync();
      await store.close();
    },
  };
}
