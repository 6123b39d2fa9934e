import type { Rng } from '../../common/rng.js';
import type { FeedbackRecord, NewEvent } from '../../store/records.js';
import { DEMO_CATEGORIES, type DemoProduct } from './catalog.js';
import type { DemoCalendar, DemoDay } from './demo-calendar.js';
import { DAY_MILLIS } from './demo-calendar.js';
import { createRng } from '../../common/rng.js';
import { drawRating, incidentReviewText, reviewText, supportText, type SupportTopic } from './demo-text.js';
import type { DemoUser } from './demo-users.js';
import { DEMO_ID_STREAM, demoUuid } from './demo-uuid.js';

/** Everything a user's simulation reads and appends to; counters make every id deterministic. */
export interface SimulationContext {
  seed: number;
  calendar: DemoCalendar;
  products: readonly DemoProduct[];
  /** Products per category key, with cumulative weights for fast draws. */
  byCategory: ReadonlyMap<string, ProductPool>;
  /** All products, for categories without products of their own (tiny catalogues). */
  allProducts: ProductPool;
  events: NewEvent[];
  feedback: FeedbackRecord[];
  counters: { event: number; session: number; order: number; feedback: number };
}

/** Purchase rate after checkout per platform, and on the incident day for the broken platform. */
export const CHECKOUT_SUCCESS = { ios: 0.74, android: 0.71, web: 0.64, incident: 0.06 } as const;
/** The platform whose payment breaks on the incident day. */
export const INCIDENT_PLATFORM = 'android';

const HOST = { web: 'https://shop.northstar.dev', app: 'northstar-shop://app' };
// Visits by local hour in China (UTC+8): lunch and evening peaks.
const LOCAL_HOUR_WEIGHTS = [3, 2, 1, 1, 1, 2, 4, 8, 12, 14, 15, 16, 18, 15, 14, 14, 15, 16, 18, 21, 26, 28, 22, 10];
const PAYMENT_METHODS: readonly string[] = ['alipay', 'wechat_pay', 'wechat_pay', 'alipay', 'card'];

/** Products of one category with their cumulative popularity, for O(log n) weighted draws. */
export interface ProductPool {
  products: readonly DemoProduct[];
  cumulative: Float64Array;
}

/** Builds a {@link ProductPool} from products in a fixed order. */
export function productPool(products: readonly DemoProduct[]): ProductPool {
  const cumulative = new Float64Array(products.length);
  let total = 0;
  products.forEach((p, i) => {
    total += p.weight;
    cumulative[i] = total;
  });
  return { products, cumulative };
}

/**
 * The properties of one event. Built as one literal with a fixed key order (then the extras), which keeps V8 on
 * fast object shapes: spreading a shared base object per event was the generator's hottest line.
 */
function eventProperties(
  user: DemoUser,
  lib: string,
  deviceType: string,
  utm: string,
  sessionId: string,
  url: string,
  path: string,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    $os: user.os,
    platform: user.platform,
    $lib: lib,
    $device_type: deviceType,
    utm_source: utm,
    $session_id: sessionId,
    $current_url: url,
    $pathname: path,
  };
  if (user.browser !== null) properties['$browser'] = user.browser;
  for (const key of Object.keys(extra)) properties[key] = extra[key];
  return properties;
}

function pickProduct(rng: Rng, pool: ProductPool): DemoProduct {
  const { cumulative, products } = pool;
  const x = rng.next() * (cumulative[cumulative.length - 1] ?? 0);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return products[lo] ?? rng.pick(products);
}

/** Simulates one user's whole life in the window: visits, sessions, purchases, reviews and support questions. */
export function simulateUser(ctx: SimulationContext, rng: Rng, user: DemoUser): { firstSeen?: Date; lastSeen?: Date } {
  const { calendar } = ctx;
  const seen: { firstSeen?: Date; lastSeen?: Date } = {};
  const firstDay = Math.max(0, user.acquiredDay);
  const lastDay = user.churnDay ?? calendar.days.length;
  for (let d = firstDay; d < lastDay && d < calendar.days.length; d++) {
    const day = calendar.days[d];
    if (day === undefined) break;
    // Sign-up day always has a visit; afterwards the user's rate scaled by the day's traffic.
    const visits = d === user.acquiredDay ? 1 : rng.chance(Math.min(0.95, user.visitRate * day.traffic)) ? (rng.chance(0.15) ? 2 : 1) : 0;
    for (let v = 0; v < visits; v++) {
      const span = simulateSession(ctx, rng, user, day, d === user.acquiredDay && v === 0);
      if (span === undefined) continue;
      if (seen.firstSeen === undefined || span.start < seen.firstSeen) seen.firstSeen = span.start;
      if (seen.lastSeen === undefined || span.end > seen.lastSeen) seen.lastSeen = span.end;
    }
  }
  return seen;
}

