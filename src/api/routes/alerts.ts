import type { FastifyInstance } from 'fastify';
import { authorize } from '../auth.js';
import { errorBodySchema } from '../error-handler.js';
import type { RouteDeps } from '../route-deps.js';
import { projectParamsSchema, type ProjectParams } from './project-params.js';

const looseObject = { type: 'object', additionalProperties: true } as const;
const responses = { 200: looseObject, '4xx': errorBodySchema, '5xx': errorBodySchema } as const;
const idSchema = { type: 'string', minLength: 1, maxLength: 200 } as const;
const monitorParams = { type: 'object', properties: { id: idSchema, monitorId: idSchema }, required: ['id', 'monitorId'] } as const;
const alertParams = { type: 'object', properties: { id: idSchema, alertId: idSchema }, required: ['id', 'alertId'] } as const;

interface MonitorParams extends ProjectParams {
  monitorId: string;
}
interface AlertParams extends ProjectParams {
  alertId: string;
}
interface AlertListQuery {
  status?: 'open' | 'acknowledged' | 'resolved';
  monitor?: string;
  limit?: number;
  offset?: number;
}

/**
 * Monitors and alerts of a project (docs/api.md "Alerts"): list/create/get/enable/delete monitors, scan one now,
 * list alerts, read one with its delivery log, acknowledge and resolve. Reads need the read scope, changes write.
 */
export function alertRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const ctx = { northstar: deps.northstar, dashboardToken: deps.dashboardToken, limiter: deps.limiter };
  const alerts = deps.northstar.alerts;

  app.get<{ Params: ProjectParams }>('/api/projects/:id/monitors', { schema: { params: projectParamsSchema, response: responses } }, async (request) => {
    await authorize(request, ctx, request.params.id, 'read');
    return { monitors: await alerts.listMonitors(request.params.id) };
  });

  app.post<{ Params: ProjectParams; Body: unknown }>(
    '/api/projects/:id/monitors',
    { schema: { params: projectParamsSchema, body: looseObject, response: { 201: looseObject, '4xx': errorBodySchema, '5xx': errorBodySchema } } },
    async (request, reply) => {
      await authorize(request, ctx, request.params.id, 'write');
      const created = await alerts.createMonitor(request.params.id, request.body);
      return reply.code(201).send(created);
    },
  );

  app.get<{ Params: MonitorParams }>('/api/projects/:id/monitors/:monitorId', { schema: { params: monitorParams, response: responses } }, async (request) => {
    await authorize(request, ctx, request.params.id, 'read');
    return alerts.getMonitor(request.params.id, request.params.monitorId);
  });

  app.patch<{ Params: MonitorParams; Body: { enabled: boolean } }>(
    '/api/projects/:id/monitors/:monitorId',
    {
      schema: {
        params: monitorParams,
        body: { type: 'object', properties: { enabled: { type: 'boolean' } }, required: ['enabled'], additionalProperties: false },
        response: responses,
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'write');
      return alerts.setMonitorEnabled(request.params.id, request.params.monitorId, request.body.enabled);
    },
  );

  app.delete<{ Params: MonitorParams }>('/api/projects/:id/monitors/:monitorId', { schema: { params: monitorParams } }, async (request, reply) => {
    await authorize(request, ctx, request.params.id, 'write');
    await alerts.deleteMonitor(request.params.id, request.params.monitorId);
    return reply.code(204).send();
  });

  app.post<{ Params: MonitorParams; Querystring: { now?: string } }>(
    '/api/projects/:id/monitors/:monitorId/run',
    {
      schema: {
        params: monitorParams,
        querystring: { type: 'object', properties: { now: { type: 'string', format: 'date-time' } }, additionalProperties: false },
        response: responses,
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'write');
      const now = request.query.now === undefined ? undefined : new Date(request.query.now);
      return alerts.runMonitor(request.params.id, request.params.monitorId, now);
    },
  );

  app.get<{ Params: ProjectParams; Querystring: AlertListQuery }>(
    '/api/projects/:id/alerts',
    {
      schema: {
        params: projectParamsSchema,
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['open', 'acknowledged', 'resolved'] },
            monitor: idSchema,
            limit: { type: 'integer', minimum: 1, maximum: 500 },
            offset: { type: 'integer', minimum: 0 },
          },
          additionalProperties: false,
        },
        response: responses,
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      const q = request.query;
      const query: Parameters<typeof alerts.listAlerts>[1] = {};
      if (q.status !== undefined) query.status = q.status;
      if (q.monitor !== undefined) query.monitorId = q.monitor;
      if (q.limit !== undefined) query.limit = q.limit;
      if (q.offset !== undefined) query.offset = q.offset;
      return { alerts: await alerts.listAlerts(request.params.id, query) };
    },
  );

  app.get<{ Params: AlertParams }>('/api/projects/:id/alerts/:alertId', { schema: { params: alertParams, response: responses } }, async (request) => {
    await authorize(request, ctx, request.params.id, 'read');
    return alerts.getAlert(request.params.id, request.params.alertId);
  });

  for (const action of ['ack', 'resolve'] as const) {
    app.post<{ Params: AlertParams }>(`/api/projects/:id/alerts/:alertId/${action}`, { schema: { params: alertParams, response: responses } }, async (request) => {
      await authorize(request, ctx, request.params.id, 'write');
      const { id, alertId } = request.params;
      return action === 'ack' ? alerts.acknowledge(id, alertId) : alerts.resolve(id, alertId);
    });
  }
}
