import { useI18n } from '../../i18n/use-i18n.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { heatColor } from '../retention/retention-math.js';
import type { ModelMetrics } from './api/models-api.js';

/**
 * A finished model's validation results: accuracy (or RMSE), the confusion matrix as a heat-map table
 * (rows: true class, columns: predicted; shade = share of the row), precision / recall / F1 per class, and
 * (image folders) the files that were skipped and why.
 */
export function ModelResults({ metrics, kind = 'tabular' }: { metrics: ModelMetrics; kind?: 'tabular' | 'image' }) {
  const { t, lang } = useI18n();
  const classes = metrics.classes ?? [];
  const matrix = metrics.confusionMatrix ?? [];
  return (
    <div className="model-results" data-testid="model-results">
      <div className="kpis">
        {metrics.accuracy !== undefined ? (
          <div className="kpi">
            <div className="kpi-title">{t('models.valAccuracy')}</div>
            <div className="kpi-value" data-testid="model-accuracy" data-value={metrics.accuracy}>
              {formatPercent(metrics.accuracy, lang)}
            </div>
          </div>
        ) : null}
        {metrics.rmse !== undefined ? (
          <div className="kpi">
            <div className="kpi-title">{t('models.rmse')}</div>
            <div className="kpi-value" data-testid="model-rmse">{formatNumber(metrics.rmse, lang)}</div>
          </div>
        ) : null}
        <div className="kpi">
          <div className="kpi-title">{t(kind === 'image' ? 'models.images' : 'models.rows')}</div>
          <div className="kpi-value">{formatNumber(metrics.trainRows + metrics.validationRows, lang)}</div>
          <div className="kpi-sub muted">{t(kind === 'image' ? 'models.imagesSplit' : 'models.rowsSplit', { train: metrics.trainRows, validation: metrics.validationRows, skipped: metrics.skippedRows })}</div>
        </div>
      </div>
      {matrix.length > 0 ? (
        <div className="table-scroll">
          <h3>{t('models.confusionMatrix')}</h3>
          <p className="muted small">{t('models.confusionExplain')}</p>
          <table className="table heatmap compact" data-testid="confusion-matrix">
            <thead>
              <tr>
                <th>{t('models.trueClass')}</th>
                {classes.map((c) => (
                  <th key={c} className="num">{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.map((row, i) => {
                const total = row.reduce((a, b) => a + b, 0);
                return (
                  <tr key={classes[i] ?? i}>
                    <th>{classes[i]}</th>
                    {row.map((n, j) => (
                      <td key={j} className="num heat" style={heatColor(total > 0 ? n / total : 0)}>
                        {formatNumber(n, lang)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {metrics.perClass && metrics.perClass.length > 0 ? (
        <table className="table compact" data-testid="per-class">
          <thead>
            <tr>
              <th>{t('models.class')}</th>
              <th className="num">{t('models.precision')}</th>
              <th className="num">{t('models.recall')}</th>
              <th className="num">{t('models.f1')}</th>
              <th className="num">{t(kind === 'image' ? 'models.images' : 'models.support')}</th>
            </tr>
          </thead>
          <tbody>
            {metrics.perClass.map((c) => (
              <tr key={c.label}>
                <td>{c.label}</td>
                <td className="num">{formatPercent(c.precision, lang)}</td>
                <td className="num">{formatPercent(c.recall, lang)}</td>
                <td className="num">{formatPercent(c.f1, lang)}</td>
                <td className="num">{formatNumber(c.support, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {metrics.skipped && metrics.skipped.length > 0 ? (
        <details data-testid="model-skipped">
          <summary>{t('models.skippedFiles', { count: metrics.skippedRows })}</summary>
          <ul className="small muted">
            {metrics.skipped.map((s) => (
              <li key={s.file}>
                {s.file}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
