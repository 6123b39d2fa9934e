/**
 * Reading the per-event part of an ingestion answer (docs/ingestion.md): a 2xx lists the indices of the
 * events that were quarantined, each with its reason code.
 */

/** One rejected event of a batch: its index in the request and the reason code. */
export interface RejectedEvent {
  index: number;
  code: string;
}

/** The rejected events listed in an ingestion answer (empty when none or when the body has no list). */
export function rejectedEvents(body: unknown): RejectedEvent[] {
  if (typeof body !== 'object' || body === null) return [];
  const list = (body as { rejected?: unknown }).rejected;
  if (!Array.isArray(list)) return [];
  return list.map((entry: unknown) => {
    if (typeof entry === 'number') return { index: entry, code: '' };
    const record = entry as { index?: unknown; code?: unknown; reason?: unknown };
    return { index: Number(record.index), code: String(record.code ?? record.reason ?? '') };
  });
}

/** Indices of rejected events in an ingestion answer. */
export function rejectedIndices(body: unknown): number[] {
  return rejectedEvents(body).map((entry) => entry.index);
}
