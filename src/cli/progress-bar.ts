import type { Progress } from '../common/progress.js';
import type { CliIo } from './cli-io.js';

function formatAmount(value: number, unit: string): string {
  if (unit === 'bytes') {
    if (value >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(1)} MiB`;
    if (value >= 1024) return `${(value / 1024).toFixed(1)} KiB`;
    return `${value} B`;
  }
  return value.toLocaleString('en-US');
}

/**
 * A one-line progress bar on stderr (`[#####.....] 52%  1.2 MiB / 2.3 MiB  stored 10,000`), redrawn at most
 * ten times a second. When stderr is not a terminal it draws nothing, so logs and pipes stay clean.
 */
export function createProgressBar(io: CliIo, options: { unit?: string; width?: number; now?: () => number } = {}): Progress {
  if (!io.stderrIsTTY) return { start: () => {}, tick: () => {}, finish: () => {} };
  const now = options.now ?? Date.now;
  const width = options.width ?? 28;
  let total: number | undefined;
  let unit = options.unit ?? '';
  let label = '';
  let done = 0;
  let lastDraw = 0;
  let info: Record<string, unknown> = {};
  const draw = (force: boolean): void => {
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    const fraction = total !== undefined && total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(fraction * width);
    const extra = Object.entries(info)
      .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : String(v)}`)
      .join('  ');
    const amount = total === undefined ? formatAmount(done, unit) : `${formatAmount(done, unit)} / ${formatAmount(total, unit)}`;
    io.err(`\r${label ? label + ' ' : ''}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${amount}  ${extra}\x1b[K`);
  };
  return {
    start(newTotal, newLabel) {
      total = newTotal;
      if (newLabel !== undefined) {
        if (newLabel === 'bytes' || newLabel === 'rows') unit = newLabel;
        else label = newLabel;
      }
      draw(true);
    },
    tick(delta = 1, newInfo) {
      done += delta;
      if (newInfo !== undefined) info = newInfo;
      draw(false);
    },
    finish(newInfo) {
      if (total !== undefined) done = total;
      if (newInfo !== undefined) info = newInfo;
      draw(true);
      io.err('\n');
    },
  };
}
