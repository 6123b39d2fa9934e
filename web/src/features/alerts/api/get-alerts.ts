import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertDetail, AlertView, MonitorView, ScanResult } from '../../../../../src/core/index.js';
import { apiGet, apiPost, projectPath } from '../../../lib/api-client.js';

/** The list path the page asks (the e2e test asks the API the very same URL). */
export function alertsPath(projectId: string): string {
  return projectPath(projectId, 'alerts?limit=100');
}

/** Fetches `GET /api/projects/:id/alerts` (newest period first). */
export function getAlerts(projectId: string, signal?: AbortSignal): Promise<{ alerts: AlertView[] }> {
  return apiGet<{ alerts: AlertView[] }>(alertsPath(projectId), signal);
}

/** Fetches one alert with its delivery log. */
export function getAlert(projectId: string, alertId: string, signal?: AbortSignal): Promise<AlertDetail> {
  return apiGet<AlertDetail>(projectPath(projectId, `alerts/${encodeURIComponent(alertId)}`), signal);
}

/** Fetches the project's monitors. */
export function getMonitors(projectId: string, signal?: AbortSignal): Promise<{ monitors: MonitorView[] }> {
  return apiGet<{ monitors: MonitorView[] }>(projectPath(projectId, 'monitors'), signal);
}

/** Query options of the alert list. */
export function alertsQueryOptions(projectId: string) {
  return queryOptions({ queryKey: ['alerts', projectId, 'list'], queryFn: ({ signal }) => getAlerts(projectId, signal) });
}

/** The alert list. */
export function useAlerts(projectId: string) {
  return useQuery(alertsQueryOptions(projectId));
}

/** One alert; disabled without an id. */
export function useAlert(projectId: string, alertId: string | null) {
  return useQuery({
    queryKey: ['alerts', projectId, 'detail', alertId],
    queryFn: ({ signal }) => getAlert(projectId, alertId ?? '', signal),
    enabled: alertId !== null,
  });
}

/** The monitor list. */
export function useMonitors(projectId: string) {
  return useQuery({ queryKey: ['alerts', projectId, 'monitors'], queryFn: ({ signal }) => getMonitors(projectId, signal) });
}

/** Acknowledge or resolve an alert; every alert query of the project is re-read after. */
export function useAlertAction(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ alertId, action }: { alertId: string; action: 'ack' | 'resolve' }) =>
      apiPost<AlertView>(projectPath(projectId, `alerts/${encodeURIComponent(alertId)}/${action}`), {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alerts', projectId] }),
  });
}

/** Scan a monitor now. */
export function useRunMonitor(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (monitorId: string) => apiPost<ScanResult>(projectPath(projectId, `monitors/${encodeURIComponent(monitorId)}/run`), {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alerts', projectId] }),
  });
}

/** Create a monitor from the page's form body. */
export function useCreateMonitor(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => apiPost<MonitorView>(projectPath(projectId, 'monitors'), body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alerts', projectId, 'monitors'] }),
  });
}
