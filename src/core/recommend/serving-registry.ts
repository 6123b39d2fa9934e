import { NorthstarError } from '../../common/errors.js';
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

/** In-memory versions of serving models per project, with one active version each. */
export interface ServingRegistry {
  /** Stores a model as the next version and makes it active. */
  add(projectId: string, model: TrainedModel): ModelVersion;
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
}

/**
 * Keeps serving models in memory (ARCHITECTURE.md "serving models are held in memory per node"). Old
 * versions stay until `keep` is exceeded, so activating one is an instant rollback.
 */
export function createServingRegistry(options: ServingRegistryOptions = {}): ServingRegistry {
  const keep = Math.max(1, options.keep ?? 3);
  const byProject = new Map<string, { versions: ModelVersion[]; active: number; next: number }>();
  const entry = (projectId: string) => {
    let e = byProject.get(projectId);
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
      while (e.versions.length > keep) {
        const drop = e.versions.findIndex((v) => v.version !== e.active);
        e.versions.splice(drop, 1);
      }
      return version;
    },
    active(projectId) {
      const e = byProject.get(projectId);
      return e?.versions.find((v) => v.version === e.active);
    },
    list(projectId) {
      const e = byProject.get(projectId);
      return e === undefined ? [] : e.versions.map((v) => summary(v, e.active));
    },
    activate(projectId, version) {
      const e = byProject.get(projectId);
      const found = e?.versions.find((v) => v.version === version);
      if (e === undefined || found === undefined) {
        throw new NorthstarError('NOT_FOUND', `project ${projectId} has no recommendation model version ${version}`, {
          hint: 'List the versions with GET /api/projects/:id/recommendations/models.',
          details: { projectId, version, versions: e?.versions.map((v) => v.version) ?? [] },
        });
      }
      e.active = version;
      return summary(found, e.active);
    },
  };
}
