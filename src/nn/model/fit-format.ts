/** Keras-style text for fit: the per-epoch line and the in-place progress bar. */

/** Formats a metric value as Keras does (4 decimals). */
function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(4) : String(v);
}

/** `469/469 - 2s - 4ms/step - loss: 0.3228 - accuracy: 0.9144 - val_loss: 0.3012 - val_accuracy: 0.9200`. */
export function formatEpochLine(steps: number, elapsedMs: number, logs: Record<string, number>): string {
  const perStep = steps > 0 ? elapsedMs / steps : 0;
  const stepText = perStep >= 1 ? `${Math.round(perStep)}ms/step` : `${Math.round(perStep * 1000)}us/step`;
  const keys = Object.keys(logs).sort((a, b) => rank(a) - rank(b));
  const metrics = keys.map((k) => `${k}: ${fmt(logs[k]!)}`).join(' - ');
  return `${steps}/${steps} - ${Math.round(elapsedMs / 1000)}s - ${stepText} - ${metrics}`;
}

// loss first, then the other training metrics, then val_loss and the validation metrics (Keras 2 order).
function rank(key: string): number {
  const val = key.startsWith('val_') ? 2 : 0;
  const base = key.replace(/^val_/, '');
  return val + (base === 'loss' ? 0 : 1);
}

/** `12/469 [=>.............] - ETA: 3s - loss: 0.5123`. */
export function formatProgressBar(done: number, total: number, elapsedMs: number, logs: Record<string, number>, width = 30): string {
  const filled = Math.min(width, Math.floor((done / total) * width));
  const bar = done >= total ? '='.repeat(width) : '='.repeat(Math.max(0, filled - 1)) + '>' + '.'.repeat(width - Math.max(1, filled));
  const eta = done > 0 ? ((elapsedMs / done) * (total - done)) / 1000 : 0;
  const metrics = Object.entries(logs).map(([k, v]) => `${k}: ${fmt(v)}`).join(' - ');
  return `${String(done).padStart(String(total).length)}/${total} [${bar}] - ETA: ${Math.round(eta)}s - ${metrics}`;
}
