// Public names of the core layer (listed explicitly; inside core, import the module, not this barrel).
export { createNorthstar, DEFAULT_INGEST_LIMITS, type Northstar, type NorthstarOptions, type NorthstarHealth } from './northstar.js';
export { createDuckDbStore, type DuckDbStoreOptions } from '../store/duckdb/duckdb-store.js';
export type { EventStore } from '../store/event-store.js';
export { createProjectService, PROJECT_ID_PATTERN, type ProjectService, type CreatedProject, type CreatedApiKey } from './projects/project-service.js';
export { createIngestor, type Ingestor, type IngestLimits, type IngestRequest, type IngestResult, type IngestFormat, type IndexedIssue } from './ingest/ingestor.js';
export { createCapture, type Capture, type CaptureOptions, type CaptureResult } from './ingest/capture.js';
export { decodeBody, decodeRequestBody, decompressBody, type EncodedBody, type DecodedBody } from './ingest/decode-body.js';
export { SEGMENT_TYPES, type SegmentType } from './ingest/segment-event.js';
export { resolveTimestamp, parseTime } from './ingest/timestamps.js';
export { repairSurrogates } from './ingest/surrogates.js';
export { createInsightService, parseSpec, type InsightService, type InsightKind, type Overview, type Kpi } from './insights/insight-service.js';
export { DEFAULT_NORTH_STAR } from './insights/north-star.js';
export type { RecommendationService, RecommendRequest, TrainRequest, RecommendationList, SimilarItems } from './recommend/recommendation-service.js';
export { safeEqual } from '../privacy/key-hash.js';
export type { Project, ApiKeyScope, ProjectSettings } from '../store/records.js';
export { backendStatus } from '../nn/backends/registry.js';
export { createModelTrainingService, type ModelTrainingService, type ModelTrainingJob, type TrainedModelSummary, type ModelMetrics, type EpochRecord, type TabularJobRequest } from './models/training-jobs.js';
