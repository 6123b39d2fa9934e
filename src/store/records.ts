/** Rows of the data model (ARCHITECTURE.md "Data model"), as the store reads and writes them. */
import type { FeedbackAspect } from './feedback-records.js';
import type { TrendSpecInput } from './insights/spec.js';

/** Settings a project can change; `northStar` is the trend the overview shows first. */
export interface ProjectSettings {
  northStar?: TrendSpecInput;
  timezone?: string;
  /** Language of texts the server writes for the project (alert messages); `en` when unset. */
  language?: 'zh-CN' | 'en';
  /**
   * Set on the demo project after a complete load: how its data was generated, so reloading it regenerates the
   * same events. `products` and `events` (the generated event count) let a rerun of the same demo see that it is
   * already loaded and skip; loads by older versions lack them and are simply reloaded through dedup.
   */
  demo?: { seed: number; users: number; days: number; end: string; products?: number; events?: number };
}

/** A project: the unit of isolation. Every query carries its id. */
export interface Project {
  id: string;
  name: string;
  /** Public ingest token (PostHog `api_key` / Segment write key); grants ingestion only. */
  token: string;
  createdAt: string;
  settings: ProjectSettings;
}

/** Scopes of a personal API key. */
export type ApiKeyScope = 'read' | 'write';

/** A personal API key as stored: only the hash of the secret is kept. */
export interface ApiKeyRecord {
  id: string;
  projectId: string;
  label: string;
  keyHash: string;
  scopes: ApiKeyScope[];
  createdAt: string;
}

/** A validated, normalised event ready to be stored (timestamps already skew-corrected). */
export interface NewEvent {
  uuid: string;
  event: string;
  distinctId: string;
  timestamp: Date;
  receivedAt: Date;
  properties: Record<string, unknown>;
  sessionId: string | null;
  /**
   * Write-only, optional: `JSON.stringify(properties)` when the caller already has it (ingestion serialises
   * large bodies' events once for the size check), so the store does not serialise them again. Must be exactly
   * that text; the store still repairs lone-surrogate escapes in it. Reads never return it.
   */
  propertiesJson?: string;
}

/** A stored event as read back. */
export interface StoredEvent extends NewEvent {
  projectId: string;
}

/** A rejected event kept with its reason, so nothing accepted in a request is silently dropped. */
export interface QuarantineRecord {
  reason: string;
  /** Position in the request's batch, when it came in a batch. */
  batchIndex: number | null;
  /** The raw event as received (JSON text, truncated to the store's limit). */
  payload: string;
  receivedAt: Date;
  details?: string;
}

/** One atomic, durable write: the promise resolves only after both parts are committed and synced. */
export interface WriteBatch {
  projectId: string;
  events: NewEvent[];
  quarantine: QuarantineRecord[];
}

/** What happened to a {@link WriteBatch}. Indices refer to `WriteBatch.events`. */
export interface WriteResult {
  stored: number;
  duplicates: number;
  duplicateIndices: number[];
  quarantined: number;
}

/** A person: properties set by identify calls; first/last seen maintained from events. */
export interface PersonRecord {
  distinctId: string;
  properties: Record<string, unknown>;
  /**
   * Write-only (`upsertPersons`): properties to store only for keys the person does not have yet (`$set_once`).
   * The store applies them inside its upsert, so concurrent writers cannot both fill a key; `properties` of the
   * same record win over them. Reads never return it.
   */
  setOnce?: Record<string, unknown>;
  firstSeen?: Date;
  lastSeen?: Date;
}

/** A catalogue item (product, article...) used by recommendations. */
export interface ItemRecord {
  itemId: string;
  properties: Record<string, unknown>;
}

/** A piece of user feedback (review, ticket, survey answer). */
export interface FeedbackRecord {
  id: string;
  source: string;
  distinctId: string | null;
  text: string;
  rating: number | null;
  lang: string | null;
  createdAt: Date;
  sentiment?: number | null;
  sentimentLabel?: string | null;
  topics?: string[] | null;
  properties?: Record<string, unknown>;
  /** Probability of `sentimentLabel` under the model that derived it (schema v3). */
  sentimentConfidence?: number | null;
  /** Aspect-level sentiment derived at write time (schema v3). */
  aspects?: FeedbackAspect[] | null;
  /** Distinct content keywords of the text, in order of appearance (schema v3). */
  keywords?: string[] | null;
}
