/**
 * Every error code Northstar can report, in one table. The HTTP status for each code lives only at the
 * edge (`src/api/http-status.ts`), and the exit status only in `src/cli/main.ts`. `docs/errors.md` lists the
 * same codes; a test keeps the two in step. Append new codes; never rename a published one.
 */
export const ERROR_CODES = {
  // generic
  INTERNAL: { hint: 'This is a bug in Northstar; please report it with the log lines around it.' },
  INVALID_ARGUMENT: { hint: 'Check the argument named in the message against the documentation or --help.' },
  NOT_FOUND: { hint: 'Check the id or name; list what exists with the matching list command or endpoint.' },
  ALREADY_EXISTS: { hint: 'Pick another name, or use the existing one.' },
  CONFIG_INVALID: { hint: 'Fix the environment variables listed in the message (see docs/configuration.md).' },
  // auth
  UNAUTHENTICATED: { hint: 'Send a personal API key as "Authorization: Bearer <key>" (create one with `northstar project create`).' },
  FORBIDDEN: { hint: 'The key does not grant this project or scope; use a key created for this project with the needed scope.' },
  INVALID_TOKEN: { hint: 'The project token is unknown; copy it from `northstar project create` or the dashboard settings.' },
  // ingestion
  INVALID_JSON: { hint: 'The body must be valid JSON (UTF-8), optionally gzip- or base64-encoded as posthog-js sends it.' },
  INVALID_PAYLOAD: { hint: 'The body parsed but does not have the documented shape; see docs/ingestion.md.' },
  EMPTY_BATCH: { hint: 'Send at least one event in the batch.' },
  BATCH_TOO_LARGE: { hint: 'Split the batch; at most the documented number of events per request is accepted.' },
  PAYLOAD_TOO_LARGE: { hint: 'The request body (after decompression) exceeds the limit; send smaller batches.' },
  UNSUPPORTED_ENCODING: { hint: 'Use Content-Encoding gzip or identity, or compression=gzip-js / base64 as posthog-js does.' },
  OVERLOADED: { hint: 'The server is shedding load; retry after the Retry-After seconds with the same event ids.' },
  STORE_UNAVAILABLE: { hint: 'The store could not make the write durable; retry with the same event ids.' },
  // per-event quarantine reasons (reported per index, stored in the quarantine table)
  EVENT_MISSING_NAME: { hint: 'Every event needs a non-empty "event" name.' },
  EVENT_MISSING_DISTINCT_ID: { hint: 'Every event needs a distinct_id (PostHog) or userId/anonymousId (Segment).' },
  EVENT_INVALID_TYPE: { hint: 'A field has the wrong type; "event" and "distinct_id" are strings, "properties" an object.' },
  EVENT_INVALID_UUID: { hint: 'The uuid / messageId must be a non-empty string of at most 200 characters.' },
  EVENT_INVALID_TIMESTAMP: { hint: 'Timestamps must be ISO-8601 strings or epoch milliseconds between 2000 and 2100.' },
  EVENT_TOO_LARGE: { hint: 'One event may be at most the documented size; move large blobs out of properties.' },
  // store
  STORE_LOCKED: { hint: 'Another Northstar process holds the data directory; stop it or point NORTHSTAR_DATA_DIR elsewhere.' },
  STORE_MIGRATION_FAILED: { hint: 'The data directory was written by an incompatible version; back it up and see docs/store.md.' },
  QUERY_INVALID: { hint: 'The insight spec does not match its schema; see docs/insights.md for the fields.' },
  // import
  IMPORT_FORMAT: { hint: 'Import reads .csv, .jsonl/.ndjson, .json and .parquet files; name the file accordingly.' },
  IMPORT_FILE_NOT_FOUND: { hint: 'Check the path; it is resolved against the current directory.' },
  // neural-network engine
  NN_BACKEND_UNAVAILABLE: { hint: 'Build the native addon with `node native/build.js` (needs g++, make, python3, libopenblas-dev), or use the js backend.' },
  NN_SHAPE_MISMATCH: { hint: 'Check the tensor shapes in the message against the layer or op that received them.' },
  NN_NOT_COMPILED: { hint: 'Call model.compile({ optimizer, loss }) before fit or evaluate.' },
  NN_NON_FINITE_LOSS: { hint: 'The loss became NaN or Infinity: lower the learning rate, scale the inputs, or check the data for NaN/Inf.' },
  NN_INVALID_DATA: { hint: 'Inputs and labels must be finite numbers with matching sample counts; labels must be valid class indices.' },
  // recommendations
  UNKNOWN_COLUMN: { hint: 'Name the column as in the header, or give its 1-based position (for example --item-col 2).' },
  NO_INTERACTIONS: { hint: 'The file or project has no usable interactions: check the separator, the columns and that weights are positive.' },
  // cli
  DOCTOR_CHECK_FAILED: { hint: 'Fix the failed checks printed by `northstar doctor` (each names what to do), then run it again.' },
  // api
  RATE_LIMITED: { hint: 'Too many failed authentications from this address; wait for Retry-After seconds and check the key.' },
  NN_MODEL_FORMAT: { hint: 'The model folder is missing, corrupt, or from an incompatible version; retrain it or export it again (see docs/nn.md, "Model folder").' },
  // model uploads and background jobs
  UPLOAD_INVALID_ARCHIVE: { hint: 'Upload a .zip (or pick a folder in the dashboard) holding one sub-folder of images per class.' },
  UPLOAD_UNSAFE_PATH: { hint: 'Archive entries must be relative paths inside the archive (no "..", no absolute or drive paths); re-create the zip from the image folder.' },
  JOB_WORKER_CRASHED: { hint: 'The training worker stopped unexpectedly (out of memory, or a bug); try fewer or smaller images, then report it with the log lines around it.' },
  // alerts
  WEBHOOK_TARGET_REFUSED: { hint: 'Webhook targets must be public http(s) addresses; an admin can allow an internal host with NORTHSTAR_WEBHOOK_ALLOW (docs/alerts.md).' },
  // feedback
  FEEDBACK_EMPTY_TEXT: { hint: 'Every feedback item needs a "text" with at least one letter, digit or emoji after HTML is stripped.' },
  FEEDBACK_TEXT_TOO_LARGE: { hint: 'A feedback text may be at most 20,000 characters; split long documents or send a summary.' },
  // training jobs across restarts
  JOB_INTERRUPTED: { hint: 'The server stopped while this job was training; start it again (POST .../models/jobs/:jobId/retry, or Retry on the Models page while its upload is kept).' },
  JOB_NOT_RETRYABLE: { hint: 'Only an interrupted job whose upload is still kept can be retried; upload the file again and train a new model.' },
} as const satisfies Record<string, { hint: string }>;

/** One of the stable error codes from {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** True when `code` is a known error code. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}
