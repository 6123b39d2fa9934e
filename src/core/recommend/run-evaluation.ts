import { NorthstarError } from '../../common/errors.js';
import { evaluateModel, prepareSplit, splitTable, type ModelReport, type Protocol } from './evaluate.js';
import type { InteractionTable } from './interaction-table.js';
import type { ModelSpec } from './model-registry.js';
import { tuneModel } from './tune.js';

/** Options of {@link runEvaluation}. */
export interface RunEvaluationOptions {
  protocol: Protocol;
  k: number;
  models: readonly ModelSpec[];
  seed: number;
  /** Grid-search each model on a validation split of the training rows before the test run. */
  tune?: boolean;
  onModel?: (report: ModelReport) => void;
}

/** Dataset and split sizes, for the report header. */
export interface EvaluationSummary {
  users: number;
  items: number;
  interactions: number;
  skipped: number;
  testUsers: number;
  testInteractions: number;
}

/** Reports per model plus the summary. */
export interface EvaluationResult {
  summary: EvaluationSummary;
  reports: ModelReport[];
}

/**
 * The `recommend eval` use-case: one seeded split under the protocol, every model trained on the same
 * training rows (optionally tuned on a validation split carved from them) and scored on the test rows.
 */
export function runEvaluation(table: InteractionTable, options: RunEvaluationOptions): EvaluationResult {
  const { k, seed } = options;
  if (!Number.isInteger(k) || k < 1 || k > 1000) {
    throw new NorthstarError('INVALID_ARGUMENT', `k must be an integer from 1 to 1000, got ${k}`, { details: { k } });
  }
  const rows = splitTable(table, options.protocol, seed);
  const split = prepareSplit(table, rows);
  if (split.testUsers.length === 0) {
    throw new NorthstarError('NO_INTERACTIONS', 'the split left no test interactions (every user has a single row)', {
      hint: 'The msr and temporal protocols need users with at least two interactions.',
    });
  }
  const reports = options.models.map((spec) => {
    const tuned = options.tune === true ? { ...spec, params: tuneModel(table, rows.train, spec, { k, seed }).best } : spec;
    const report = evaluateModel(tuned, split, k, seed);
    options.onModel?.(report);
    return report;
  });
  return {
    summary: {
      users: table.userIds.length,
      items: table.itemIds.length,
      interactions: table.users.length,
      skipped: table.skipped,
      testUsers: split.testUsers.length,
      testInteractions: rows.test.length,
    },
    reports,
  };
}
