import type { CommandDef } from 'citty';
import type { LoadDemoShopOptions } from '../../core/demo/load-demo-shop.js';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { printJson, withNorthstar } from '../open-northstar.js';
import { createProgressBar } from '../progress-bar.js';
import { intArg, stringArg } from '../parse-args.js';

/** `northstar demo`: generate and load the demo shop into project `demo-shop`. */
export function demoCommand(io: CliIo): CommandDef {
  return defineNorthstarCommand({
    meta: {
      name: 'demo',
      description:
        'Load the demo shop (5,000 shoppers, 90 days, 500 products, a promo peak and a planted incident) into project "demo-shop". Safe to rerun: a complete load of the same demo is skipped, a partial one is completed (events are deduplicated).',
    },
    args: {
      seed: { type: 'string', description: 'Random seed; the same seed gives the same shop', default: '42', valueHint: 'n' },
      users: { type: 'string', description: 'Number of shoppers', default: '5000', valueHint: 'n' },
      days: { type: 'string', description: 'Days of history, ending yesterday', default: '90', valueHint: 'n' },
      end: { type: 'string', description: 'End of the window (exclusive, YYYY-MM-DD); default today, or the date of the first load', valueHint: 'date' },
      project: { type: 'string', description: 'Project id to load into', default: 'demo-shop', valueHint: 'id' },
      json: { type: 'boolean', description: 'Print the result (ids, counts, planted facts) as JSON' },
    },
    examples: [
      'northstar demo',
      'northstar demo --users 300 --days 30 --seed 7',
      'northstar demo --json   # includes the incident date/platform and the promo days',
    ],
    async run({ args }) {
      const options: LoadDemoShopOptions = {};
      const seed = intArg('seed', args.seed, 0, 2 ** 31 - 1);
      const users = intArg('users', args.users, 1, 1_000_000);
      const days = intArg('days', args.days, 14, 3650);
      const end = stringArg(args.end);
      const projectId = stringArg(args.project);
      if (seed !== undefined) options.seed = seed;
      if (users !== undefined) options.users = users;
      if (days !== undefined) options.days = days;
      if (end !== undefined) options.end = end;
      if (projectId !== undefined) options.projectId = projectId;
      const result = await withNorthstar(io, async (ns) => {
        const { loadDemoShop } = await import('../../core/demo/load-demo-shop.js');
        options.progress = createProgressBar(io, { unit: 'users' });
        const loaded = await loadDemoShop({ store: ns.store, projects: ns.projects }, options);
        // Default monitors (checkout conversion, daily orders, negative feedback) that find the planted incident on their first scan.
        const { installDemoMonitors } = await import('../../core/alerts/demo-monitors.js');
        await installDemoMonitors(ns.alerts, loaded.projectId);
        return loaded;
      });
      const { metadata } = result;
      if (args.json === true) {
        printJson(io, {
          id: result.projectId,
          token: result.token,
          ...(result.apiKey === undefined ? {} : { apiKey: result.apiKey }),
          created: result.created,
          alreadyLoaded: result.alreadyLoaded,
          events: result.events,
          persons: result.persons,
          items: result.items,
          feedback: result.feedback,
          elapsedMs: result.elapsedMs,
          metadata: { ...metadata, churned: { count: metadata.churned.count } },
        });
        return;
      }
      const range = `${metadata.start.slice(0, 10)} to ${metadata.end.slice(0, 10)}, exclusive`;
      const lines = [
        result.alreadyLoaded
          ? `Demo shop already loaded in project ${result.projectId} (same seed, size and end date); nothing to do`
          : `Demo shop loaded into project ${result.projectId} in ${(result.elapsedMs / 1000).toFixed(1)}s`,
        `  id      ${result.projectId}`,
        `  token   ${result.token}`,
      ];
      if (result.apiKey !== undefined) lines.push(`  apiKey  ${result.apiKey}   (secret, shown once)`);
      if (result.alreadyLoaded) {
        lines.push(`  events  ${metadata.eventCount.toLocaleString('en-US')} in the store (${range})`);
      } else {
        lines.push(
          `  events  ${result.events.stored.toLocaleString('en-US')} stored, ${result.events.duplicates.toLocaleString('en-US')} already there (${range})`,
          `  also    ${result.persons.toLocaleString('en-US')} persons, ${result.items} products, ${result.feedback.stored} new reviews/support questions`,
        );
      }
      lines.push(
        `  promo   ${metadata.promo.name.en} / ${metadata.promo.name.zh} peaking on ${metadata.promo.peakDate}`,
        `  planted checkout → purchase conversion collapses on ${metadata.incident.date} for ${metadata.incident.platform}`,
        '',
      );
      io.out(lines.join('\n'));
    },
  });
}
