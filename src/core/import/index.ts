// Public names of bulk import (listed explicitly).
export { importFile, openEventSource, type ImportFileOptions, type ImportSummary, type ImportRejection } from './import-events.js';
export { detectImportFormat, type ImportFormat, type EventSource, type SourceRecord } from './event-source.js';
export { csvRowToEvent, csvValue } from './csv-source.js';
export { parquetRowToEvent, parquetValue } from './parquet-source.js';
