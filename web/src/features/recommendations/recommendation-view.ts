import type { Language } from '../../i18n/translate.js';
import type { Explanation, ListReason, ModelVersionSummary, PersonEvent, TrainingJob } from './api/types.js';

/** The explanation in the page's language (the API sends both; Chinese for zh-CN, English otherwise). */
export function explanationText(explanation: Explanation, lang: Language): string {
  return lang === 'zh-CN' ? explanation.zh : explanation.en;
}

/** Dictionary key of a list's reason; null for a personal list, which needs no note. */
export function reasonKey(reason: ListReason): `recs.reason.${Exclude<ListReason, 'personalized'>}` | null {
  return reason === 'personalized' ? null : `recs.reason.${reason}`;
}

/**
 * Share of a job's current stage that is done, in [0, 1], or null when the stage has no known total (evaluate
 * and fit report only their label), so the bar shows an indeterminate state instead of a made-up number.
 */
export function jobFraction(job: Pick<TrainingJob, 'progress' | 'status'>): number | null {
  if (job.status !== 'running') return 1;
  const { done, total } = job.progress;
  if (total === null || total <= 0) return null;
  return Math.min(1, Math.max(0, done / total));
}

/** Versions newest first (the API lists them oldest first), so the latest training is on top. */
export function versionsNewestFirst(versions: readonly ModelVersionSummary[]): ModelVersionSummary[] {
  return [...versions].sort((a, b) => b.version - a.version);
}

// Properties that name the item an event is about, in the order the demo shop and common SDKs use them.
const ITEM_PROPERTIES = ['product_id', 'item_id', 'sku'] as const;

/** The item an event is about (its `product_id`, `item_id` or `sku`), or null. */
export function eventItem(event: Pick<PersonEvent, 'properties'>): string | null {
  for (const key of ITEM_PROPERTIES) {
    const value = event.properties[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return null;
}

/** The items a user touched, most recent first, without repeats (offered as "similar to" shortcuts). */
export function recentItems(events: readonly PersonEvent[], max: number): string[] {
  const out: string[] = [];
  for (const e of events) {
    const item = eventItem(e);
    if (item !== null && !out.includes(item)) out.push(item);
    if (out.length >= max) break;
  }
  return out;
}
