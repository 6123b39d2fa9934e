import { createContext, useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { MessageKey } from './en.js';
import { DICTIONARIES, pickLanguage, translate } from './translate.js';
import type { Language, MessageParams } from './translate.js';

/** localStorage key holding the chosen language. */
export const LANGUAGE_STORAGE_KEY = 'northstar.lang';

/** What `useI18n()` gives a component. */
export interface I18n {
  lang: Language;
  setLang: (lang: Language) => void;
  t: (key: MessageKey, params?: MessageParams) => string;
}

/** The i18n context; read it with `useI18n()`. */
export const I18nContext = createContext<I18n | null>(null);

function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage can be disabled (private mode); fall back to the browser language
  }
}

/** Holds the current language, persists changes, and keeps `<html lang>` in step for screen readers. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => pickLanguage(readStoredLanguage(), navigator.languages ?? [navigator.language]));

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still holds for this page
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${DICTIONARIES[lang]['app.name']} · ${DICTIONARIES[lang]['app.tagline']}`;
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[lang];
    return { lang, setLang, t: (key, params) => translate(dict, key, params) };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
