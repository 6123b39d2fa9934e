import type { FastifyInstance } from 'fastify';
import { NorthstarError } from '../../common/errors.js';
import type { ModelTrainingService } from '../../core/index.js';
import { authorize } from '../auth.js';
import { errorBodySchema } from '../error-handler.js';
import type { RouteDeps } from '../route-deps.js';
import { projectParamsSchema, type ProjectParams } from './project-params.js';

const looseObject = { type: 'object', additionalProperties: true } as const;
const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema } as const;

/** Largest image-folder upload (the zip body); the archive's own limits are checked by core. */
export const MAX_IMAGE_UPLOAD_BYTES = 64 * 1024 * 1024;

interface ImageQuery {
  epochs?: number;
  batchSize?: number;
  imageSize?: number;
  arch?: string;
  augment?: boolean;
  validationSplit?: number;
  seed?: number;
  name?: string;
}

const jobParamsSchema = {
  type: 'object',
  properties: { ...projectParamsSchema.properties, jobId: { type: 'string', minLength: 1, maxLength: 100 } },
  required: ['id', 'jobId'],
} as const;

interface TabularQuery {
  target: string;
  task?: 'classification' | 'regression';
  epochs?: number;
  seed?: number;
  name?: string;
}

/**
 * Neural-network models of a project (docs/api.md "Models"): `POST .../models/tabular?target=&task=&epochs=`
 * with the CSV as the raw body (`Content-Type: text/csv`; any type is read as UTF-8 text) and
 * `POST .../models/images?epochs=&imageSize=&arch=` with a .zip of `<class>/<image>` as the raw body
 * (`Content-Type: application/zip`) answer 202 with the job; `GET .../models/jobs/:jobId` shows its epochs
 * and log lines so far and, once done, the model and metrics; `POST .../models/jobs/:jobId/cancel` stops it;
 * `GET .../models/jobs` lists the jobs (kept across restarts; a job the server stopped during is
 * `interrupted`), `POST .../models/jobs/:jobId/retry` starts an interrupted one again from its kept upload;
 * `GET .../models` lists the trained models. Raw bodies rather than multipart keep each upload one request
 * with no extra parser: the dashboard sends a CSV's text, or zips a picked folder in the browser.
 */
export function modelRoutes(app: FastifyInstance, deps: RouteDeps, models: ModelTrainingService, maxImageUploadBytes = MAX_IMAGE_UPLOAD_BYTES): void {
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
      const job = await models.startTabular(request.params.id, {
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

  app.post<{ Params: ProjectParams; Querystring: ImageQuery }>(
    '/api/projects/:id/models/images',
    {
      bodyLimit: maxImageUploadBytes,
      config: { rawBody: true },
      schema: {
        params: projectParamsSchema,
        querystring: {
          type: 'object',
          properties: {
            // Ranges are checked by core so the message names them.
            epochs: { type: 'integer' },
            batchSize: { type: 'integer' },
            imageSize: { type: 'integer' },
            arch: { type: 'string', maxLength: 50 },
            augment: { type: 'boolean' },
            validationSplit: { type: 'number' },
            seed: { type: 'integer' },
            name: { type: 'string', minLength: 1, maxLength: 200 },
          },
          additionalProperties: false,
        },
        response: { 202: looseObject, ...errors },
      },
    },
    async (request, reply) => {
      await authorize(request, ctx, request.params.id, 'write');
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const q = request.query;
      const job = await models.startImage(request.params.id, {
        zip: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
        epochs: q.epochs ?? 10,
        ...(q.batchSize === undefined ? {} : { batchSize: q.batchSize }),
        ...(q.imageSize === undefined ? {} : { imageSize: q.imageSize }),
        ...(q.arch === undefined ? {} : { arch: q.arch }),
        ...(q.augment === undefined ? {} : { augment: q.augment }),
        ...(q.validationSplit === undefined ? {} : { validationSplit: q.validationSplit }),
        ...(q.seed === undefined ? {} : { seed: q.seed }),
        ...(q.name === undefined ? {} : { name: q.name }),
      });
      return reply.code(202).send({ jobId: job.id, job });
    },
  );

  app.post<{ Params: ProjectParams & { jobId: string } }>(
    '/api/projects/:id/models/jobs/:jobId/cancel',
    { schema: { params: jobParamsSchema, response: { 200: looseObject, ...errors } } },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'write');
      return models.cancel(request.params.id, request.params.jobId);
    },
  );

  app.post<{ Params: ProjectParams & { jobId: string } }>(
    '/api/projects/:id/models/jobs/:jobId/retry',
    { schema: { params: jobParamsSchema, response: { 202: looseObject, ...errors } } },
    async (request, reply) => {
      await authorize(request, ctx, request.params.id, 'write');
      const job = await models.retry(request.params.id, request.params.jobId);
      return reply.code(202).send({ jobId: job.id, job });
    },
  );

  app.get<{ Params: ProjectParams; Querystring: { limit?: number; offset?: number } }>(
    '/api/projects/:id/models/jobs',
    {
      schema: {
        params: projectParamsSchema,
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 200 }, offset: { type: 'integer', minimum: 0 } },
          additionalProperties: false,
        },
        response: { 200: looseObject, ...errors },
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      const { limit = 20, offset } = request.query;
      return { jobs: await models.listJobs(request.params.id, { limit, ...(offset === undefined ? {} : { offset }) }) };
    },
  );

  app.get<{ Params: ProjectParams & { jobId: string } }>(
    '/api/projects/:id/models/jobs/:jobId',
    { schema: { params: jobParamsSchema, response: { 200: looseObject, ...errors } } },
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
