import { useState } from 'react';
import type { FormEvent } from 'react';
import { Card } from '../../components/controls.js';
import { EmptyState, QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useProjectId } from '../projects/project-context.js';
import { usePersonEvents } from './api/get-person-events.js';
import { LOOKUP_K, useRecommendations } from './api/get-recommendations.js';
import { useExampleUsers } from './example-users.js';
import { eventItem, explanationText, reasonKey, recentItems } from './recommendation-view.js';

const HISTORY_LIMIT = 20;

/** A user's recent events beside their recommendations, each with its explanation and the list's fallback reason. */
export function UserLookup({ onPickItem }: { onPickItem: (itemId: string) => void }) {
  const { t, lang } = useI18n();
  const projectId = useProjectId();
  const examples = useExampleUsers(projectId);
  const [draft, setDraft] = useState('');
  const [user, setUser] = useState<string | null>(null);
  const history = usePersonEvents(projectId, user, HISTORY_LIMIT);
  const recs = useRecommendations(projectId, user === null ? null : { distinctId: user, k: LOOKUP_K, excludePurchased: true });

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const id = draft.trim();
    if (id !== '') setUser(id);
  };
  const pick = (id: string): void => {
    setDraft(id);
    setUser(id);
  };

  return (
    <Card title={t('recs.lookup')} testId="recs-lookup">
      <form className="recs-lookup-form" onSubmit={submit}>
        <input className="input" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('recs.userPlaceholder')} aria-label={t('recs.userPlaceholder')} data-testid="user-input" />
        <button type="submit" className="btn" data-testid="user-submit">
          {t('recs.lookupButton')}
        </button>
      </form>
      {examples.length > 0 ? (
        <p className="muted small">
          {t('recs.examples')}{' '}
          {examples.map((id) => (
            <button key={id} type="button" className="btn ghost small mono" onClick={() => pick(id)} data-testid="example-user">
              {id}
            </button>
          ))}
        </p>
      ) : null}
      {user === null ? (
        <p className="muted">{t('recs.pickUser')}</p>
      ) : (
        <div className="recs-grid">
          <section data-testid="user-history">
            <h3>{t('recs.history', { user })}</h3>
            <QueryView query={history}>
              {(h) =>
                h.events.length === 0 ? (
                  <EmptyState>{t('recs.noHistory')}</EmptyState>
                ) : (
                  <div className="table-scroll actors-scroll">
                    <table className="table compact">
                      <thead>
                        <tr>
                          <th>{t('recs.when')}</th>
                          <th>{t('recs.event')}</th>
                          <th>{t('recs.item')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {h.events.map((e) => {
                          const item = eventItem(e);
                          return (
                            <tr key={e.uuid} data-testid="history-row">
                              <td>{new Date(e.timestamp).toLocaleString(lang)}</td>
                              <td className="mono">{e.event}</td>
                              <td className="mono">{item === null ? '–' : <button type="button" className="btn ghost small" onClick={() => onPickItem(item)}>{item}</button>}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                    {recentItems(h.events, 1).length === 0 ? <p className="muted small">{t('recs.noItemsInHistory')}</p> : null}
                  </div>
                )
              }
            </QueryView>
          </section>
          <section data-testid="user-recs">
            <h3>{t('recs.forUser')}</h3>
            <QueryView query={recs}>
              {(list) => {
                const note = reasonKey(list.reason);
                return (
                  <>
                    <p className="muted small" data-testid="recs-reason" data-reason={list.reason}>
                      {list.model ? t('recs.servedBy', { version: list.model.version, name: list.model.name }) : t('recs.noModelShort')}
                      {note ? ` · ${t(note)}` : ''}
                      {list.training ? ` · ${t('recs.trainingNote')}` : ''}
                    </p>
                    {list.items.length === 0 ? (
                      <EmptyState>{t('recs.noRecs')}</EmptyState>
                    ) : (
                      <ol className="recs-list">
                        {list.items.map((item) => (
                          <li key={item.itemId} data-testid="rec-item" data-item={item.itemId}>
                            <button type="button" className="btn ghost small mono" onClick={() => onPickItem(item.itemId)}>
                              {item.itemId}
                            </button>
                            {item.category ? <span className="muted small"> · {item.category}</span> : null}
                            <span className="muted small"> · {item.score.toFixed(3)}</span>
                            <div className="small" data-testid="rec-explanation">{explanationText(item.explanation, lang)}</div>
                          </li>
                        ))}
                      </ol>
                    )}
                  </>
                );
              }}
            </QueryView>
          </section>
        </div>
      )}
    </Card>
  );
}
