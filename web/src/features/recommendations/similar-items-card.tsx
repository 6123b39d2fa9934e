import { useState } from 'react';
import type { FormEvent } from 'react';
import { Card } from '../../components/controls.js';
import { EmptyState, QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useProjectId } from '../projects/project-context.js';
import { useSimilarItems } from './api/get-similar-items.js';

/** Items similar to one product: typed, or picked from a user's history or list (`item`). */
export function SimilarItemsCard({ item, onItem }: { item: string | null; onItem: (itemId: string) => void }) {
  const { t } = useI18n();
  const projectId = useProjectId();
  const [draft, setDraft] = useState('');
  const similar = useSimilarItems(projectId, item);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (draft.trim() !== '') onItem(draft.trim());
  };
  return (
    <Card title={t('recs.similar')} testId="recs-similar">
      <form className="recs-lookup-form" onSubmit={submit}>
        <input className="input" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('recs.itemPlaceholder')} aria-label={t('recs.itemPlaceholder')} data-testid="item-input" />
        <button type="submit" className="btn" data-testid="item-submit">
          {t('recs.similarButton')}
        </button>
      </form>
      {item === null ? (
        <p className="muted">{t('recs.pickItem')}</p>
      ) : (
        <QueryView query={similar}>
          {(s) =>
            s.items.length === 0 ? (
              <EmptyState>{t('recs.noSimilar')}</EmptyState>
            ) : (
              <>
                <p className="muted small" data-testid="similar-method">
                  {t('recs.similarTo', { item: s.itemId })} · {t(`recs.method.${s.method}`)} · v{s.model.version} {s.model.name}
                </p>
                <table className="table compact">
                  <thead>
                    <tr>
                      <th>{t('recs.item')}</th>
                      <th>{t('recs.category')}</th>
                      <th className="num">{t('recs.score')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.items.map((i) => (
                      <tr key={i.itemId} data-testid="similar-item">
                        <td className="mono">{i.itemId}</td>
                        <td>{i.category ?? '–'}</td>
                        <td className="num">{i.score.toFixed(3)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )
          }
        </QueryView>
      )}
    </Card>
  );
}
