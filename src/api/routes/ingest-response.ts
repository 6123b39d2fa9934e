/** JSON schema of the ingest answer (core `IngestResult`), shared by every ingestion route. */
const issue = {
  type: 'object',
  properties: { index: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } },
  required: ['index', 'code', 'message'],
} as const;

/** Response schema for 200 answers of ingestion routes. */
export const ingestResponseSchema = {
  type: 'object',
  properties: {
    status: { type: 'integer' },
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: { type: 'array', items: issue },
    warnings: { type: 'array', items: issue },
    success: { type: 'boolean' },
  },
  required: ['status', 'accepted', 'duplicates', 'rejected', 'warnings'],
} as const;
