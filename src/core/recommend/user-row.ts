import { decayFactor } from '../../ml/recommend/time-decay.js';
import type { StoredEvent } from '../../store/records.js';
import type { ModelVersion } from './serving-registry.js';
import { itemOfEvent } from './store-interactions.js';

/** A user's interaction row rebuilt from their latest events, in the model's item indices. */
export interface UserRow {
  /** Item indices, ascending (as a CSR row), and their decayed summed weights. */
  items: Int32Array;
  values: Float32Array;
  /** Per entry of `items`: the heaviest event name seen on it (explanations say "viewed", "bought"…). */
  strongest: string[];
  /** Items the user purchased (indices, ascending). */
  purchased: Int32Array;
  /** Weighted events that named an item the model does not know (new items: they cannot score yet). */
  unknownItems: number;
}

/**
 * Folds a user's events into a row exactly as training built the matrix: event weight × 2^(−age/half-life)
 * summed per item, the age measured from the later of the training data's end and the user's last event.
 * For item-item models, scoring this row equals scoring a retrained matrix row, so new events count at once.
 */
export function userRowFromEvents(
  model: ModelVersion,
  events: readonly StoredEvent[],
  options: { itemProperty: string; purchaseEvents: readonly string[] },
): UserRow {
  let ref = model.dataEnd;
  for (const e of events) ref = Math.max(ref, e.timestamp.getTime() / 1000);
  const sums = new Map<number, { value: number; event: string; weight: number }>();
  const purchased = new Set<number>();
  let unknownItems = 0;
  for (const e of events) {
    const weight = model.eventWeights[e.event];
    const id = itemOfEvent(e, options.itemProperty);
    if (weight === undefined || !(weight > 0) || id === undefined) continue;
    const i = model.itemIndex.get(id);
    if (i === undefined) {
      unknownItems++;
      continue;
    }
    if (options.purchaseEvents.includes(e.event)) purchased.add(i);
    const v = weight * decayFactor(ref - e.timestamp.getTime() / 1000, model.halfLifeDays);
    const cur = sums.get(i);
    if (cur === undefined) sums.set(i, { value: v, event: e.event, weight });
    else {
      cur.value += v;
      if (weight >= cur.weight) Object.assign(cur, { event: e.event, weight });
    }
  }
  const order = [...sums.keys()].sort((a, b) => a - b);
  return {
    items: Int32Array.from(order),
    values: Float32Array.from(order, (i) => sums.get(i)!.value),
    strongest: order.map((i) => sums.get(i)!.event),
    purchased: Int32Array.from([...purchased].sort((a, b) => a - b)),
    unknownItems,
  };
}
