import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../lib/api-error.js';
import { useI18n } from '../i18n/use-i18n.js';

/** A spinner with the localized "loading" text. */
export function LoadingState() {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" data-testid="state-loading">
      <span className="spinner" aria-hidden="true" />
      {t('state.loading')}
    </div>
  );
}

/** "Nothing here" with a suggestion of what to change. */
export function EmptyState({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="state state-empty" data-testid="state-empty">
      <strong>{t('state.empty')}</strong>
      <span>{children ?? t('state.emptyHint')}</span>
    </div>
  );
}

/**
 * The message to show: the server's own words for its errors, the dictionary's for the ones the dashboard
 * raises itself (no answer, an answer without the error envelope, an answer of the wrong shape).
 */
function errorMessage(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return t('error.network');
    if (error.code === 'INVALID_RESPONSE') return t('error.invalidResponse');
    if (error.code.startsWith('HTTP_')) return t('error.http', { status: error.status });
  }
  return error instanceof Error ? error.message : String(error);
}

/** The API's error code, message and hint, with a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const api = error instanceof ApiError ? error : null;
  const message = errorMessage(error, t);
  return (
    <div className="state state-error" role="alert" data-testid="state-error">
      <strong>{t('state.errorTitle')}</strong>
      <code className="error-code" data-testid="error-code">{api?.code ?? 'INTERNAL'}</code>
      <p className="error-message">{message}</p>
      {api?.hint ? (
        <p className="error-hint">
          <em>{t('state.hint')}:</em> {api.hint}
        </p>
      ) : null}
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          {t('state.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Props of {@link QueryView}. */
export interface QueryViewProps<T> {
  query: UseQueryResult<T>;
  /** True when the loaded data has nothing worth drawing. */
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
  /**
   * A query this one waits for (the event names the page builds its spec from). Its error is shown here, and
   * when it loaded but left nothing to ask (a project without events), the empty state is.
   */
  blockedBy?: UseQueryResult<unknown>;
}

/**
 * Renders a query's three non-happy states the same way on every page, and `children(data)` otherwise. While a
 * new answer loads the previous one stays on screen, dimmed, so the layout does not jump.
 */
export function QueryView<T>({ query, isEmpty, children, blockedBy }: QueryViewProps<T>) {
  if (blockedBy?.isError) return <ErrorState error={blockedBy.error} onRetry={() => void blockedBy.refetch()} />;
  if (query.isPending) {
    // Disabled and never run while its input is loaded: there is nothing to ask, so nothing to show.
    if (query.fetchStatus === 'idle' && blockedBy?.isSuccess) return <EmptyState />;
    return <LoadingState />;
  }
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  if (isEmpty?.(data)) return <EmptyState />;
  return <div className={query.isFetching ? 'query-body is-fetching' : 'query-body'}>{children(data)}</div>;
}
