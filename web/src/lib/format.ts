import type { MessageKey } from '../i18n/en.js';
import type { Language, MessageParams } from '../i18n/translate.js';

type T = (key: MessageKey, params?: MessageParams) => string;

/** A count with the language's digit grouping (12,345). Non-integers keep up to two decimals. */
export function formatNumber(value: number, lang: Language): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: Number.isInteger(value) ? 0 : 2 }).format(value);
}

/** A fraction in [0, 1] as a percentage with one decimal (42.5%). */
export function formatPercent(fraction: number, lang: Language): string {
  return new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(fraction);
}

/** A signed relative change (0.12 → "+12.0%"), split so the caller can colour the sign. */
export function formatChange(change: number, lang: Language): { sign: '+' | '-' | ''; pct: string } {
  const sign = change > 0 ? '+' : change < 0 ? '-' : '';
  return { sign, pct: formatPercent(Math.abs(change), lang) };
}

/** A duration in seconds in the largest unit that keeps it readable (45 s, 12 min, 3.5 h, 2 d). */
export function formatDuration(seconds: number | null, t: T): string {
  if (seconds === null || !Number.isFinite(seconds)) return t('common.none');
  const round1 = (x: number): number => Math.round(x * 10) / 10;
  if (seconds < 60) return t('unit.seconds', { n: Math.round(seconds) });
  if (seconds < 3600) return t('unit.minutes', { n: round1(seconds / 60) });
  if (seconds < 86400) return t('unit.hours', { n: round1(seconds / 3600) });
  return t('unit.days', { n: round1(seconds / 86400) });
}

/**
 * A bucket start (ISO-8601, UTC) as a short label for an axis: the date for day/week/month buckets, the
 * date and hour for hourly ones. Kept in UTC because the API buckets in UTC.
 */
export function formatBucket(iso: string, interval: 'hour' | 'day' | 'week' | 'month'): string {
  const date = iso.slice(0, 10);
  if (interval === 'hour') return `${date.slice(5)} ${iso.slice(11, 13)}:00`;
  if (interval === 'month') return date.slice(0, 7);
  return date;
}
