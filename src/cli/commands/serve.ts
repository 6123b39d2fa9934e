import type { CommandDef } from 'citty';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { cliConfig, cliLogger } from '../open-northstar.js';
import { createProgressBar } from '../progress-bar.js';

/**
 * `northstar serve`: API + dashboard on the configured data directory until SIGINT/SIGTERM, then a clean close
 * (in-flight requests finish, the store is flushed and closed). `--demo-if-empty` is what `npm start` uses.
 */
export function serveCommand(io: CliIo): CommandDef {
  return defineNorthstarCommand({
    meta: { name: 'serve', description: 'Serve the API and the dashboard on the data directory (NORTHSTAR_DATA_DIR, NORTHSTAR_HOST, NORTHSTAR_PORT).' },
    args: {
      'demo-if-empty': { type: 'boolean', description: 'Load the demo shop first when the store has no projects (what `npm start` does)' },
    },
    examples: [
      'northstar serve',
      'NORTHSTAR_PORT=9000 NORTHSTAR_DATA_DIR=/var/lib/northstar northstar serve',
      'NORTHSTAR_HOST=0.0.0.0 northstar serve   # listen on every interface',
    ],
    async run({ args }) {
      const config = cliConfig(io);
      const logger = cliLogger(io, config);
      const { startServer } = await import('../../api/server.js');
      const server = await startServer(config, { logger });
      try {
        if (args['demo-if-empty'] === true && (await server.northstar.projects.list()).length === 0) {
          io.err('The store is empty: loading the demo shop (project demo-shop)...\n');
          const { loadDemoShop } = await import('../../core/demo/load-demo-shop.js');
          const result = await loadDemoShop(
            { store: server.northstar.store, projects: server.northstar.projects },
            { progress: createProgressBar(io, { unit: 'users' }) },
          );
          io.err(
            `Loaded ${result.events.stored.toLocaleString('en-US')} events in ${(result.elapsedMs / 1000).toFixed(1)}s. ` +
              `Project demo-shop token: ${result.token}${result.apiKey === undefined ? '' : `  API key (shown once): ${result.apiKey}`}\n`,
          );
        }
        if (args['demo-if-empty'] === true) {
          // The demo project gets its default monitors (checkout conversion, daily orders, negative feedback); existing ones are kept.
          const { installDemoMonitors, DEMO_PROJECT_ID } = await import('../../core/alerts/demo-monitors.js');
          if ((await server.northstar.store.getProject(DEMO_PROJECT_ID)) !== undefined) await installDemoMonitors(server.northstar.alerts, DEMO_PROJECT_ID);
        }
        server.northstar.alerts.startScheduler();
        // events that carry review/feedback text become analysed feedback items in the background
        if (config.feedback.syncSeconds > 0) server.northstar.feedback.startSync(config.feedback.syncSeconds * 1000);
        io.out(`Northstar is running at ${server.url}\n`);
        const signal = await io.waitForShutdown();
        io.err(`${signal}: shutting down...\n`);
      } finally {
        await server.close();
      }
      io.err('Northstar stopped.\n');
    },
  });
}
