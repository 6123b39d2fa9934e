import type { CommandDef } from 'citty';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { renderTable } from '../format-table.js';
import { printJson, withNorthstar } from '../open-northstar.js';
import { stringArg } from '../parse-args.js';

/** `northstar project create|list`. */
export function projectCommand(io: CliIo): CommandDef {
  const create = defineNorthstarCommand({
    meta: { name: 'create', description: 'Create a project and print its public ingest token and a secret API key (shown once).' },
    args: {
      name: { type: 'positional', description: 'Display name of the project', required: true },
      id: { type: 'string', description: 'Project id (a slug: lowercase letters, digits, - and _); default: a random proj_… id', valueHint: 'slug' },
      json: { type: 'boolean', description: 'Print { "id", "token", "apiKey" } as JSON' },
    },
    examples: [
      'northstar project create "My App"',
      'northstar project create "My App" --id my-app --json',
      '# then send events with the token, e.g. posthog-js: posthog.init("<token>", { api_host: "http://127.0.0.1:8000" })',
    ],
    async run({ args }) {
      const id = stringArg(args.id);
      const created = await withNorthstar(io, (ns) => ns.projects.create(String(args.name), id === undefined ? {} : { id }));
      if (args.json === true) {
        printJson(io, { id: created.id, token: created.token, apiKey: created.apiKey });
        return;
      }
      io.out(
        `Created project ${created.name} (${created.id})\n` +
          `  token   ${created.token}   public: put it in posthog-js / Segment SDKs for ingestion\n` +
          `  apiKey  ${created.apiKey}   secret, shown once: "Authorization: Bearer <apiKey>" for the API\n`,
      );
    },
  });
  const list = defineNorthstarCommand({
    meta: { name: 'list', description: 'List projects with their ids and ingest tokens.' },
    args: { json: { type: 'boolean', description: 'Print the projects as JSON' } },
    examples: ['northstar project list', 'northstar project list --json'],
    async run({ args }) {
      const projects = await withNorthstar(io, (ns) => ns.projects.list());
      if (args.json === true) {
        printJson(io, projects.map((p) => ({ id: p.id, name: p.name, token: p.token, createdAt: p.createdAt })));
        return;
      }
      if (projects.length === 0) {
        io.out('No projects yet. Create one with `northstar project create NAME` or load the demo with `northstar demo`.\n');
        return;
      }
      io.out(renderTable(['id', 'name', 'token', 'created'], projects.map((p) => [p.id, p.name, p.token, p.createdAt.slice(0, 19)])));
    },
  });
  return defineNorthstarCommand({
    meta: { name: 'project', description: 'Create and list projects (each has its own events, token and keys).' },
    subCommands: { create, list },
    examples: ['northstar project create "My App" --json', 'northstar project list'],
  });
}
