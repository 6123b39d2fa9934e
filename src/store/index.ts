/** Public names of the store layer. Core imports from here; inside store/, import modules directly. */
export type { EventStore } from './event-store.js';
export type {
  ApiKeyRecord,
  ApiKeyScope,
  FeedbackRecord,
  ItemRecord,
  NewEvent,
  PersonRecord,
  Project,
  ProjectSettings,
  QuarantineRecord,
  StoredEvent,
  WriteBatch,
  WriteResult,
} from './records.js';
export type { FeedbackAspect, FeedbackFilter, FeedbackGroupBy, FeedbackSummaryRow } from './feedback-records.js';
export type { AlertDeliveryRecord, AlertQuery, AlertRecord, AlertStatus, AlertUpdate, MonitorRecord } from './monitor-records.js';
export type { TrainingEpochRecord, TrainingJobQuery, TrainingJobRecord } from './training-job-records.js';
export {
  dateValueSchema,
  eventSelectorSchema,
  funnelActorsSpecSchema,
  funnelSpecSchema,
  insightSpecSchema,
  intervalSchema,
  lifecycleSpecSchema,
  pathsSpecSchema,
  propertyFilterSchema,
  propertyKeySchema,
  retentionSpecSchema,
  trendSpecSchema,
} from './insights/spec.js';
export type {
  EventSelector,
  FunnelActorsResult,
  FunnelActorsSpec,
  FunnelResult,
  FunnelSpec,
  FunnelSpecInput,
  FunnelStepResult,
  InsightResult,
  InsightResultFor,
  InsightSpec,
  Interval,
  LifecycleResult,
  LifecycleSpec,
  LifecycleSpecInput,
  PathsResult,
  PathsSpec,
  PathsSpecInput,
  PropertyFilter,
  RetentionResult,
  RetentionSpec,
  RetentionSpecInput,
  SeriesPoint,
  TrendResult,
  TrendSpec,
  TrendSpecInput,
} from './insights/spec.js';
export { createDuckDbStore, type DuckDbStoreOptions } from './duckdb/duckdb-store.js';
