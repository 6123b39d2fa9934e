/**
 * Everything a command touches outside itself: output streams, environment, working directory, stdin and
 * shutdown signals. `main.ts` passes the real process; tests pass {@link createMemoryIo}-style fakes that record.
 */
export interface CliIo {
  /** Writes to stdout (data: tables, JSON). */
  out(text: string): void;
  /** Writes to stderr (errors, hints, progress). */
  err(text: string): void;
  /** True when stderr is a terminal: only then is a progress bar drawn. */
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Reads all of stdin (for `--spec -`). */
  readStdin(): Promise<string>;
  /** Resolves with the signal name when the process is asked to stop (SIGINT / SIGTERM). */
  waitForShutdown(): Promise<string>;
}

/** The real process as a {@link CliIo}. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      return Buffer.concat(chunks).toString('utf8');
    },
    waitForShutdown: () =>
      new Promise((resolve) => {
        const stop = (signal: NodeJS.Signals): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}

/** A recording {@link CliIo} for tests: output is kept in `stdout` / `stderr`; `shutdown()` fires the stop signal. */
export interface MemoryIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
  /** Everything written to stdout, joined. */
  text(): string;
  /** Simulates SIGTERM for a running `serve`. */
  shutdown(signal?: string): void;
}

/** Creates a {@link MemoryIo} with the given environment, working directory and stdin text. */
export function createMemoryIo(options: { env?: Record<string, string | undefined>; cwd?: string; stdin?: string } = {}): MemoryIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let fire: ((signal: string) => void) | undefined;
  const stopped = new Promise<string>((resolve) => {
    fire = resolve;
  });
  return {
    stdout,
    stderr,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
    stderrIsTTY: false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    waitForShutdown: () => stopped,
    text: () => stdout.join(''),
    shutdown: (signal = 'SIGTERM') => fire?.(signal),
  };
}
