import { access, constants, mkdir } from 'node:fs/promises';
import type { CommandDef } from 'citty';
import { NorthstarError } from '../../common/errors.js';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { renderTable } from '../format-table.js';
import { cliConfig, printJson, withNorthstar } from '../open-northstar.js';

/** One check of `northstar doctor`. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  hint?: string;
}

/** The lowest Node.js version Northstar runs on (package.json engines). */
export const MIN_NODE = [20, 19] as const;

function nodeCheck(version: string): DoctorCheck {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { name: 'node', ok, detail: `Node.js ${version}` }
    : { name: 'node', ok, detail: `Node.js ${version} is too old`, hint: `Install Node.js ${MIN_NODE.join('.')} or newer.` };
}

/** `northstar doctor`: checks the runtime and the data directory, and says what to fix. */
export function doctorCommand(io: CliIo): CommandDef {
  return defineNorthstarCommand({
    meta: { name: 'doctor', description: 'Check the environment: Node.js version, data directory, store, neural-network backend.' },
    args: { json: { type: 'boolean', description: 'Print the checks as JSON' } },
    examples: ['northstar doctor', 'NORTHSTAR_DATA_DIR=/srv/northstar northstar doctor --json'],
    async run({ args }) {
      const checks: DoctorCheck[] = [nodeCheck(process.version)];
      const config = cliConfig(io);
      let writable = false;
      try {
        await mkdir(config.store.dataDir, { recursive: true });
        await access(config.store.dataDir, constants.W_OK);
        writable = true;
        checks.push({ name: 'data directory', ok: true, detail: `${config.store.dataDir} is writable` });
      } catch (error) {
        checks.push({
          name: 'data directory', ok: false, detail: `${config.store.dataDir}: ${error instanceof Error ? error.message : String(error)}`,
          hint: 'Point NORTHSTAR_DATA_DIR at a directory this user can write.',
        });
      }
      if (writable) {
        try {
          const summary = await withNorthstar(io, async (ns) => {
            const projects = await ns.projects.list();
            let events = 0;
            for (const p of projects) events += await ns.store.countEvents(p.id);
            return `${config.store.dbFile} opens: ${projects.length} project(s), ${events.toLocaleString('en-US')} event(s)`;
          });
          checks.push({ name: 'store', ok: true, detail: summary });
        } catch (error) {
          const e = error instanceof NorthstarError ? error : undefined;
          checks.push({ name: 'store', ok: false, detail: e ? `${e.code}: ${e.message}` : String(error), ...(e ? { hint: e.hint } : {}) });
        }
      }
      // The neural-network backend is optional (js always works); report it without failing the doctor.
      const { backendStatus } = await import('../../core/index.js');
      const nn = backendStatus();
      const nnCheck: DoctorCheck = { name: 'nn backend', ok: true, detail: `${nn.active}: ${nn.description}; available: ${nn.available.join(', ')}` };
      if (!nn.native.available) {
        const fallback = nn.wasm.available ? 'the portable wasm backend (SIMD) is used' : `wasm unavailable too (${nn.wasm.reason ?? 'unknown reason'}), so js is used`;
        nnCheck.hint = `native backend not loaded (${nn.native.reason ?? 'unknown reason'}); ${fallback}; build it with \`node native/build.js\` for BLAS speed (NORTHSTAR_NN_BACKEND=auto|native|wasm|js picks one)`;
      }
      checks.push(nnCheck);
      const failed = checks.filter((c) => !c.ok);
      if (args.json === true) printJson(io, { ok: failed.length === 0, checks });
      else io.out(renderTable(['check', 'status', 'detail'], checks.map((c) => [c.name, c.ok ? 'ok' : 'FAIL', c.hint ? `${c.detail} (${c.hint})` : c.detail])));
      if (failed.length > 0) {
        throw new NorthstarError('DOCTOR_CHECK_FAILED', `${failed.length} check(s) failed: ${failed.map((c) => c.name).join(', ')}`, {
          hint: failed[0]?.hint ?? 'Fix the failed checks above.',
          details: { checks: failed },
        });
      }
    },
  });
}
