import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../i18n/use-i18n.js';
import { setStoredApiKey } from '../lib/api-client.js';

/**
 * Asks for a personal API key when the page carries no session token (opened from another machine, or
 * behind a proxy) and the server said UNAUTHENTICATED or FORBIDDEN. The key stays in this browser only.
 */
export function ApiKeyForm({ hasSavedKey }: { hasSavedKey: boolean }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [key, setKey] = useState('');
  const apply = (value: string | null): void => {
    setStoredApiKey(value);
    void queryClient.resetQueries();
  };
  return (
    <form
      className="card api-key-form"
      data-testid="api-key-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (key.trim() !== '') apply(key.trim());
      }}
    >
      <h2>{t('auth.title')}</h2>
      <p className="muted">{t('auth.explain')}</p>
      <div className="api-key-row">
        <input className="input" type="password" autoComplete="off" placeholder={t('auth.placeholder')} aria-label={t('auth.placeholder')} value={key} onChange={(e) => setKey(e.target.value)} />
        <button type="submit" className="btn primary" disabled={key.trim() === ''}>
          {t('auth.save')}
        </button>
        {hasSavedKey ? (
          <button type="button" className="btn ghost" onClick={() => apply(null)}>
            {t('auth.forget')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
