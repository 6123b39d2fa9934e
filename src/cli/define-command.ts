import { renderUsage, type ArgsDef, type CommandDef } from 'citty';

const EXAMPLES = new WeakMap<object, readonly string[]>();

/**
 * A citty command with examples for `--help`. Commands stay plain data (citty `CommandDef`); the examples are
 * kept beside them so help can teach by showing real invocations.
 */
export function defineNorthstarCommand<const T extends ArgsDef>(def: CommandDef<T> & { examples?: readonly string[] }): CommandDef {
  const { examples, ...command } = def;
  if (examples !== undefined) EXAMPLES.set(command, examples);
  // The typed args only matter inside `run`; the tree holds commands of every shape (citty's own
  // SubCommandsDef erases them the same way), so the parsed-args type is dropped here.
  return command as unknown as CommandDef;
}

async function resolve<T>(value: T | Promise<T> | (() => T) | (() => Promise<T>) | undefined): Promise<T | undefined> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;
}

/** The sub-command that `rawArgs` names (following positionals through `subCommands`), with its parent. */
export async function resolveCommandPath(root: CommandDef, rawArgs: readonly string[]): Promise<{ cmd: CommandDef; parent?: CommandDef }> {
  let cmd: CommandDef = root;
  let parent: CommandDef | undefined;
  for (const arg of rawArgs) {
    if (arg.startsWith('-')) continue;
    const subs = await resolve(cmd.subCommands);
    const next = subs === undefined ? undefined : await resolve(subs[arg]);
    if (next === undefined) break;
    parent = cmd;
    cmd = next as CommandDef;
  }
  return parent === undefined ? { cmd } : { cmd, parent };
}

/** `--help` text of a command: citty's usage plus an EXAMPLES section. */
export async function renderHelp(cmd: CommandDef, parent?: CommandDef): Promise<string> {
  const usage = await renderUsage(cmd, parent);
  const examples = EXAMPLES.get(cmd);
  if (examples === undefined || examples.length === 0) return usage + '\n';
  return `${usage}\nEXAMPLES\n\n${examples.map((e) => (e.startsWith('#') ? `  ${e}` : `  $ ${e}`)).join('\n')}\n`;
}
