/**
 * Admin `POST /v1/imports`: the import file of `cx-collector import`, over HTTP. The body is the
 * file itself (text/csv or application/x-ndjson, options in the query), a multipart/form-data
 * upload (import-upload.ts) or JSON `{ service, channel, format, data, partial, dryRun }`. docs/api.md.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IMPORT_CHANNELS } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../domain/services.js';
import { errorBody } from '../ingest/submit.js';
import { ImportFileError, type ImportFormat } from '../ingest/import/read.js';
import { importFile, type RowResult } from '../ingest/import/run.js';
import { readUpload, registerUploads, UploadError } from './import-upload.js';
import type { Store } from '../store/types.js';

/** Refused rows listed in the answer; the counts always cover every row. */
const MAX_LISTED = 1000;

export interface ImportRouteContext {
  services: Map<string, ServiceDefinition>;
  store: Store;
  requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  timeZone: string;
  redact: boolean;
}

interface ImportRequest {
  service?: unknown;
  channel?: unknown;
  format?: unknown;
  data?: unknown;
  partial?: unknown;
  dryRun?: unknown;
}

const flag = (v: unknown) => v === true || v === 'true' || v === '1';

export function registerImportRoutes(app: FastifyInstance, ctx: ImportRouteContext): void {
  // Scoped: these raw-text body parsers apply to this route only.
  void app.register(async (scope) => {
    await registerUploads(scope);
    scope.addContentTypeParser(['text/csv', 'application/x-ndjson', 'application/jsonl'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

    scope.post<{ Querystring: Record<string, string>; Body: unknown }>('/v1/imports', { preHandler: ctx.requireAdmin }, async (request, reply) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const raw = typeof request.body === 'string';
      let input: ImportRequest;
      if (request.isMultipart())
        try {
          input = await readUpload(request, scope.initialConfig.bodyLimit ?? 0);
        } catch (e) {
          if (!(e instanceof UploadError)) throw e;
          return reply.code(e.status).send(errorBody(e.code, e.message, e.field || undefined));
        }
      else input = raw ? { ...request.query, data: request.body, format: type === 'text/csv' ? 'csv' : 'jsonl' } : ((request.body ?? {}) as ImportRequest);
      if (!raw && (typeof input !== 'object' || input === null || Array.isArray(input)))
        return reply.code(400).send(errorBody('invalid_import', 'the body is a CSV or JSON Lines file, a form with a file, or a JSON object { service, channel, data }'));
      const refuse = (field: string, message: string) => reply.code(400).send(errorBody('invalid_import', message, field));
      const service = typeof input.service === 'string' ? ctx.services.get(input.service) : undefined;
      if (!service) return refuse('service', input.service === undefined ? 'service is required' : `service "${String(input.service)}" is not declared on this collector`);
      if (typeof input.channel !== 'string' || !(IMPORT_CHANNELS as readonly string[]).includes(input.channel))
        return refuse('channel', `channel must be one of ${IMPORT_CHANNELS.join(', ')}`);
      const format = input.format ?? 'csv';
      if (format !== 'csv' && format !== 'jsonl') return refuse('format', 'format must be csv or jsonl');
      if (typeof input.data !== 'string' || input.data.trim() === '') return refuse('data', 'data is the file\'s text, and it is empty');
      if (flag(input.dryRun) && flag(input.partial)) return refuse('partial', 'dryRun and partial do not go together');

      const rows: RowResult[] = [];
      let more = 0;
      const data = input.data;
      try {
        const summary = await importFile({
          service,
          channel: input.channel,
          format: format as ImportFormat,
          open: () => Readable.from([data]),
          store: ctx.store,
          dryRun: flag(input.dryRun),
          partial: flag(input.partial),
          redact: ctx.redact,
          timeZone: ctx.timeZone,
          onRow: (r) => (rows.length < MAX_LISTED ? rows.push(r) : more++),
        });
        const status = summary.rejected && !summary.written && !summary.dryRun ? 422 : 200;
        return reply.code(status).send({ import: summary, rows, ...(more ? { rowsNotListed: more } : {}) });
      } catch (e) {
        if (e instanceof ImportFileError) return reply.code(400).send(errorBody('invalid_file', e.message, 'data'));
        throw e;
      }
    });
  });
}
