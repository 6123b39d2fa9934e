import path from 'node:path';
import type { CommandDef } from 'citty';
import type { FeedbackQueryInput, FeedbackTopics, SentimentIndexPoint } from '../../core/index.js';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { renderTable } from '../format-table.js';
import { printJson, withNorthstar } from '../open-northstar.js';
import { intArg, listArg, stringArg } from '../parse-args.js';

const projectArg = { type: 'string', description: 'Project id', default: 'demo-shop', valueHint: 'id' } as const;
const jsonArg = { type: 'boolean', description: 'Print JSON' } as const;
const filterArgs = {
  lang: { type: 'string', description: 'Languages, comma-separated (zh, en, other)', valueHint: 'zh,en' },
  source: { type: 'string', description: 'Sources, comma-separated (review, support, api, ...)', valueHint: 'a,b' },
  sentiment: { type: 'string', description: 'Sentiment labels, comma-separated', valueHint: 'negative,neutral,positive' },
  topic: { type: 'string', description: 'Aspect topic (delivery, price, quality, service, packaging, usability, battery, payment)', valueHint: 'aspect' },
  since: { type: 'string', description: 'Start: 7d / 4w / 3m ago, or an ISO date', valueHint: '7d' },
  until: { type: 'string', description: 'End (exclusive): same forms as --since', valueHint: 'date' },
  search: { type: 'string', description: 'Text contains (case-insensitive)', valueHint: 'text' },
  user: { type: 'string', description: 'Only this distinct_id', valueHint: 'id' },
  'did-event': { type: 'string', description: 'Only users who did this event in the window', valueHint: 'event' },
  category: { type: 'string', description: 'Only feedback whose category property equals this', valueHint: 'name' },
  now: { type: 'string', description: 'Anchor for relative times (ISO-8601; default: now)', valueHint: 'time' },
} as const;

/** `7d` (as the issue writes it) and `-7d` both mean seven days ago. */
function when(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return /^\d+[hdwm]$/u.test(value) ? `-${value}` : value;
}

function queryOf(args: Record<string, unknown>): FeedbackQueryInput {
  const q: FeedbackQueryInput = {};
  const langs = listArg(args['lang']);
  if (langs.length > 0) q.langs = langs;
  const sources = listArg(args['source']);
  if (sources.length > 0) q.sources = sources;
  const sentiments = listArg(args['sentiment']);
  if (sentiments.length > 0) q.sentiments = sentiments as NonNullable<FeedbackQueryInput['sentiments']>;
  const set = <K extends keyof FeedbackQueryInput>(key: K, value: FeedbackQueryInput[K] | undefined): void => {
    if (value !== undefined) q[key] = value;
  };
  set('topic', stringArg(args['topic']));
  set('since', when(stringArg(args['since'])));
  set('until', when(stringArg(args['until'])));
  set('search', stringArg(args['search']));
  set('distinctId', stringArg(args['user']));
  set('didEvent', stringArg(args['did-event']));
  const category = stringArg(args['category']);
  if (category !== undefined) q.properties = { category };
  return q;
}

const nowOf = (args: Record<string, unknown>): Date => {
  const now = stringArg(args['now']);
  return now === undefined ? new Date() : new Date(now);
};

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return [...flat].length > width ? `${[...flat].slice(0, width - 1).join('')}…` : flat;
}

function printTopics(io: CliIo, result: FeedbackTopics): void {
  if (result.topics.length === 0) {
    io.out(`No topics: ${result.analysed} matching items${result.analysed > 0 ? ' share no frequent keywords' : ''}.\n`);
    return;
  }
  io.out(`${result.analysed} items analysed${result.truncated ? ' (newest 5,000)' : ''}, ${result.unassigned} in no topic\n\n`);
  result.topics.forEach((t, i) => {
    io.out(`${i + 1}. ${t.label}  (${t.size} items, ${(t.share * 100).toFixed(1)}%, mean sentiment ${t.meanSentiment ?? '—'})\n`);
    for (const q of t.quotes) io.out(`     “${clip(q.text, 100)}”\n`);
  });
}

