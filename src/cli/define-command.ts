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

/** The sub-command that `rawArgs` names (following positionals through `subCommands`) and the names on the way. */
export async function resolveCommandPath(root: CommandDef, rawArgs: readonly string[]): Promise<{ cmd: CommandDef; names: string[] }> {
  let cmd: CommandDef = root;
  const rootMeta = await resolve(root.meta);
  const names = [rootMeta?.name ?? 'northstar'];
  for (const arg of rawArgs) {
    if (arg.startsWith('-')) continue;
    const subs = await resolve(cmd.subCommands);
    const next = subs === undefined ? undefined : await resolve(subs[arg]);
    if (next === undefined) break;
    names.push(arg);
    cmd = next as CommandDef;
  }
  return { cmd, names };
}

/** `--help` text of a command: citty's usage (titled with the full command path) plus an EXAMPLES section. */
export async function renderHelp(cmd: CommandDef, names: readonly string[] = []): Promise<string> {
  const parent: CommandDef | undefined = names.length > 1 ? { meta: { name: names.slice(0, -1).join(' ') } } : undefined;
  // citty pads every column, leaving trailing blanks on long lines; trim them.
  const usage = (await renderUsage(cmd, parent)).replace(/[ \t]+$/gm, '').trimEnd();
  const examples = EXAMPLES.get(cmd);
  if (examples === undefined || examples.length === 0) return usage + '\n';
  return `${usage}\n\nEXAMPLES\n\n${examples.map((e) => (e.startsWith('#') ? `  ${e}` : `  $ ${e}`)).join('\n')}\n`;
}
