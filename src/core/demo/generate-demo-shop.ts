import { createRng, type Rng } from '../../common/rng.js';
import { NorthstarError } from '../../common/errors.js';
import type { FeedbackRecord, ItemRecord, NewEvent, PersonRecord, ProjectSettings } from '../../store/records.js';
import { generateCatalog, type DemoProduct } from './catalog.js';
import { buildCalendar, DAY_MILLIS, isoDate, startOfUtcDay, type DemoCalendar } from './demo-calendar.js';
import { generateUsers, type DemoUser } from './demo-users.js';
import { CHECKOUT_SUCCESS, INCIDENT_PLATFORM, productPool, simulateUser, type SimulationContext } from './simulate-user.js';

/** Options of {@link generateDemoShop}; defaults give the full demo (5,000 users, 90 days, 500 products). */
export interface DemoShopOptions {
  seed?: number;
  users?: number;
  days?: number;
  products?: number;
  /**
   * The window ends (exclusive) at midnight UTC of this day. Defaults to today, so the data runs up to yesterday;
   * tests pass a fixed date so the output is the same on every run.
   */
  end?: Date | string;
}

/** Facts planted in the dataset, so tests and other features can find them without re-deriving them. */
export interface DemoShopMetadata {
  seed: number;
  users: number;
  days: number;
  products: number;
  /** First day (inclusive) and end (exclusive), ISO-8601. */
  start: string;
  end: string;
  eventCount: number;
  eventNames: string[];
  promo: { name: { zh: string; en: string }; peakDate: string; dates: string[] };
  /** The planted incident: checkout → purchase conversion collapses for one day on one platform. */
  incident: {
    date: string;
    platform: 'android';
    fromEvent: 'checkout_started';
    toEvent: 'order_completed';
    normalRate: number;
    incidentRate: number;
  };
  /** Users who stop coming before the end of the window (no event after their churn day). */
  churned: { count: number; distinctIds: string[] };
  /** The project's default north-star metric: weekly unique purchasers. */
  northStar: NonNullable<ProjectSettings['northStar']>;
}

/** An in-memory demo shop: what `loadDemoShop` writes, and fixtures for other features' tests. */
export interface DemoShopDataset {
  /** Sorted by timestamp. */
  events: NewEvent[];
  items: ItemRecord[];
  persons: PersonRecord[];
  feedback: FeedbackRecord[];
  metadata: DemoShopMetadata;
}

/** The demo project's north-star metric (weekly unique purchasers). */
export const DEMO_NORTH_STAR: NonNullable<ProjectSettings['northStar']> = {
  kind: 'trend',
  series: [{ event: 'order_completed', math: 'unique_users', label: 'Weekly purchasers' }],
  interval: 'week',
  dateFrom: '-90d',
  dateTo: 'now',
};