/** `northstar feedback import|list|topics|index|from-events`. */
export function feedbackCommand(io: CliIo): CommandDef {
  const importCmd = defineNorthstarCommand({
    meta: { name: 'import', description: 'Import feedback from a .csv, .jsonl/.ndjson or .json file; each row is validated, analysed (language, sentiment, aspects, keywords) and stored once per id.' },
    args: {
      file: { type: 'positional', description: 'File to import', required: true },
      project: projectArg,
      'text-col': { type: 'string', description: 'Column with the text (default text)', valueHint: 'col' },
      'id-col': { type: 'string', description: 'Column with a stable id (default id; without one, rows get new ids)', valueHint: 'col' },
      'user-col': { type: 'string', description: 'Column with the distinct_id (default distinct_id)', valueHint: 'col' },
      'time-col': { type: 'string', description: 'Column with the time, ISO-8601 or epoch ms (default created_at)', valueHint: 'col' },
      'rating-col': { type: 'string', description: 'Column with a 0-10 rating (default rating)', valueHint: 'col' },
      'source-col': { type: 'string', description: 'Column with the source (default source)', valueHint: 'col' },
      source: { type: 'string', description: 'Source of rows without a source column', default: 'import', valueHint: 'name' },
      json: jsonArg,
    },
    examples: [
      'northstar feedback import reviews.csv --project my-app --text-col review --id-col review_id --user-col user_id',
      'northstar feedback import tickets.jsonl --project my-app --source support --json',
    ],
    async run({ args }) {
      const file = path.resolve(io.cwd, String(args.file));
      const { importFeedbackFile } = await import('../../core/feedback/import-feedback.js');
      const summary = await withNorthstar(io, async (ns) => {
        await ns.projects.get(String(args.project));
        const cols: Record<string, string> = {};
        for (const [flag, key] of [['text-col', 'textCol'], ['id-col', 'idCol'], ['user-col', 'userCol'], ['time-col', 'timeCol'], ['rating-col', 'ratingCol'], ['source-col', 'sourceCol']] as const) {
          const v = stringArg(args[flag]);
          if (v !== undefined) cols[key] = v;
        }
        return importFeedbackFile(ns.feedback, { file, projectId: String(args.project), source: String(args.source), ...cols });
      });
      if (args.json === true) return printJson(io, summary);
      io.out(`Imported ${path.basename(file)} into ${String(args.project)}\n` + renderTable(['rows', 'stored', 'duplicates', 'rejected'], [[summary.rows, summary.stored, summary.duplicates, summary.rejected]]));
      if (summary.rejections.length > 0) io.out(`\nRejected rows (first ${summary.rejections.length}):\n` + renderTable(['row', 'code', 'why'], summary.rejections.map((r) => [r.row, r.code, r.message])));
    },
  });

  const list = defineNorthstarCommand({
    meta: { name: 'list', description: 'List feedback, newest first, with its derived language, sentiment and topics.' },
    args: { project: projectArg, ...filterArgs, limit: { type: 'string', description: 'Rows', default: '20', valueHint: 'n' }, json: jsonArg },
    examples: ['northstar feedback list --sentiment negative --since 7d', 'northstar feedback list --lang zh --topic delivery --json', 'northstar feedback list --did-event payment_failed --sentiment negative'],
    async run({ args }) {
      const limit = intArg('limit', args.limit, 1, 500) ?? 20;
      const page = await withNorthstar(io, (ns) => ns.feedback.list(String(args.project), queryOf(args), { limit }, nowOf(args)));
      if (args.json === true) return printJson(io, page);
      io.out(`${page.items.length} of ${page.total}\n`);
      io.out(renderTable(['time', 'source', 'lang', 'sentiment', 'topics', 'text'], page.items.map((f) => [f.createdAt.toISOString().slice(0, 16).replace('T', ' '), f.source, f.lang ?? '—', f.sentimentLabel ?? '—', (f.topics ?? []).join(',') || '—', clip(f.text, 60)])));
    },
  });

  const topics = defineNorthstarCommand({
    meta: { name: 'topics', description: 'Group complaints (negative feedback, unless --sentiment or --all) into topics with representative quotes.' },
    args: { project: projectArg, ...filterArgs, all: { type: 'boolean', description: 'Every sentiment, not only complaints' }, max: { type: 'string', description: 'Most topics', default: '10', valueHint: 'n' }, json: jsonArg },
    examples: ['northstar feedback topics --since 7d', 'northstar feedback topics --since 30d --lang en --json', 'northstar feedback topics --since 7d --source review --all'],
    async run({ args }) {
      const maxTopics = intArg('max', args.max, 1, 30) ?? 10;
      const q = queryOf(args);
      q.since ??= '-7d';
      const result = await withNorthstar(io, (ns) => ns.feedback.topics(String(args.project), q, nowOf(args), { maxTopics, allSentiments: args.all === true }));
      if (args.json === true) return printJson(io, result);
      printTopics(io, result);
    },
  });

  const index = defineNorthstarCommand({
    meta: { name: 'index', description: 'Daily sentiment index ((positive − negative) / volume × 100) and volume.' },
    args: { project: projectArg, ...filterArgs, json: jsonArg },
    examples: ['northstar feedback index --since 30d', 'northstar feedback index --since 14d --lang zh --source review --json'],
    async run({ args }) {
      const q = queryOf(args);
      q.since ??= '-30d';
      const points: SentimentIndexPoint[] = await withNorthstar(io, (ns) => ns.feedback.series(String(args.project), q, nowOf(args)));
      if (args.json === true) return printJson(io, points);
      io.out(renderTable(['day', 'volume', 'negative', 'positive', 'index'], points.map((p) => [p.day, p.volume, p.negative, p.positive, p.index ?? '—'])));
    },
  });

  const fromEvents = defineNorthstarCommand({
    meta: { name: 'from-events', description: 'Turn events that carry a text property (reviews, survey answers) into feedback; idempotent (id = evt:<uuid>).' },
    args: {
      project: projectArg,
      events: { type: 'string', description: 'Event names (default review_submitted,feedback_submitted,survey_answered)', valueHint: 'a,b' },
      'text-props': { type: 'string', description: 'Text properties, first non-empty wins (default text,comment,review,feedback,message)', valueHint: 'a,b' },
      json: jsonArg,
    },
    examples: ['northstar feedback from-events --project my-app --events review_submitted --text-props comment'],
    async run({ args }) {
      const events = listArg(args.events);
      const props = listArg(args['text-props']);
      const result = await withNorthstar(io, (ns) => ns.feedback.deriveFromEvents(String(args.project), { ...(events.length > 0 ? { events } : {}), ...(props.length > 0 ? { textProperties: props } : {}) }));
      if (args.json === true) return printJson(io, { events: result.events, stored: result.stored, duplicates: result.duplicates, skipped: result.skipped });
      io.out(renderTable(['events', 'stored', 'duplicates', 'skipped'], [[result.events, result.stored, result.duplicates, result.skipped]]));
    },
  });

  return defineNorthstarCommand({
    meta: { name: 'feedback', description: 'Feedback: import, list, complaint topics, daily sentiment index, feedback from events.' },
    subCommands: { import: importCmd, list, topics, index, 'from-events': fromEvents },
    examples: ['northstar feedback topics --since 7d', 'northstar feedback import reviews.csv --text-col review', 'northstar feedback list --sentiment negative --lang zh'],
  });
}
