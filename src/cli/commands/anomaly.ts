import path from 'node:path';
import type { CommandDef } from 'citty';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { renderTable } from '../format-table.js';
import { printJson } from '../open-northstar.js';
import { requiredArg, stringArg } from '../parse-args.js';

/** `northstar anomaly`: anomaly-detection tools; `anomaly nab` scores a detector on the Numenta Anomaly Benchmark. */
export function anomalyCommand(io: CliIo): CommandDef {
  const nab = defineNorthstarCommand({
    meta: { name: 'nab', description: 'Score a detector on a NAB-layout folder (three profiles) beside the published detectors.' },
    args: {
      data: { type: 'string', description: 'NAB folder: data/, labels/combined_windows.json, config/profiles.json (results/ optional)', valueHint: 'dir' },
      detector: { type: 'string', description: 'Ours (streaming default, rolling-mad, seasonal, change-point, shesd) or a published detector with raw outputs under results/ (rescored as a check)', valueHint: 'name' },
      files: { type: 'boolean', description: 'Also print the per-file raw scores' },
      json: { type: 'boolean', description: 'Print { detector, standard, rewardLowFP, rewardLowFN, files, thresholds, published }' },
    },
    examples: [
      'northstar anomaly nab --data ../shared/data/nab',
      'northstar anomaly nab --data ../shared/data/nab --detector windowedGaussian --json',
      'northstar anomaly nab --data ../shared/data/nab --detector shesd --files',
    ],
    async run({ args }) {
      const dir = path.resolve(io.cwd, requiredArg('data', args.data, 'northstar anomaly nab --data path/to/NAB'));
      const { runNabBenchmark, DEFAULT_NAB_DETECTOR } = await import('../../core/anomaly/run-nab.js');
      const r = runNabBenchmark(dir, stringArg(args.detector) ?? DEFAULT_NAB_DETECTOR);
      if (args.json === true) {
        printJson(io, {
          detector: r.detector,
          standard: r.standard,
          rewardLowFP: r.rewardLowFP,
          rewardLowFN: r.rewardLowFN,
          files: r.files,
          fileCount: r.fileCount,
          windowCount: r.windowCount,
          thresholds: r.thresholds,
          published: r.published,
        });
        return;
      }
      const f = (x: number): string => x.toFixed(2);
      io.out(`NAB scores on ${r.fileCount} files, ${r.windowCount} windows (0 = null detector, 100 = perfect)\n`);
      const th = Object.values(r.thresholds);
      io.out(`thresholds: ${th[0]!.source} (${th.map((t) => t.threshold.toPrecision(6)).join(' / ')})\n\n`);
      const rows: string[][] = [[`» ${r.detector}`, f(r.standard), f(r.rewardLowFP), f(r.rewardLowFN)]];
      for (const p of r.published) if (p.detector !== r.detector) rows.push([`  ${p.detector} (published)`, f(p.standard), f(p.rewardLowFP), f(p.rewardLowFN)]);
      rows.sort((a, b) => Number(b[1]) - Number(a[1]));
      io.out(renderTable(['detector', 'standard', 'low FP', 'low FN'], rows));
      if (args.files === true) {
        io.out('\n');
        io.out(renderTable(['file', 'standard', 'low FP', 'low FN', 'TP', 'FP', 'FN'], r.files.map((x) => [x.file, f(x.standard), f(x.rewardLowFP), f(x.rewardLowFN), String(x.tp), String(x.fp), String(x.fn)])));
      }
    },
  });
  return defineNorthstarCommand({
    meta: { name: 'anomaly', description: 'Anomaly detection: benchmark detectors on NAB.' },
    subCommands: { nab },
  });
}
