import { useContext } from 'react';
import { I18nContext } from './i18n-provider.js';
import type { I18n } from './i18n-provider.js';

/** The current language, its setter and `t(key, params)`. Must be used under `<I18nProvider>`. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() must be used inside <I18nProvider>');
  return i18n;
}
