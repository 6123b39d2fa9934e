import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { NorthstarError } from '../../common/errors.js';
import { loadModelVersion, projectDir, readActiveFile, savedVersions, saveModelVersionAsync, writeActiveFile } from './model-files.js';
import type { TrainedModel } from './train-from-store.js';

/** A trained model with its version number (1, 2, … per project). */
export interface ModelVersion extends TrainedModel {
  version: number;
}

/** What the registry says about one version (no model internals). */
export interface ModelVersionSummary {
  version: number;
  model: string;
  trainedAt: string;
  active: boolean;
  metrics: TrainedModel['metrics'];
  counts: TrainedModel['counts'];
}

/** Versions of serving models per project (in memory, optionally saved to a folder), with one active version each. */
export interface ServingRegistry {
  /** Stores a model as the next version and makes it active. */
  add(projectId: string, model: TrainedModel): ModelVersion;
  /** Resolves when the project's latest {@link add} is written to the folder (at once without one); rejects if that write failed. */
  saved(projectId: string): Promise<void>;
  /** The active version, if any. */
  active(projectId: string): ModelVersion | undefined;
  /** Every version, oldest first. */
  list(projectId: string): ModelVersionSummary[];
  /** Makes `version` active (a rollback when it is older); NOT_FOUND when the project has no such version. */
  activate(projectId: string, version: number): ModelVersionSummary;
}

/** Options of {@link createServingRegistry}. */
export interface ServingRegistryOptions {
  /** Versions kept per project; the oldest inactive ones are dropped beyond it (default 3: an EASE version of 5,000 items holds 100 MB). */
  keep?: number;
  /**
   * Folder of saved versions (server: `<dataDir>/recommend`): each version is written to
   * `<dir>/<project>/v<N>/` and the active one to `active.json`, and a project's versions are read back on its
   * first use after a restart. Without it versions live in memory only (tests, library use).
   */
  dir?: string;
}

/**
 * Keeps serving models in memory (ARCHITECTURE.md "serving models are held in memory per node"). Old
 * versions stay until `keep` is exceeded, so activating one is an instant rollback.
 */
export function createServingRegistry(options: ServingRegistryOptions = {}): ServingRegistry {
  const keep = Math.max(1, options.keep ?? 3);
  const { dir } = options;
  const byProject = new Map<string, { versions: ModelVersion[]; active: number; next: number }>();
  /** The project's versions saved in `dir` (none without it); the first call per project reads the files. */
  const loaded = (projectId: string) => {
    let e = byProject.get(projectId);
    if (e !== undefined || dir === undefined) return e;
    const pdir = projectDir(dir, projectId);
    const numbers = savedVersions(pdir);
    const file = readActiveFile(pdir);
    const versions = numbers.map((n) => loadModelVersion(join(pdir, `v${n}`)));
    const last = numbers.at(-1) ?? 0;
    const active = file !== undefined && numbers.includes(file.active) ? file.active : last;
    e = { versions, active, next: Math.max(last + 1, file?.next ?? 1) };
    byProject.set(projectId, e);
    return e;
  };
  const saves = new Map<string, Promise<void>>();
  const lastSave = new Map<string, Promise<void>>();
  const entry = (projectId: string) => {
    let e = loaded(projectId);
    if (e === undefined) byProject.set(projectId, (e = { versions: [], active: 0, next: 1 }));
    return e;
  };
  const summary = (v: ModelVersion, active: number): ModelVersionSummary => ({
    version: v.version,
    model: v.modelSpec,
    trainedAt: v.trainedAt,
    active: v.version === active,
    metrics: v.metrics,
    counts: v.counts,
  });
  return {
    add(projectId, model) {
      const e = entry(projectId);
      const version: ModelVersion = { ...model, version: e.next++ };
      e.versions.push(version);
      e.active = version.version;
      const dropped: ModelVersion[] = [];
      while (e.versions.length > keep) {
        const drop = e.versions.findIndex((v) => v.version !== e.active);
        dropped.push(...e.versions.splice(drop, 1));
      }
      if (dir !== undefined) {
        const pdir = projectDir(dir, projectId);
        // A model without saving support stays in memory only; the active file then names a version that
        // a restart will not find, and the newest saved one becomes active instead. Writes run off the event
        // loop, one save after another per project; `saved()` waits for them.
        const previous = saves.get(projectId) ?? Promise.resolve();
        const next = previous.then(async () => {
          await saveModelVersionAsync(pdir, version);
          writeActiveFile(pdir, e.active, e.next);
          for (const v of dropped) await rm(join(pdir, `v${v.version}`), { recursive: true, force: true });
        });
        saves.set(projectId, next.catch(() => undefined));
        lastSave.set(projectId, next);
      }
      return version;
    },
    async saved(projectId) {
      await lastSave.get(projectId);
    },
    active(projectId) {
      const e = loaded(projectId);
      return e?.versions.find((v) => v.version === e.active);
    },
    list(projectId) {
      const e = loaded(projectId);
      return e === undefined ? [] : e.versions.map((v) => summary(v, e.active));
    },
    activate(projectId, version) {
      const e = loaded(projectId);
      const found = e?.versions.find((v) => v.version === version);
      if (e === undefined || found === undefined) {
        throw new NorthstarError('NOT_FOUND', `project ${projectId} has no recommendation model version ${version}`, {
          hint: 'List the versions with GET /api/projects/:id/recommendations/models.',
          details: { projectId, version, versions: e?.versions.map((v) => v.version) ?? [] },
        });
      }
      e.active = version;
      if (dir !== undefined) writeActiveFile(projectDir(dir, projectId), e.active, e.next);
      return summary(found, e.active);
    },
  };
}
