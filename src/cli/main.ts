import type { ErrorCode } from '../common/error-codes.js';
import type { NorthstarError } from '../common/errors.js';
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

/**
 * Exit status per error code: 2 for input the user can fix by changing the command or its files, 3 when the data
 * directory is busy or the store unavailable (retry later), 1 for everything else. The only such table in the CLI.
 */
export const EXIT_CODES: Partial<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: 2,
  CONFIG_INVALID: 2,
  NOT_FOUND: 2,
  ALREADY_EXISTS: 2,
  QUERY_INVALID: 2,
  IMPORT_FORMAT: 2,
  IMPORT_FILE_NOT_FOUND: 2,
  UNKNOWN_COLUMN: 2,
  NO_INTERACTIONS: 2,
  INVALID_JSON: 2,
  INVALID_PAYLOAD: 2,
  EMPTY_BATCH: 2,
  BATCH_TOO_LARGE: 2,
  NN_INVALID_DATA: 2,
  NN_MODEL_FORMAT: 2,
  NN_SHAPE_MISMATCH: 2,
  NN_NON_FINITE_LOSS: 2,
  WEBHOOK_TARGET_REFUSED: 2,
  FEEDBACK_EMPTY_TEXT: 2,
  FEEDBACK_TEXT_TOO_LARGE: 2,
  STORE_LOCKED: 3,
  STORE_UNAVAILABLE: 3,
  OVERLOADED: 3,
};

/** The process exit status for the outcome of a CLI run: 0 on success. */
export function exitCodeFor(error: NorthstarError | undefined): number {
  if (error === undefined) return 0;
  return EXIT_CODES[error.code] ?? 1;
}

/** Entry point (`bin/northstar.js`): runs the CLI on the process and exits with the mapped status. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<never> {
  const error = await runCli(argv, processIo());
  process.exit(exitCodeFor(error));
}