function simulateSession(
  ctx: SimulationContext,
  rng: Rng,
  user: DemoUser,
  day: DemoDay,
  firstVisit: boolean,
): { start: Date; end: Date } | undefined {
  const localHour = rng.weightedIndex(LOCAL_HOUR_WEIGHTS);
  const utcHour = (localHour + 16) % 24;
  let t = day.start.getTime() + utcHour * 3_600_000 + rng.int(0, 3_599_999);
  const endLimit = ctx.calendar.end.getTime();
  if (t >= endLimit) return undefined;
  const sessionId = demoUuid(ctx.seed, DEMO_ID_STREAM.session, ctx.counters.session++);
  const host = user.platform === 'web' ? HOST.web : HOST.app;
  const utm = firstVisit ? user.utmSource : rng.chance(0.6) ? 'direct' : user.utmSource;
  const lib = user.platform === 'web' ? 'web' : `posthog-${user.platform}`;
  const deviceType = user.platform === 'web' ? 'Desktop' : 'Mobile';
  const start = new Date(t);
  let last = start;
  const emit = (event: string, path: string, props: Record<string, unknown> = {}): void => {
    if (t >= endLimit) return;
    const timestamp = new Date(t);
    last = timestamp;
    ctx.events.push({
      uuid: demoUuid(ctx.seed, DEMO_ID_STREAM.event, ctx.counters.event++),
      event,
      distinctId: user.distinctId,
      timestamp,
      receivedAt: timestamp,
      properties: eventProperties(user, lib, deviceType, utm, sessionId, host + path, path, props),
      sessionId,
    });
    t += Math.round(5_000 + rng.exponential(35_000));
  };

  emit('$pageview', '/', firstVisit ? { $referrer: utm === 'direct' ? '$direct' : `https://${utm}.com/` } : {});
  if (rng.chance(0.3)) {
    emit('products_searched', '/search', { query: rng.chance(0.5) ? user.favourite.zh : user.favourite.en, category: user.favourite.en });
  }
  const views = 1 + Math.floor(rng.exponential(day.promo > 0 ? 2.6 : 1.8));
  const cart: DemoProduct[] = [];
  for (let i = 0; i < views; i++) {
    // Mostly the user's favourite category, sometimes a second interest, now and then anything.
    const roll = rng.next();
    const category = roll < 0.65 ? user.favourite : roll < 0.85 ? user.second : rng.pick(DEMO_CATEGORIES);
    const product = pickProduct(rng, ctx.byCategory.get(category.key) ?? ctx.allProducts);
    const productProps = { product_id: product.id, category: product.category.en, price: product.price, title: product.titleEn };
    emit('$pageview', `/products/${product.id}`);
    emit('product_viewed', `/products/${product.id}`, productProps);
    // Cheaper items and promo days convert to cart more often; Plus members buy more.
    const addRate = 0.16 * (product.price < 200 ? 1.3 : product.price > 2000 ? 0.6 : 1) * (day.promo > 0 ? 1.4 : 1) * (user.plan === 'plus' ? 1.25 : 1);
    if (rng.chance(addRate)) {
      cart.push(product);
      emit('product_added_to_cart', `/products/${product.id}`, { ...productProps, quantity: 1 });
    }
  }
  if (cart.length > 0 && rng.chance(day.promo > 0 ? 0.68 : 0.56)) {
    const revenue = cart.reduce((sum, p) => sum + p.price, 0) * (day.promo > 0 ? 0.85 : 1);
    const value = Math.round(revenue * 100) / 100;
    emit('checkout_started', '/checkout', { revenue: value, cart_size: cart.length, currency: 'CNY' });
    const broken = day.index === ctx.calendar.incident.dayIndex && user.platform === INCIDENT_PLATFORM;
    const success = broken ? CHECKOUT_SUCCESS.incident : Math.min(0.9, CHECKOUT_SUCCESS[user.platform] * (day.promo > 0 ? 1.1 : 1));
    if (rng.chance(success)) {
      const orderId = `o_${demoUuid(ctx.seed, DEMO_ID_STREAM.order, ctx.counters.order++).slice(0, 13)}`;
      const order: Record<string, unknown> = {
        order_id: orderId, revenue: value, cart_size: cart.length, currency: 'CNY', payment_method: rng.pick(PAYMENT_METHODS),
        product_id: cart[0]?.id, category: cart[0]?.category.en,
      };
      if (day.promo > 0) order.coupon = 'PROMO15';
      emit('order_completed', '/checkout/complete', order);
      maybeReview(ctx, rng, user, cart, new Date(t), orderId);
      if (rng.chance(0.03)) addSupport(ctx, rng, user, rng.pick<SupportTopic>(['shipping', 'refund', 'shipping']), new Date(t + rng.int(1, 4) * DAY_MILLIS), cart[0]);
    } else if (broken) {
      emit('payment_failed', '/checkout', { error_code: 'PAYMENT_SDK_TIMEOUT', revenue: value });
      if (rng.chance(0.35)) addSupport(ctx, rng, user, 'payment', new Date(t + rng.int(60_000, 3_600_000)), cart[0]);
      addIncidentReview(ctx, user, t);
    }
  } else if (rng.chance(day.promo > 0 ? 0.02 : 0.006)) {
    addSupport(ctx, rng, user, day.promo > 0 ? 'coupon' : rng.pick<SupportTopic>(['account', 'product', 'coupon']), new Date(t), cart[0]);
  }
  return { start, end: last };
}

