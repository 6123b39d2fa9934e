import type { TrendSpecInput } from '../../store/insights/spec.js';

/**
 * The north-star metric a new project starts with: unique users of any event per day over the last 30 days.
 * Projects replace it with `PUT /api/projects/:id/north-star` (the demo shop sets its own).
 */
export const DEFAULT_NORTH_STAR: TrendSpecInput = {
  kind: 'trend',
  series: [{ event: null, math: 'unique_users', label: 'Daily active users' }],
  interval: 'day',
  dateFrom: '-30d',
  dateTo: 'now',
};
