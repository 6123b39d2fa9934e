import { en } from './en.js';
import type { Dictionary, MessageKey } from './en.js';
import { zhCN } from './zh-cn.js';

/** Languages the dashboard speaks. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** Dictionary per language. */
export const DICTIONARIES: Readonly<Record<Language, Dictionary>> = { en, 'zh-CN': zhCN };

/** Parameters substituted into `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks `key` up in `dict` and fills its `{name}` placeholders; unknown placeholders stay visible. */
export function translate(dict: Dictionary, key: MessageKey, params?: MessageParams): string {
  const template = dict[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** True when `value` names a supported language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to start in: the one the user chose before (persisted), else Chinese for any `zh*` browser
 * language, else English.
 */
export function pickLanguage(stored: string | null | undefined, browserLanguages: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