function maybeReview(ctx: SimulationContext, rng: Rng, user: DemoUser, cart: readonly DemoProduct[], at: Date, orderId: string): void {
  const product = cart[0];
  if (product === undefined || !rng.chance(0.14)) return;
  const createdAt = new Date(at.getTime() + rng.int(1, 6) * DAY_MILLIS + rng.int(0, 86_399_999));
  if (createdAt.getTime() >= ctx.calendar.end.getTime()) return;
  const rating = drawRating(rng, product.quality);
  const title = user.lang === 'zh-CN' ? product.titleZh : product.titleEn;
  ctx.feedback.push({
    id: demoUuid(ctx.seed, DEMO_ID_STREAM.feedback, ctx.counters.feedback++),
    source: 'review',
    distinctId: user.distinctId,
    text: reviewText(rng, user.lang, rating, title),
    rating,
    lang: user.lang,
    createdAt,
    properties: { product_id: product.id, category: product.category.en, order_id: orderId, platform: user.platform },
  });
}

function addSupport(ctx: SimulationContext, rng: Rng, user: DemoUser, topic: SupportTopic, at: Date, product: DemoProduct | undefined): void {
  if (at.getTime() >= ctx.calendar.end.getTime()) return;
  const fallback = ctx.products[0];
  const about = product ?? fallback;
  const title = about === undefined ? '' : user.lang === 'zh-CN' ? about.titleZh : about.titleEn;
  ctx.feedback.push({
    id: demoUuid(ctx.seed, DEMO_ID_STREAM.feedback, ctx.counters.feedback++),
    source: 'support',
    distinctId: user.distinctId,
    text: supportText(rng, user.lang, topic, title),
    rating: null,
    lang: user.lang,
    createdAt: at,
    properties: { topic, platform: user.platform },
  });
}

/**
 * Some users whose Android checkout broke on the incident day leave a one-star app-store review within hours: the
 * negative spike opinion monitoring should find. Drawn from its own generator (seeded by the feedback counter), so
 * the event stream stays exactly what it was before these reviews existed.
 */
function addIncidentReview(ctx: SimulationContext, user: DemoUser, t: number): void {
  const rng = createRng((Math.imul(ctx.seed, 0x9e3779b1) ^ (0x5bd1e995 + ctx.counters.event)) >>> 0);
  if (!rng.chance(0.6)) return;
  const at = new Date(t + rng.int(120_000, 6 * 3_600_000));
  if (at.getTime() >= ctx.calendar.end.getTime()) return;
  ctx.feedback.push({
    id: demoUuid(ctx.seed, DEMO_ID_STREAM.feedback, ctx.counters.feedback++),
    source: 'appstore',
    distinctId: user.distinctId,
    text: incidentReviewText(rng, user.lang),
    rating: 1,
    lang: user.lang,
    createdAt: at,
    properties: { platform: user.platform, app_version: '5.2.0' },
  });
}
