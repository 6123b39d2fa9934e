import { NorthstarError } from '../../common/errors.js';
import type { ProjectService } from '../projects/project-service.js';
import type { IngestResult, Ingestor } from './ingestor.js';
import { splitNativeBody } from './native-event.js';
import { splitPostHogBody } from './posthog-event.js';
import { splitSegmentBody, type SegmentType } from './segment-event.js';

/** The result of a capture call plus the project it went to. */
export interface CaptureResult {
  projectId: string;
  result: IngestResult;
}

function decodedOf(options: CaptureOptions): { decoded?: { bytes: number } } {
  return options.decoded === undefined ? {} : { decoded: options.decoded };
}

function invalidShape(what: string): NorthstarError {
  return new NorthstarError('INVALID_PAYLOAD', `the body is not ${what}; see docs/ingestion.md`);
}

/** Options every front door takes. */
export interface CaptureOptions {
  /** Server receive time of the request. */
  receivedAt: Date;
  /** Set when `body` came from `decodeRequestBody` (see `IngestRequest.decoded`). */
  decoded?: { bytes: number } | undefined;
}

/**
 * Wire-format front doors over an {@link Ingestor}: split a parsed body, find the project from its public
 * token, ingest. The HTTP routes call these after decoding the body; so can importers and tests.
 */
export interface Capture {
  /** PostHog capture (`/capture`, `/batch`, `/e`, `/i/v0/e`, `/track`). `queryToken`/`querySentAt` come from `?token=` / `?_=`. */
  posthog(body: unknown, options: CaptureOptions & { queryToken?: string | undefined; querySentAt?: unknown }): Promise<CaptureResult>;
  /** Segment HTTP API (`/v1/*`). `basicUser` is the HTTP Basic username (the write key). */
  segment(body: unknown, options: CaptureOptions & { routeType?: SegmentType | undefined; basicUser?: string | undefined }): Promise<CaptureResult>;
  /** Native events for a project already authorised by an API key. */
  native(projectId: string, body: unknown, options: CaptureOptions): Promise<CaptureResult>;
}

/** Creates the {@link Capture} front doors. */
export function createCapture(deps: { ingestor: Ingestor; projects: ProjectService }): Capture {
  const { ingestor, projects } = deps;
  return {
    async posthog(body, options) {
      const split = splitPostHogBody(body);
      if (split === undefined) throw invalidShape('a PostHog event, an array of events or { batch: [...] }');
      const project = await projects.resolveToken(split.token ?? options.queryToken);
      const sentAt = split.sentAt ?? (options.querySentAt !== undefined && options.querySentAt !== '' ? Number(options.querySentAt) : undefined);
      const result = await ingestor.ingest({
        projectId: project.id,
        format: 'posthog',
        events: split.events,
        receivedAt: options.receivedAt,
        sentAt,
        single: split.single,
        ignoreSentAt: split.historical,
        ...decodedOf(options),
      });
      return { projectId: project.id, result };
    },
    async segment(body, options) {
      const split = splitSegmentBody(body);
      if (split === undefined) throw invalidShape('a Segment call or { batch: [...] }');
      const project = await projects.resolveToken(options.basicUser || split.writeKey);
      const segment: { routeType?: SegmentType; context?: unknown } = { context: split.context };
      if (options.routeType !== undefined) segment.routeType = options.routeType;
      const result = await ingestor.ingest({
        projectId: project.id,
        format: 'segment',
        events: split.events,
        receivedAt: options.receivedAt,
        sentAt: split.sentAt,
        single: split.single,
        segment,
        ...decodedOf(options),
      });
      return { projectId: project.id, result };
    },
    async native(projectId, body, options) {
      const split = splitNativeBody(body);
      if (split === undefined) throw invalidShape('a JSON array of events, { events: [...] } or JSON Lines');
      const result = await ingestor.ingest({
        projectId,
        format: 'native',
        events: split.events,
        receivedAt: options.receivedAt,
        sentAt: split.sentAt,
        single: split.single,
        ...decodedOf(options),
      });
      return { projectId, result };
    },
  };
}
