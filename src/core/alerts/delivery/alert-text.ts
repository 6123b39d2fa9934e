import type { AlertLanguage } from '../monitor-spec.js';
import type { AlertView } from '../alert-view.js';

/** The human text of an alert in one language: a title line and a few body lines (plain, Markdown-safe). */
export interface AlertText {
  title: string;
  lines: string[];
}

const SEVERITY = {
  en: { info: 'INFO', warning: 'WARNING', critical: 'CRITICAL' },
  'zh-CN': { info: '提示', warning: '警告', critical: '严重' },
} as const;

function fmt(x: number | null, isRate: boolean): string {
  if (x === null) return '—';
  if (isRate) return `${(x * 100).toFixed(1)}%`;
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2).replace(/\.?0+$/, '');
}

function day(period: string, interval: AlertView['details']['interval']): string {
  return interval === 'hour' ? `${period.slice(0, 13).replace('T', ' ')}:00 UTC` : period.slice(0, 10);
}

/** Title and lines of an alert in `language` (zh-CN or en). */
export function alertText(alert: AlertView, language: AlertLanguage): AlertText {
  const d = alert.details;
  const when = day(alert.period, d.interval);
  const change = d.relativeChange === null ? null : Math.round(Math.abs(d.relativeChange) * 100);
  const top = d.contributors[0];
  const topText = top === undefined ? null : `${top.dimension} = ${top.value ?? '(none)'}`;
  const explain = top === undefined ? 0 : Math.round(Math.min(1, Math.max(0, top.contribution)) * 100);
  if (language === 'zh-CN') {
    const dir = d.direction === 'low' ? '下降' : '上升';
    const lines = [
      `时间：${when}`,
      `实际值 ${fmt(d.actual, d.isRate)}，期望值 ${fmt(d.expected, d.isRate)}，正常区间 ${fmt(d.lower, d.isRate)} – ${fmt(d.upper, d.isRate)}`,
      topText === null ? '未找到明显的维度原因。' : `主要原因：${topText}（解释 ${explain}% 的变化）`,
    ];
    return { title: `【${SEVERITY['zh-CN'][alert.severity]}】${d.monitorName}：${when} ${dir}${change === null ? '' : ` ${change}%`}`, lines };
  }
  const dir = d.direction === 'low' ? 'dropped' : 'rose';
  const lines = [
    `When: ${when}`,
    `Actual ${fmt(d.actual, d.isRate)}, expected ${fmt(d.expected, d.isRate)}, normal band ${fmt(d.lower, d.isRate)} – ${fmt(d.upper, d.isRate)}`,
    topText === null ? 'No single breakdown value explains the change.' : `Top cause: ${topText} (explains ${explain}% of the change)`,
  ];
  return { title: `[${SEVERITY.en[alert.severity]}] ${d.monitorName} ${dir}${change === null ? '' : ` ${change}%`} on ${when}`, lines };
}
