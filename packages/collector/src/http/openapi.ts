/**
 * The OpenAPI 3.1 description served at /openapi.json, built from the JSON Schema the collector
 * enforces (the protocol's recordSchema, the one ajv compiles), so the document cannot drift from
 * validation. openapi.test.ts checks that its paths are exactly the routes registered.
 */
import { IMPORT_CHANNELS, MAX_BATCH, recordSchema, RESPONSES_PATH } from '@cx-survey/protocol';

const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => json(ref('Error'), description);
const admin = [{ adminToken: [] }];
const ADMIN_ERRORS = { '401': error('No or a wrong admin bearer token (unauthorized)'), '403': error('No admin token configured (admin_disabled)') };
const query = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
const RANGE = [
  query('service', 'One declared service (else 404 unknown_service)'),
  query('fy', 'Federal fiscal year, with quarter', { type: 'integer', minimum: 2000, maximum: 2200 }),
  query('quarter', 'Fiscal quarter, with fy', { type: 'integer', enum: [1, 2, 3, 4] }),
];
const DASHBOARD_QUERY = [query('fy', 'Fiscal year (default: the current one)'), query('quarter', 'Fiscal quarter (default: the current one)'), query('channel', 'Only this channel'), query('surveyType', 'Only this survey type'), query('cut', 'Five-point cut: 5, 4 or 3')];
/** The import options as a JSON or form body: these plus the file (`data` or `file`). */
const IMPORT_OPTIONS = (required: string[], file: Record<string, object>) => ({
  type: 'object',
  required,
  properties: {
    service: { type: 'string' },
    channel: { type: 'string', enum: [...IMPORT_CHANNELS] },
    format: { type: 'string', enum: ['csv', 'jsonl'] },
    partial: { type: ['boolean', 'string'] },
    dryRun: { type: ['boolean', 'string'] },
    ...file,
  },
});
const HEALTH = {
  '200': json(ref('Health'), 'Reads and writes work'),
  '503': json(ref('Health'), 'A check fails, or the collector is shutting down (Retry-After)'),
};

export interface OpenApiOptions {
  version: string;
  dashboard: boolean;
  devTokens: boolean;
}

