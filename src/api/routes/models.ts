import type { FastifyInstance } from 'fastify';
import { NorthstarError } from '../../common/errors.js';
import type { ModelTrainingService } from '../../core/index.js';
import { authorize } from '../auth.js';
import { errorBodySchema } from '../error-handler.js';
import type { RouteDeps } from '../route-deps.js';
import { projectParamsSchema, type ProjectParams } from './project-params.js';

const looseObject = { type: 'object', additionalProperties: true } as const;
const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema } as const;

interface TabularQuery {
  target: string;
  task?: 'classification' | 'regression';
  epochs?: number;
  seed?: number;
  name?: string;
}

/**
 * Neural-network models of a project (docs/api.md "Models"): `POST .../models/tabular?target=&task=&epochs=`
 * with the CSV as the raw body (`Content-Type: text/csv`; any type is read as UTF-8 text) answers 202 with
 * the job; `GET .../models/jobs/:jobId` shows its epochs so far and, once done, the model and metrics;
 * `GET .../models` lists the trained models. A raw body rather than multipart keeps the upload one request
 * with no extra parser; the dashboard reads the file and sends its text.
 */
export function modelRoutes(app: FastifyInstance, deps: RouteDeps, models: ModelTrainingService): void {
  const ctx = { northstar: deps.northstar, dashboardToken: deps.dashboardToken, limiter: deps.limiter };

  app.post<{ Params: ProjectParams; Querystring: TabularQuery }>(
    '/api/projects/:id/models/tabular',
    {
      config: { rawBody: true },
      schema: {
        params: projectParamsSchema,
        querystring: {
          type: 'object',
          properties: {
            target: { type: 'string', minLength: 1, maxLength: 200 },
            task: { type: 'string', enum: ['classification', 'regression'] },
            // The range (1-500) is checked by core so the message names it.
            epochs: { type: 'integer' },
            seed: { type: 'integer' },
            name: { type: 'string', minLength: 1, maxLength: 200 },
          },
          required: ['target'],
          additionalProperties: false,
        },
        response: { 202: looseObject, ...errors },
      },
    },
    async (request, reply) => {
      // Training writes model files, so it needs a write key (the dashboard session has every scope).
      await authorize(request, ctx, request.params.id, 'write');
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (body.length === 0) {
        throw new NorthstarError('NN_INVALID_DATA', 'the request body is empty; send the CSV text as the body', { hint: 'POST the file with Content-Type: text/csv.' });
      }
      const q = request.query;
      const job = models.startTabular(request.params.id, {
        csv: body.toString('utf8'),
        target: q.target,
        epochs: q.epochs ?? 30,
        ...(q.task === undefined ? {} : { task: q.task }),
        ...(q.seed === undefined ? {} : { seed: q.seed }),
        ...(q.name === undefined ? {} : { name: q.name }),
      });
      return reply.code(202).send({ jobId: job.id, job });
    },
  );

  app.get<{ Params: ProjectParams & { jobId: string } }>(
    '/api/projects/:id/models/jobs/:jobId',
    {
      schema: {
        params: {
          type: 'object',
          properties: { ...projectParamsSchema.properties, jobId: { type: 'string', minLength: 1, maxLength: 100 } },
          required: ['id', 'jobId'],
        },
        response: { 200: looseObject, ...errors },
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      return models.getJob(request.params.id, request.params.jobId);
    },
  );

  app.get<{ Params: ProjectParams }>(
    '/api/projects/:id/models',
    { schema: { params: projectParamsSchema, response: { 200: looseObject, ...errors } } },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      return { models: await models.listModels(request.params.id) };
    },
  );
}
