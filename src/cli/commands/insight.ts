import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArgsDef, CommandDef } from 'citty';
import { NorthstarError } from '../../common/errors.js';
import type { InsightKind } from '../../core/index.js';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { printJson, withNorthstar } from '../open-northstar.js';
import { durationArg, intArg, listArg, requiredArg, stringArg } from '../parse-args.js';
import { renderInsight } from './insight-tables.js';

const COMMON = {
  project: { type: 'string', description: 'Project id (required)', valueHint: 'id' },
  from: { type: 'string', description: 'Start: ISO date or relative (-30d, -4w, -3m); default -30d', valueHint: 'date' },
  to: { type: 'string', description: 'End: ISO date or relative; default now', valueHint: 'date' },
  spec: { type: 'string', description: 'JSON spec from a file, or - for stdin; flags given override its fields', valueHint: 'file' },
  json: { type: 'boolean', description: 'Print the result as JSON' },
} as const satisfies ArgsDef;

type Args = Record<string, unknown>;
type Body = Record<string, unknown>;

async function readSpec(io: CliIo, source: string | undefined): Promise<Body> {
  if (source === undefined) return {};
  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : await readFile(path.resolve(io.cwd, source), 'utf8');
  } catch (error) {
    throw new NorthstarError('INVALID_ARGUMENT', `cannot read --spec ${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as Body;
  } catch (error) {
    throw new NorthstarError('QUERY_INVALID', `--spec ${source} is not a JSON object: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function set(body: Body, key: string, value: unknown): void {
  if (value !== undefined) body[key] = value;
}

function selector(event: string): Body {
  return { event };
}

/** Builds the spec body of `kind` from the flags (on top of `--spec`). */
export function specFromArgs(kind: InsightKind, args: Args, base: Body): Body {
  const body: Body = { ...base };
  set(body, 'dateFrom', stringArg(args['from']));
  set(body, 'dateTo', stringArg(args['to']));
  const breakdown = stringArg(args['breakdown']);
  switch (kind) {
    case 'trend': {
      const events = listArg(args['event']);
      const math = stringArg(args['math']);
      const property = stringArg(args['property']);
      if (events.length > 0) {
        body['series'] = events.map((e) => ({ event: e === '*' ? null : e, ...(math ? { math } : {}), ...(property ? { property } : {}) }));
      } else if (body['series'] === undefined) {
        body['series'] = [{ event: null, ...(math ? { math } : {}), ...(property ? { property } : {}) }];
      }
      set(body, 'interval', stringArg(args['interval']));
      set(body, 'breakdown', breakdown);
      if (args['compare'] === true) body['compare'] = true;
      break;
    }
    case 'funnel': {
      const steps = listArg(args['steps']);
      if (steps.length > 0) body['steps'] = steps.map(selector);
      set(body, 'windowSeconds', durationArg('window', args['window']));
      set(body, 'breakdown', breakdown);
      break;
    }
    case 'retention': {
      const start = stringArg(args['start-event']);
      const ret = stringArg(args['return-event']);
      if (start !== undefined) body['startEvent'] = selector(start);
      if (ret !== undefined) body['returnEvent'] = selector(ret);
      else if (start !== undefined && body['returnEvent'] === undefined) body['returnEvent'] = selector(start);
      set(body, 'period', stringArg(args['period']));
      set(body, 'periods', intArg('periods', args['periods'], 1, 52));
      set(body, 'breakdown', breakdown);
      break;
    }
    case 'paths':
      set(body, 'event', stringArg(args['event']));
      set(body, 'direction', stringArg(args['direction']));
      set(body, 'depth', intArg('depth', args['depth'], 1, 5));
      set(body, 'limit', intArg('limit', args['limit'], 1, 50));
      break;
    case 'lifecycle': {
      const event = stringArg(args['event']);
      if (event !== undefined) body['event'] = event === '*' ? null : event;
      else if (!('event' in body)) body['event'] = null;
      set(body, 'interval', stringArg(args['interval']));
      break;
    }
    case 'funnel_actors':
      break;
  }
  // The one field each kind cannot do without: say which flag gives it, rather than a schema path.
  const needed: Partial<Record<InsightKind, [field: string, flag: string, example: string]>> = {
    funnel: ['steps', 'steps', "--steps '$pageview,product_viewed,order_completed'"],
    retention: ['startEvent', 'start-event', "--start-event '$pageview' --return-event order_completed"],
    paths: ['event', 'event', '--event product_viewed'],
  };
  const need = needed[kind];
  if (need !== undefined && body[need[0]] === undefined) {
    throw new NorthstarError('INVALID_ARGUMENT', `--${need[1]} is required (or a --spec that has "${need[0]}")`, {
      hint: `For example: northstar insight ${kind} --project demo-shop ${need[2]}`,
    });
  }
  return body;
}

function insightSubcommand(io: CliIo, kind: InsightKind, description: string, args: ArgsDef, examples: string[]): CommandDef {
  return defineNorthstarCommand({
    meta: { name: kind, description },
    args: { ...COMMON, ...args },
    examples,
    async run({ args: parsed }) {
      const projectId = requiredArg('project', parsed.project, `northstar insight ${kind} --project demo-shop`);
      const body = specFromArgs(kind, parsed, await readSpec(io, stringArg(parsed.spec)));
      const result = await withNorthstar(io, (ns) => ns.insights.run(projectId, kind, body));
      if (parsed.json === true) printJson(io, result);
      else io.out(renderInsight(result));
    },
  });
}

/** `northstar insight trend|funnel|retention|paths|lifecycle`: run an insight against the store and print it. */
export function insightCommand(io: CliIo): CommandDef {
  const breakdown = { type: 'string', description: 'Break down by an event property (e.g. $os, platform, utm_source)', valueHint: 'property' } as const;
  return defineNorthstarCommand({
    meta: { name: 'insight', description: 'Run behaviour analytics (trends, funnels, retention, paths, lifecycle) from the terminal.' },
    subCommands: {
      trend: insightSubcommand(io, 'trend', 'Counts, unique users or sums of a property per hour/day/week/month.', {
        event: { type: 'string', description: 'Event(s), comma-separated, one series each; * for any event', valueHint: 'events' },
        math: { type: 'enum', options: ['total', 'unique_users', 'sum', 'avg', 'min', 'max'], description: 'What to compute (default total)' },
        property: { type: 'string', description: 'Numeric property for sum/avg/min/max (e.g. revenue)', valueHint: 'property' },
        interval: { type: 'enum', options: ['hour', 'day', 'week', 'month'], description: 'Bucket size (default day)' },
        compare: { type: 'boolean', description: 'Also compute the previous period of the same length' },
        breakdown,
      }, [
        'northstar insight trend --project demo-shop --event order_completed --math unique_users --interval week --from -90d',
        'northstar insight trend --project demo-shop --event order_completed --math sum --property revenue --breakdown platform',
        'northstar insight trend --project demo-shop --event \'$pageview,product_viewed\' --compare --json',
      ]),
      funnel: insightSubcommand(io, 'funnel', 'Conversion through ordered steps within a window, with drop-off and time to convert.', {
        steps: { type: 'string', description: 'Steps, comma-separated, in order', valueHint: 'events' },
        window: { type: 'string', description: 'Conversion window: 30m, 12h, 7d, 2w or seconds (default 14d)', valueHint: 'duration' },
        breakdown,
      }, [
        "northstar insight funnel --project demo-shop --steps '$pageview,product_viewed,order_completed' --window 7d --from -30d --breakdown '$os'",
        "northstar insight funnel --project demo-shop --steps 'checkout_started,order_completed' --window 1h --breakdown platform --json",
        'echo \'{"steps":[{"event":"$pageview"},{"event":"order_completed"}]}\' | northstar insight funnel --project demo-shop --spec -',
      ]),
      retention: insightSubcommand(io, 'retention', 'Cohorts by first event, and the share that came back in each later period.', {
        'start-event': { type: 'string', description: 'Event that puts a user in a cohort', valueHint: 'event' },
        'return-event': { type: 'string', description: 'Event that counts as coming back (default: the start event)', valueHint: 'event' },
        period: { type: 'enum', options: ['day', 'week'], description: 'Cohort period (default week)' },
        periods: { type: 'string', description: 'Periods to follow (default 8)', valueHint: 'n' },
        breakdown,
      }, [
        'northstar insight retention --project demo-shop --start-event \'$pageview\' --return-event order_completed --from -12w',
        'northstar insight retention --project demo-shop --start-event order_completed --period day --periods 14 --json',
      ]),
      paths: insightSubcommand(io, 'paths', 'The most common events right after (or before) an event.', {
        event: { type: 'string', description: 'The event to start from', valueHint: 'event' },
        direction: { type: 'enum', options: ['next', 'previous'], description: 'Look at what follows or what precedes (default next)' },
        depth: { type: 'string', description: 'Steps away (1-5, default 3)', valueHint: 'n' },
        limit: { type: 'string', description: 'Edges per step (default 10)', valueHint: 'n' },
      }, [
        'northstar insight paths --project demo-shop --event product_added_to_cart',
        'northstar insight paths --project demo-shop --event order_completed --direction previous --depth 2 --json',
      ]),
      lifecycle: insightSubcommand(io, 'lifecycle', 'Active users split into new, returning, resurrecting and dormant.', {
        event: { type: 'string', description: 'Event that makes a user active (default: any event)', valueHint: 'event' },
        interval: { type: 'enum', options: ['day', 'week', 'month'], description: 'Bucket size (default week)' },
      }, [
        'northstar insight lifecycle --project demo-shop --from -12w',
        'northstar insight lifecycle --project demo-shop --event order_completed --interval month --json',
      ]),
    },
    examples: [
      "northstar insight funnel --project demo-shop --steps '$pageview,product_viewed,order_completed' --window 7d",
      'northstar insight trend --project demo-shop --event order_completed --math unique_users --interval week',
      'northstar insight funnel --help',
    ],
  });
}