export function openApiDocument(options: OpenApiOptions): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {
    [RESPONSES_PATH]: {
      post: {
        summary: `Submit one response record or a batch of up to ${MAX_BATCH}`,
        description: 'Body: JSON (application/json, or text/plain from navigator.sendBeacon), optionally gzip, deflate or br encoded.',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { oneOf: [ref('ResponseRecord'), { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: ref('ResponseRecord') }] } },
            'text/plain': { schema: { type: 'string', description: 'The same JSON, as sendBeacon sends it' } },
          },
        },
        responses: {
          '200': json({ oneOf: [ref('RecordResult'), ref('BatchResult')] }, 'A duplicate of a stored record, or a batch with every record stored or duplicate'),
          '201': json(ref('RecordResult'), 'Stored'),
          '207': json(ref('BatchResult'), 'A batch with refused records (see each result)'),
          '400': error('Bad JSON, shape or field'),
          '401': error('A window token is required or invalid'),
          '403': error('Origin not allowed'),
          '408': error('The request did not arrive within the request timeout'),
          '409': error('The id (or window token) is taken by another response'),
          '413': error('Body or batch too large'),
          '415': error('Unsupported content type or encoding'),
          '422': error('A record the service or the A-11 rules do not allow'),
          '429': error('Rate limited (Retry-After)'),
          '503': error('Store unavailable, or too many connections (Retry-After)'),
        },
      },
      options: { summary: 'CORS preflight', responses: { '204': { description: 'Allowed' }, '403': error('Origin not allowed') } },
    },
    '/v1/responses/{id}': {
      get: {
        summary: 'One stored record, as stored (after redaction)',
        security: admin,
        parameters: [{ name: 'id', in: 'path', required: true, schema: recordSchema.properties.id }],
        responses: { '200': json(ref('ResponseRecord'), 'The record'), '404': error('No such record'), ...ADMIN_ERRORS },
      },
    },
    '/v1/count': { get: { summary: 'How many records are stored', security: admin, parameters: RANGE, responses: { '200': json({ type: 'object', properties: { count: { type: 'integer' } } }, 'The count'), '400': error('Bad query'), ...ADMIN_ERRORS } } },
    '/v1/reports': { get: { summary: 'Section 280.14 quarterly figures per service', security: admin, parameters: RANGE, responses: { '200': json({ type: 'object', properties: { reports: { type: 'array', items: { type: 'object' } } } }, 'One report per service'), '400': error('Bad query'), ...ADMIN_ERRORS } } },
    '/v1/imports': {
      post: {
        summary: 'Import paper, phone, IVR, in-person, email or SMS responses: text/csv or application/x-ndjson with the options in the query, an upload form (multipart/form-data), or JSON { service, channel, format, data, partial, dryRun }. docs/channels.md',
        security: admin,
        parameters: [query('service', 'Declared service'), query('channel', IMPORT_CHANNELS.join(', ')), query('partial', 'true: store the good rows even when some are bad'), query('dryRun', 'true: check every row, store nothing')],
        requestBody: {
          required: true,
          content: {
            'text/csv': { schema: { type: 'string', description: 'The import file (docs/channels.md); options in the query' } },
            'application/x-ndjson': { schema: { type: 'string', description: 'The import file as JSON Lines; options in the query' } },
            'application/json': { schema: IMPORT_OPTIONS(['service', 'channel', 'data'], { data: { type: 'string', description: "The file's text" } }) },
            'multipart/form-data': {
              schema: IMPORT_OPTIONS(['service', 'channel', 'file'], { file: { type: 'string', contentMediaType: 'text/csv', description: 'One CSV or JSON Lines file (by its name or type), at most the body limit' } }),
              encoding: { file: { contentType: 'text/csv, application/x-ndjson, text/plain, application/vnd.ms-excel, application/octet-stream' } },
            },
          },
        },
        responses: {
          '200': json({ type: 'object', properties: { import: { type: 'object' }, rows: { type: 'array', items: { type: 'object' } } } }, 'Imported (or checked): the summary and the refused rows'),
          '400': error('Bad request: unknown service, a web channel, empty data, an unreadable file'),
          '413': error('The uploaded file is larger than the body limit (file_too_large)'),
          '415': error('An unsupported body type, or an uploaded file that is not CSV or JSON Lines (unsupported_file_type)'),
          '422': error('Bad rows stopped the import: nothing stored; the body lists them by row and column'),
          ...ADMIN_ERRORS,
        },
      },
    },
    '/v1/export.json': { get: { summary: 'Stored records, a streamed JSON array', security: admin, parameters: RANGE, responses: { '200': json({ type: 'array', items: ref('ResponseRecord') }, 'Records in (answeredAt, id) order'), ...ADMIN_ERRORS } } },
    '/v1/export.csv': { get: { summary: 'Raw Q1/Q2 data, streamed CSV', security: admin, parameters: RANGE, responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...ADMIN_ERRORS } } },
    '/v1/quarters': {
      get: { summary: 'Which services have closed this quarter: when, with how many records and which checksum', security: admin, parameters: RANGE, responses: { '200': json({ type: 'object' }, 'Closes'), '400': error('Bad query'), ...ADMIN_ERRORS } },
    },
    '/v1/quarters/close': {
      post: {
        summary: "Close a quarter: freeze its figures as submitted to OMB",
        security: admin,
        parameters: RANGE,
        responses: { '200': json({ type: 'object' }, 'Already closed: the first close stands'), '201': json({ type: 'object' }, 'Closed now'), '400': error('Bad query'), '409': error('The quarter has not ended (quarter_not_over)'), ...ADMIN_ERRORS },
      },
    },
    '/v1/services/{id}': {
      get: {
        summary: "The service's public survey config (what <cx-survey> renders); cacheable, CORS per the service's origins",
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': json({ type: 'object' }, 'The published config, with its version'), '304': { description: 'Not modified (If-None-Match)' }, '403': error('Origin not allowed'), '404': error('Unknown service') },
      },
      options: { summary: 'CORS preflight', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'Allowed' }, '403': error('Origin not allowed') } },
    },
    '/v1/services/{id}/volumes': {
      get: {
        summary: "A quarter's volume of customers and its source",
        security: admin,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, ...RANGE.slice(1)],
        responses: { '200': json({ type: 'object' }, 'The volume'), '400': error('Bad query'), '404': error('Unknown service'), ...ADMIN_ERRORS },
      },
      put: {
        summary: "Set (or replace) a quarter's volume of customers",
        security: admin,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['fy', 'quarter', 'volumeOfCustomers'], properties: { fy: { type: 'integer' }, quarter: { type: 'integer', enum: [1, 2, 3, 4] }, volumeOfCustomers: { type: 'integer', minimum: 0 } } } } } },
        responses: { '200': json({ type: 'object' }, 'Set'), '400': error('Bad field'), '404': error('Unknown service'), ...ADMIN_ERRORS },
      },
    },
    '/v1/offers': {
      post: {
        summary: 'Anonymous counts of surveys shown (service, channel, day, count); a batch of up to 100',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } }, 'text/plain': { schema: { type: 'string' } } } },
        responses: { '200': json(ref('BatchResult'), 'Every count stored or duplicate'), '207': json(ref('BatchResult'), 'Some counts refused'), '400': error('Bad JSON or field'), '403': error('Origin not allowed'), '413': error('Batch too large'), '422': error('Unknown service, or a day out of range'), '429': error('Rate limited') },
      },
      options: { summary: 'CORS preflight', responses: { '204': { description: 'Allowed' }, '403': error('Origin not allowed') } },
    },
    '/v1/status': { get: { summary: 'Health with reasons and migrations', security: admin, responses: { '200': { description: 'Healthy' }, '503': { description: 'A check fails' }, ...ADMIN_ERRORS } } },
    '/healthz': { get: { summary: 'Health: a read and a write probe of the store (public: no reasons)', responses: HEALTH } },
    '/readyz': { get: { summary: 'The same checks, for a load balancer readiness probe', responses: HEALTH } },
    '/metrics': { get: { summary: 'Prometheus metrics', security: admin, responses: { '200': { description: 'Text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } }, ...ADMIN_ERRORS } } },
    '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
  };
  if (options.dashboard) {
    for (const [path, summary] of [
      ['/v1/dashboard/overview', 'Dashboard: totals and trust for a quarter'],
      ['/v1/dashboard/services', 'Dashboard: a page of services'],
      ['/v1/dashboard/services/{id}', 'Dashboard: one service over recent quarters'],
      ['/v1/dashboard/alerts', 'Dashboard: alert state'],
    ] as const)
      paths[path] = {
        get: {
          summary,
          security: admin,
          parameters: [...(path.endsWith('{id}') ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] : []), ...(path.endsWith('alerts') ? [] : DASHBOARD_QUERY)],
          responses: { '200': { description: 'See docs/dashboard.md' }, '400': error('Bad query'), ...ADMIN_ERRORS },
        },
      };
  }
  if (options.devTokens)
    paths['/dev/window-token'] = { get: { summary: 'DEVELOPMENT ONLY: mint a window token', parameters: [{ ...query('service', 'Declared service'), required: true }], responses: { '200': json({ type: 'object', properties: { token: { type: 'string' } } }, 'A token'), '404': error('Unknown service') } } };

  return {
    openapi: '3.1.0',
    info: { title: 'cx-survey collector', version: options.version, description: 'OMB Circular A-11 Section 280 post-transaction survey responses: ingest, reports, exports. See docs/api.md.', license: { name: 'CC0-1.0', identifier: 'CC0-1.0' } },
    paths,
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: '--admin-token / CX_ADMIN_TOKEN' } },
      schemas: {
        // The very schema ajv validates every record against.
        ResponseRecord: recordSchema,
        Error: { type: 'object', required: ['error'], properties: { id: { type: 'string' }, error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } } } } },
        RecordResult: { type: 'object', properties: { id: { type: 'string' }, outcome: { enum: ['stored', 'duplicate', 'rejected'] }, status: { type: 'integer' }, redacted: { type: 'array', items: { enum: ['email', 'phone', 'ssn'] } }, error: { type: 'object' } } },
        BatchResult: { type: 'object', properties: { results: { type: 'array', items: ref('RecordResult') }, stored: { type: 'integer' }, duplicate: { type: 'integer' }, rejected: { type: 'integer' } } },
        Health: { type: 'object', properties: { status: { enum: ['ok', 'unavailable'] }, version: { type: 'string' }, store: { type: 'string' }, checks: { type: 'object', properties: { read: { enum: ['ok', 'failing'] }, write: { enum: ['ok', 'failing'] } } } } },
      },
    },
  };
}