function checkCount(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new NorthstarError('INVALID_ARGUMENT', `demo ${name} must be an integer between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function itemOf(product: DemoProduct): ItemRecord {
  return {
    itemId: product.id,
    properties: {
      title: product.titleEn,
      title_en: product.titleEn,
      title_zh: product.titleZh,
      category: product.category.en,
      category_zh: product.category.zh,
      category_key: product.category.key,
      brand: product.brand,
      price: product.price,
      currency: 'CNY',
    },
  };
}

/** A chunk of simulated users: their events (in generation order), persons and feedback. */
export interface DemoShopChunk {
  events: NewEvent[];
  persons: PersonRecord[];
  feedback: FeedbackRecord[];
}

/** What is fixed before the simulation runs: resolved options, calendar, catalogue and users. */
export interface DemoShopPlan {
  seed: number;
  days: number;
  calendar: DemoCalendar;
  products: DemoProduct[];
  items: ItemRecord[];
  users: DemoUser[];
  behaviourRng: Rng;
}

/** Validates the options and draws the catalogue and the users. */
export function planDemoShop(options: DemoShopOptions = {}): DemoShopPlan {
  const seed = checkCount('seed', options.seed ?? 42, 0, 2 ** 31 - 1);
  const userCount = checkCount('users', options.users ?? 5000, 1, 1_000_000);
  const days = checkCount('days', options.days ?? 90, 14, 3650);
  const productCount = checkCount('products', options.products ?? 500, 10, 100_000);
  const endInput = options.end === undefined ? new Date() : new Date(options.end);
  if (Number.isNaN(endInput.getTime())) throw new NorthstarError('INVALID_ARGUMENT', `demo end is not a date: ${String(options.end)}`);
  const calendar = buildCalendar(startOfUtcDay(endInput), days);
  // Independent streams per part, so changing the user count does not reshuffle the catalogue.
  const root = createRng(seed);
  const catalogRng = root.fork();
  const userRng = root.fork();
  const behaviourRng = root.fork();
  const products = generateCatalog(catalogRng, productCount);
  const users = generateUsers(userRng, userCount, calendar.days.map((d) => d.traffic));
  return { seed, days, calendar, products, items: products.map(itemOf), users, behaviourRng };
}

/**
 * Simulates the planned users `usersPerChunk` at a time, so a loader can write while it generates and never
 * holds the whole dataset. Ids continue across chunks; a plan can be simulated once.
 */
export function* simulateDemoShop(plan: DemoShopPlan, usersPerChunk = 250): Generator<DemoShopChunk> {
  const byCategory = new Map<string, DemoProduct[]>();
  for (const product of plan.products) {
    const list = byCategory.get(product.category.key) ?? [];
    list.push(product);
    byCategory.set(product.category.key, list);
  }
  const ctx: SimulationContext = {
    seed: plan.seed,
    calendar: plan.calendar,
    products: plan.products,
    byCategory: new Map([...byCategory].map(([key, list]) => [key, productPool(list)] as const)),
    allProducts: productPool(plan.products),
    events: [],
    feedback: [],
    counters: { event: 0, session: 0, order: 0, feedback: 0 },
  };
  let persons: PersonRecord[] = [];
  for (let i = 0; i < plan.users.length; i++) {
    const user = plan.users[i];
    if (user === undefined) continue;
    const seen = simulateUser(ctx, plan.behaviourRng.fork(), user);
    const signup = new Date(plan.calendar.start.getTime() + user.acquiredDay * DAY_MILLIS);
    const person: PersonRecord = {
      distinctId: user.distinctId,
      properties: {
        plan: user.plan, country: user.country, city: user.city, platform: user.platform, $os: user.os,
        lang: user.lang, initial_utm_source: user.utmSource, signup_date: isoDate(signup),
        ...(user.browser === null ? {} : { $browser: user.browser }),
      },
    };
    if (seen.firstSeen !== undefined) person.firstSeen = seen.firstSeen;
    if (seen.lastSeen !== undefined) person.lastSeen = seen.lastSeen;
    persons.push(person);
    if (persons.length >= usersPerChunk || i === plan.users.length - 1) {
      yield { events: ctx.events, persons, feedback: ctx.feedback };
      ctx.events = [];
      ctx.feedback = [];
      persons = [];
    }
  }
}

/** The metadata of a plan once `eventCount` events with `eventNames` were simulated. */
export function demoShopMetadata(plan: DemoShopPlan, eventCount: number, eventNames: Iterable<string>): DemoShopMetadata {
  const churned = plan.users.filter((u) => u.churnDay !== null).map((u) => u.distinctId);
  return {
    seed: plan.seed,
    users: plan.users.length,
    days: plan.days,
    products: plan.products.length,
    start: plan.calendar.start.toISOString(),
    end: plan.calendar.end.toISOString(),
    eventCount,
    eventNames: [...new Set(eventNames)].sort(),
    promo: plan.calendar.promo,
    incident: {
      date: plan.calendar.incident.date,
      platform: INCIDENT_PLATFORM,
      fromEvent: 'checkout_started',
      toEvent: 'order_completed',
      normalRate: CHECKOUT_SUCCESS[INCIDENT_PLATFORM],
      incidentRate: CHECKOUT_SUCCESS.incident,
    },
    churned: { count: churned.length, distinctIds: churned },
    northStar: DEMO_NORTH_STAR,
  };
}

/**
 * Generates the demo shop deterministically from `seed`: the same options always give the same events (uuids
 * included), persons, items and feedback, events sorted by time. See docs/demo-shop.md for what is planted where.
 */
export function generateDemoShop(options: DemoShopOptions = {}): DemoShopDataset {
  const plan = planDemoShop(options);
  const events: NewEvent[] = [];
  const persons: PersonRecord[] = [];
  const feedback: FeedbackRecord[] = [];
  for (const chunk of simulateDemoShop(plan)) {
    for (const e of chunk.events) events.push(e);
    for (const p of chunk.persons) persons.push(p);
    for (const f of chunk.feedback) feedback.push(f);
  }
  events.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  feedback.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const names = new Set(events.map((e) => e.event));
  return { events, items: plan.items, persons, feedback, metadata: demoShopMetadata(plan, events.length, names) };
}
