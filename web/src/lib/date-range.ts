import type { MessageKey } from '../i18n/en.js';

/** Relative date ranges offered on the pages (`dateFrom`; `dateTo` is always `now`). */
export const RANGE_PRESETS = ['-7d', '-30d', '-90d', '-180d', '-365d'] as const;
/** One of {@link RANGE_PRESETS}. */
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** The dictionary key naming each preset. */
export const RANGE_LABELS: Readonly<Record<RangePreset, MessageKey>> = {
  '-7d': 'range.7d',
  '-30d': 'range.30d',
  '-90d': 'range.90d',
  '-180d': 'range.180d',
  '-365d': 'range.365d',
};
