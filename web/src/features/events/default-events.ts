import type { EventNameCount } from './api/get-event-names.js';

/** The demo shop's purchase funnel, used as the default whenever a project has all of its events. */
export const SHOP_FUNNEL = ['$pageview', 'product_viewed', 'product_added_to_cart', 'checkout_started', 'order_completed'] as const;

function has(names: readonly EventNameCount[], event: string): boolean {
  return names.some((n) => n.event === event);
}

/** The first of `preferred` the project has, else its most frequent event. */
export function preferEvent(names: readonly EventNameCount[], preferred: readonly string[]): string | undefined {
  return preferred.find((event) => has(names, event)) ?? names[0]?.event;
}

/** Default funnel steps: the shop funnel when every step exists, else the three most frequent events. */
export function defaultFunnelSteps(names: readonly EventNameCount[]): string[] {
  if (SHOP_FUNNEL.every((event) => has(names, event))) return [...SHOP_FUNNEL];
  return names.slice(0, 3).map((n) => n.event);
}

/** Numeric properties of the shop events, offered for sum / average measures. */
export const NUMERIC_PROPERTIES = ['revenue', 'price', 'cart_size', 'quantity'] as const;

/** Properties commonly worth breaking down by (PostHog's `$os`/`$browser` plus the shop's `category`). */
export const BREAKDOWN_PROPERTIES = ['$os', 'platform', '$browser', '$device_type', 'category', 'utm_source', 'payment_method'] as const;

/**
 * Orders property keys for a picker: the `preferred` ones the data has, in that order, then the rest
 * alphabetically. Without known keys (still loading, or the lookup failed) the preferred list stands in.
 */
export function orderProperties(keys: readonly string[] | undefined, preferred: readonly string[]): string[] {
  if (!keys || keys.length === 0) return [...preferred];
  const have = new Set(keys);
  const first = preferred.filter((k) => have.has(k));
  const rest = keys.filter((k) => !preferred.includes(k)).sort((a, b) => a.localeCompare(b));
  return [...first, ...rest];
}
