/**
 * The trained models of a project as the Models page lists them: every folder under
 * `<modelsDir>/<projectId>/` holding a finished summary (`northstar.summary.json`, written by the job
 * registry once the worker saved the model). The list lives on disk, so it survives restarts by itself.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainedModelSummary } from './training-job-types.js';
import { SUMMARY_FILE } from './training-jobs-recovery.js';
import { UPLOADS_FOLDER } from './training-jobs-uploads.js';

/** Trained models in a project's models folder, newest first; [] when nothing was trained yet. */
export async function listTrainedModels(projectDir: string): Promise<TrainedModelSummary[]> {
  let names: string[];
  try {
    names = (await readdir(projectDir)).filter((n) => n !== UPLOADS_FOLDER);
  } catch {
    return []; // no model trained yet
  }
  const out: TrainedModelSummary[] = [];
  for (const name of names) {
    try {
      out.push(JSON.parse(await readFile(join(projectDir, name, SUMMARY_FILE), 'utf8')) as TrainedModelSummary);
    } catch {
      // A folder without a summary (training interrupted, or copied in by hand) is not listed.
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
