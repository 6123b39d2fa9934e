import { useState } from 'react';
import { EChart } from '../../charts/echart.js';
import { Card, Field, PageHeader, RangeSelect, Select } from '../../components/controls.js';
import { QueryView } from '../../components/states.js';
import type { MessageKey } from '../../i18n/en.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { RangePreset } from '../../lib/date-range.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { useProjectId } from '../projects/project-context.js';
import type { FeedbackDrill, FeedbackFilters } from './api/feedback-paths.js';
import { useFeedbackItems, useFeedbackOverview } from './api/get-feedback.js';
import type { FeedbackOverview } from './api/types.js';
import { sentimentChartOption } from './sentiment-chart-option.js';

const LANGS = ['', 'zh', 'en', 'other'] as const;
const KNOWN_ASPECTS = ['delivery', 'price', 'quality', 'service', 'packaging', 'usability', 'battery', 'payment'];

/** Feedback: sentiment trend, complaint topics with quotes, aspects, rising complaints, spikes, and the items. */
export function FeedbackPage() {
  const { t, lang } = useI18n();
  const projectId = useProjectId();
  const [range, setRange] = useState<RangePreset>('-30d');
  const [language, setLanguage] = useState<string>('');
  const [source, setSource] = useState<string>('');
  const [drill, setDrill] = useState<FeedbackDrill>(null);
  const filters: FeedbackFilters = { since: range, lang: language, source };
  const overview = useFeedbackOverview(projectId, filters);
  const sources = overview.data?.bySource.map((g) => g.group).filter((g): g is string => g !== null) ?? [];
  if (source !== '' && !sources.includes(source)) sources.unshift(source);
  const aspectName = (a: string): string => (KNOWN_ASPECTS.includes(a) ? t(`feedback.aspect.${a}` as MessageKey) : a);

  return (
    <div className="page" data-testid="page-feedback">
      <PageHeader titleKey="nav.feedback">
        <Field label={t('feedback.lang')}>
          <Select value={language} options={LANGS.map((l) => ({ value: l, label: l === '' ? t('feedback.all') : t(`feedback.lang.${l}` as MessageKey) }))} onChange={setLanguage} testId="feedback-lang" />
        </Field>
        <Field label={t('feedback.source')}>
          <Select value={source} options={[{ value: '', label: t('feedback.all') }, ...sources.map((s) => ({ value: s, label: s }))]} onChange={setSource} testId="feedback-source" />
        </Field>
        <RangeSelect value={range} onChange={setRange} />
      </PageHeader>
      <QueryView query={overview} isEmpty={(o) => o.totals.volume === 0}>
        {(o) => (
          <>
            <Totals o={o} lang={lang} />
            <Card title={t('feedback.trend')}>
              <EChart
                option={sentimentChartOption(o.series, { negative: t('feedback.negative'), neutral: t('feedback.neutral'), positive: t('feedback.positive'), index: t('feedback.indexLine') })}
                height={320}
                label={t('feedback.trend')}
                testId="feedback-chart"
              />
              {o.spikes.length > 0 ? (
                <ul className="muted small" data-testid="feedback-spikes">
                  {o.spikes.map((s) => (
                    <li key={s.day} data-testid="feedback-spike" data-day={s.day}>
                      {t('feedback.spike', { day: s.day, n: s.negative, expected: s.expected })}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Card>
            <Card title={t('feedback.topics')} testId="feedback-topics">
              {o.topics.topics.length === 0 ? <p className="muted">{t('feedback.topics.empty')}</p> : null}
              {o.topics.topics.map((topic) => (
                <div key={topic.id} className="topic" data-testid="feedback-topic" data-size={topic.size}>
                  <button type="button" className="link" onClick={() => setDrill({ kind: 'keyword', keyword: topic.keywords[0] ?? '' })}>
                    <strong>{topic.label}</strong>
                  </button>{' '}
                  <span className="muted">{t('feedback.topic.size', { n: topic.size, share: formatPercent(topic.share, lang) })}</span>
                  <ul>
                    {topic.quotes.map((q) => (
                      <li key={q.id} className="quote" data-testid="feedback-quote">
                        “{q.text}”
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </Card>
            <Card title={t('feedback.aspects')}>
              <table className="table compact" data-testid="feedback-aspects">
                <thead>
                  <tr>
                    <th>{t('feedback.aspect')}</th>
                    <th className="num">{t('feedback.mentions')}</th>
                    <th className="num">{t('feedback.negative')}</th>
                    <th className="num">{t('feedback.positive')}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.aspects.map((a) => (
                    <tr key={a.aspect} data-testid="feedback-aspect" data-aspect={a.aspect}>
                      <td>
                        <button type="button" className="link" onClick={() => setDrill({ kind: 'aspect', aspect: a.aspect })}>
                          {aspectName(a.aspect)}
                        </button>
                      </td>
                      <td className="num">{formatNumber(a.mentions, lang)}</td>
                      <td className="num">{formatNumber(a.negative, lang)}</td>
                      <td className="num">{formatNumber(a.positive, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
            <Card title={t('feedback.rising')}>
              {o.rising.length === 0 ? <p className="muted">{t('feedback.rising.empty')}</p> : null}
              <ul data-testid="feedback-rising">
                {o.rising.map((r) => (
                  <li key={r.id} data-testid="feedback-rising-item">
                    {r.kind === 'aspect' ? aspectName(r.label) : r.label}: {t('feedback.rising.change', { now: r.thisWeek, before: r.lastWeek })}
                  </li>
                ))}
              </ul>
            </Card>
          </>
        )}
      </QueryView>
      <Items projectId={projectId} filters={filters} drill={drill} onClear={() => setDrill(null)} aspectName={aspectName} />
    </div>
  );
}

function Totals({ o, lang }: { o: FeedbackOverview; lang: 'en' | 'zh-CN' }) {
  const { t } = useI18n();
  return (
    <div className="kpis">
      <div className="kpi" data-testid="feedback-volume" data-value={o.totals.volume}>
        <div className="kpi-title">{t('feedback.volume')}</div>
        <div className="kpi-value">{formatNumber(o.totals.volume, lang)}</div>
      </div>
      <div className="kpi" data-testid="feedback-index" data-value={o.totals.index ?? ''}>
        <div className="kpi-title">{t('feedback.index')}</div>
        <div className="kpi-value">{o.totals.index === null ? '—' : o.totals.index.toFixed(1)}</div>
      </div>
      <div className="kpi" data-testid="feedback-negative-share">
        <div className="kpi-title">{t('feedback.negativeShare')}</div>
        <div className="kpi-value">{o.totals.negativeShare === null ? '—' : formatPercent(o.totals.negativeShare, lang)}</div>
        <div className="kpi-sub muted">{t('feedback.model', { name: o.model })}</div>
      </div>
    </div>
  );
}

function Items({ projectId, filters, drill, onClear, aspectName }: { projectId: string; filters: FeedbackFilters; drill: FeedbackDrill; onClear: () => void; aspectName: (a: string) => string }) {
  const { t, lang } = useI18n();
  const items = useFeedbackItems(projectId, filters, drill);
  const title = drill === null ? t('feedback.items') : drill.kind === 'aspect' ? t('feedback.drill', { name: aspectName(drill.aspect) }) : t('feedback.drill', { name: drill.keyword });
  return (
    <Card
      title={title}
      testId="feedback-items"
      actions={
        drill === null ? null : (
          <button type="button" className="btn ghost" onClick={onClear} data-testid="feedback-drill-clear">
            {t('feedback.drill.clear')}
          </button>
        )
      }
    >
      <QueryView query={items} isEmpty={(p) => p.items.length === 0}>
        {(page) => (
          <>
            <p className="muted small" data-testid="feedback-items-count" data-total={page.total}>
              {t('feedback.items.count', { shown: formatNumber(page.items.length, lang), total: formatNumber(page.total, lang) })}
            </p>
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('feedback.time')}</th>
                  <th>{t('feedback.source')}</th>
                  <th>{t('feedback.lang')}</th>
                  <th>{t('feedback.sentiment')}</th>
                  <th>{t('feedback.text')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((f) => (
                  <tr key={f.id} data-testid="feedback-item" data-id={f.id}>
                    <td>{f.createdAt.slice(0, 16).replace('T', ' ')}</td>
                    <td>{f.source}</td>
                    <td>{f.lang ?? '—'}</td>
                    <td className={`sentiment ${f.sentimentLabel ?? ''}`}>{f.sentimentLabel ? t(`feedback.${f.sentimentLabel}` as MessageKey) : '—'}</td>
                    <td>{f.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryView>
    </Card>
  );
}
