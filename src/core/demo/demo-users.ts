import type { Rng } from '../../common/rng.js';
import type { DemoCategory } from './catalog.js';
import { DEMO_CATEGORIES } from './catalog.js';

/** Where a user shops from: native app or the web shop. */
export type DemoPlatform = 'ios' | 'android' | 'web';

/** A simulated shopper. Person properties are derived from it; behaviour is driven by the numbers. */
export interface DemoUser {
  distinctId: string;
  platform: DemoPlatform;
  os: string;
  browser: string | null;
  country: string;
  city: string;
  lang: 'zh-CN' | 'en';
  plan: 'free' | 'plus';
  utmSource: string;
  /** Day index of sign-up; negative when the user signed up before the window. */
  acquiredDay: number;
  /** Day index from which the user never returns; `null` when still active at the end. */
  churnDay: number | null;
  /** Chance of visiting on an ordinary day. */
  visitRate: number;
  favourite: DemoCategory;
  second: DemoCategory;
}

const CITIES: ReadonlyArray<readonly [country: string, city: string, weight: number]> = [
  ['CN', 'Shanghai', 16], ['CN', 'Beijing', 14], ['CN', 'Shenzhen', 10], ['CN', 'Guangzhou', 9], ['CN', 'Hangzhou', 8],
  ['CN', 'Chengdu', 7], ['CN', 'Wuhan', 5], ['CN', 'Nanjing', 5], ['SG', 'Singapore', 5], ['US', 'San Francisco', 4],
  ['US', 'New York', 4], ['GB', 'London', 3], ['MY', 'Kuala Lumpur', 3], ['DE', 'Berlin', 2], ['AU', 'Sydney', 2],
];
const UTM_SOURCES: readonly string[] = ['wechat', 'douyin', 'xiaohongshu', 'baidu', 'google', 'newsletter', 'direct'];
const UTM_WEIGHTS: readonly number[] = [24, 18, 14, 10, 8, 6, 20];

function pickPlatform(rng: Rng): { platform: DemoPlatform; os: string; browser: string | null } {
  const roll = rng.next();
  if (roll < 0.35) return { platform: 'ios', os: 'iOS', browser: null };
  if (roll < 0.75) return { platform: 'android', os: 'Android', browser: null };
  const os = rng.pick(['Windows', 'Mac OS X', 'Mac OS X', 'Linux']);
  const browser = os === 'Mac OS X' ? rng.pick(['Safari', 'Chrome']) : rng.pick(['Chrome', 'Chrome', 'Edge', 'Firefox']);
  return { platform: 'web', os, browser };
}

/**
 * Draws sign-up days with growth toward the end of the window and a burst around the promo (acquisition
 * campaigns), plus 20% of users who signed up before the window.
 */
function pickAcquiredDay(rng: Rng, dayWeights: readonly number[]): number {
  if (rng.chance(0.2)) return -rng.int(1, 60);
  return rng.weightedIndex(dayWeights);
}

/**
 * Generates `count` users. `traffic[d]` is the day's traffic multiplier; it also shapes sign-ups. About 55% of
 * users churn: they stop coming after an exponentially distributed lifetime (mean 30 days).
 */
export function generateUsers(rng: Rng, count: number, traffic: readonly number[]): DemoUser[] {
  const days = traffic.length;
  const dayWeights = traffic.map((t, d) => t * (1 + (0.6 * d) / days));
  const cityWeights = CITIES.map((c) => c[2]);
  const users: DemoUser[] = [];
  for (let i = 0; i < count; i++) {
    const { platform, os, browser } = pickPlatform(rng);
    const [country, city] = CITIES[rng.weightedIndex(cityWeights)] ?? ['CN', 'Shanghai'];
    const segment = rng.next();
    // Casual, regular and power shoppers: a long tail of engagement, as real shops have.
    const visitRate = segment < 0.55 ? 0.03 + rng.next() * 0.07 : segment < 0.9 ? 0.1 + rng.next() * 0.15 : 0.25 + rng.next() * 0.25;
    const acquiredDay = pickAcquiredDay(rng, dayWeights);
    const lifetime = rng.exponential(30);
    const churns = rng.chance(0.55);
    const churnDay = churns ? Math.max(acquiredDay, 0) + Math.max(1, Math.round(lifetime)) : null;
    const favourite = DEMO_CATEGORIES[rng.weightedIndex(DEMO_CATEGORIES.map((c) => c.popularity))] ?? DEMO_CATEGORIES[0];
    const second = rng.pick(DEMO_CATEGORIES);
    if (favourite === undefined || second === undefined) throw new Error('demo categories are empty');
    users.push({
      distinctId: `user_${String(i + 1).padStart(5, '0')}`,
      platform,
      os,
      browser,
      country,
      city,
      lang: country === 'CN' ? (rng.chance(0.92) ? 'zh-CN' : 'en') : rng.chance(0.15) ? 'zh-CN' : 'en',
      plan: rng.chance(visitRate > 0.2 ? 0.45 : 0.12) ? 'plus' : 'free',
      utmSource: UTM_SOURCES[rng.weightedIndex(UTM_WEIGHTS)] ?? 'direct',
      acquiredDay,
      churnDay: churnDay !== null && churnDay < days ? churnDay : null,
      visitRate,
      favourite,
      second,
    });
  }
  return users;
}
