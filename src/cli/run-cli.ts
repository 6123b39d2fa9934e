import { runCommand, type CommandDef } from 'citty';
import { NorthstarError, toNorthstarError } from '../common/errors.js';
import { nnBackendFromEnv } from '../config.js';
import { useComputeBackend } from '../core/index.js';
import type { CliIo } from './cli-io.js';
import { alertsCommand, monitorsCommand } from './commands/alerts.js';
import { anomalyCommand } from './commands/anomaly.js';
import { demoCommand } from './commands/demo.js';
import { doctorCommand } from './commands/doctor.js';
import { evaluateCommand } from './commands/evaluate.js';
import { feedbackCommand } from './commands/feedback.js';
import { importCommand } from './commands/import.js';
import { insightCommand } from './commands/insight.js';
import { predictCommand } from './commands/predict.js';
import { projectCommand } from './commands/project.js';
import { recommendCommand } from './commands/recommend.js';
import { sentimentCommand } from './commands/sentiment.js';
import { serveCommand } from './commands/serve.js';
import { trainCommand } from './commands/train.js';
import { defineNorthstarCommand, renderHelp, resolveCommandPath } from './define-command.js';

/** The CLI's version (kept in step with package.json by the release). */
export const CLI_VERSION = '0.1.0';

/** The whole command tree as data. Commands write through `io`, so tests run them with a recording io. */
export function createMainCommand(io: CliIo): CommandDef {
  return defineNorthstarCommand({
    meta: { name: 'northstar', version: CLI_VERSION, description: 'Northstar: self-hosted product intelligence (events, analytics, demo shop).' },
    subCommands: {
      serve: serveCommand(io),
      project: projectCommand(io),
      demo: demoCommand(io),
      import: importCommand(io),
      insight: insightCommand(io),
      doctor: doctorCommand(io),
      recommend: recommendCommand(io),
      train: trainCommand(io),
      evaluate: evaluateCommand(io),
      predict: predictCommand(io),
      anomaly: anomalyCommand(io),
      feedback: feedbackCommand(io),
      monitors: monitorsCommand(io),
      alerts: alertsCommand(io),
      sentiment: sentimentCommand(io),
    },
    examples: [
      'northstar demo && northstar serve        # try it with the demo shop',
      'northstar project create "My App" --json',
      'northstar import events.jsonl --project my-app',
      "northstar insight funnel --project demo-shop --steps '$pageview,product_viewed,order_completed' --window 7d",
      'northstar doctor',
    ],
  });
}

// citty colours its messages; errors are printed plain (they may be piped or parsed).
const ANSI_COLOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** citty reports usage mistakes (missing positional, unknown command, bad enum) as its own error type. */
function fromUsageError(error: unknown): NorthstarError | undefined {
  if (error instanceof Error && error.name === 'CLIError') {
    const message = error.message.replace(ANSI_COLOR, '');
    return new NorthstarError('INVALID_ARGUMENT', message, { hint: 'Run the command with --help to see its arguments and examples.' });
  }
  return undefined;
}

/** Prints an error as `error CODE: message` + `hint: ...` on stderr, or as `{ "error": {...} }` on stdout with --json. */
export function printError(io: CliIo, error: NorthstarError, json: boolean): void {
  if (json) {
    io.out(JSON.stringify({ error: error.toJSON() }, null, 2) + '\n');
    return;
  }
  io.err(`error ${error.code}: ${error.message}\nhint: ${error.hint}\n`);
}

/**
 * Runs the CLI on `rawArgs` (argv without node and the script). `--help`/`-h` prints the help of the command
 * named (with examples), `--version` the version. Returns the error it printed, if any; `main.ts` turns that into
 * the exit status. Never exits the process itself.
 */
export async function runCli(rawArgs: readonly string[], io: CliIo): Promise<NorthstarError | undefined> {
  const root = createMainCommand(io);
  const args = [...rawArgs];
  const json = args.includes('--json');
  try {
    if (args.includes('--help') || args.includes('-h') || args.length === 0) {
      const { cmd, names } = await resolveCommandPath(root, args);
      io.out(await renderHelp(cmd, names));
      return undefined;
    }
    if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
      io.out(`${CLI_VERSION}\n`);
      return undefined;
    }
    useComputeBackend(nnBackendFromEnv(io.env));
    await runCommand(root, { rawArgs: args });
    return undefined;
  } catch (thrown) {
    const error = fromUsageError(thrown) ?? toNorthstarError(thrown);
    printError(io, error, json);
    if (error.code === 'INTERNAL' && thrown instanceof Error && thrown.stack !== undefined) io.err(`${thrown.stack}\n`);
    return error;
  }
}
