import path from 'node:path';
import type { CommandDef } from 'citty';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { renderTable } from '../format-table.js';
import { printJson, withNorthstar } from '../open-northstar.js';
import { createProgressBar } from '../progress-bar.js';
import { intArg, requiredArg } from '../parse-args.js';

/** `northstar import FILE --project ID`: bulk import through the ingest pipeline. */
export function importCommand(io: CliIo): CommandDef {
  return defineNorthstarCommand({
    meta: {
      name: 'import',
      description:
        'Import events from a .csv, .jsonl/.ndjson, .json or .parquet file through the same validation, dedup and quarantine as HTTP ingestion. Historical timestamps are kept.',
    },
    args: {
      file: { type: 'positional', description: 'File to import (.csv, .jsonl, .ndjson, .json, .parquet)', required: true },
      project: { type: 'string', description: 'Project id to import into (required)', valueHint: 'id' },
      'batch-size': { type: 'string', description: 'Events per write', default: '5000', valueHint: 'n' },
      json: { type: 'boolean', description: 'Print the summary as JSON' },
    },
    examples: [
      'northstar import events.jsonl --project my-app',
      'northstar import export.csv --project my-app --batch-size 2000',
      'northstar import events.parquet --project my-app --json',
      '# CSV columns: event, distinct_id, timestamp, uuid, properties (a JSON object), prop_<name> or any other column → property',
    ],
    async run({ args }) {
      const projectId = requiredArg('project', args.project, 'northstar import events.jsonl --project my-app');
      const file = path.resolve(io.cwd, String(args.file));
      // Fail on a wrong name or path before opening the store.
      const { detectImportFormat, importFileSize } = await import('../../core/import/event-source.js');
      detectImportFormat(file);
      await importFileSize(file);
      const summary = await withNorthstar(io, async (ns, config) => {
        const batchSize = intArg('batch-size', args['batch-size'], 1, config.ingest.maxBatchEvents) ?? 5000;
        await ns.projects.get(projectId);
        const { importFile } = await import('../../core/import/import-events.js');
        return importFile(ns.ingest, { file, projectId, batchSize, progress: createProgressBar(io) });
      });
      if (args.json === true) {
        printJson(io, summary);
        return;
      }
      io.out(
        `Imported ${path.basename(summary.file)} (${summary.format}) into ${summary.projectId} in ${(summary.elapsedMs / 1000).toFixed(1)}s\n` +
          renderTable(
            ['rows', 'stored', 'duplicates', 'quarantined'],
            [[summary.rows, summary.stored, summary.duplicates, summary.quarantined].map((n) => n.toLocaleString('en-US'))],
          ),
      );
      if (summary.rejections.length > 0) {
        io.out(
          `\nQuarantined rows (first ${summary.rejections.length}; all are kept in the project's quarantine table):\n` +
            renderTable(['row', 'code', 'why'], summary.rejections.map((r) => [r.row, r.code, r.message])),
        );
      }
    },
  });
}
