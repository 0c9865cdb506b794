import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { RESPONSES_PATH } from '@cx-survey/protocol';
import { issueWindowToken, type SigningKeyInput, type VerifyingKeyInput } from '@cx-survey/protocol/token';
import type { ServiceDefinition } from '../domain/services.js';
import type { RateLimitOptions } from '../ingest/ratelimit.js';
import { errorBody, submitterFor, type SubmitConfig } from '../ingest/submit.js';
import { StoreUnavailableError, type Store } from '../store/types.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerImportRoutes } from './import-routes.js';
import { registerQuarterRoutes } from './quarter-routes.js';
import { registerDashboard, type DashboardOptions } from './dashboard-routes.js';
import { registerBuilder } from './builder-routes.js';
import { corsCheck, isSameOrigin, postPreflight } from './cors.js';
import { apiHeaders, FILE_HEADERS } from './headers.js';
import { decodeBody } from './encoding.js';
import { healthy, HealthChecker, publicChecks } from './health.js';
import { CollectorMetrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { answerClientError, capConnections, DEFAULT_CONNECTION_LIMITS, timeoutOptions, type ConnectionLimits } from './limits.js';
import { registerServiceRoutes } from './service-routes.js';
import { findStatic, openStatic } from './static.js';

export const VERSION = '0.1.0';
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 600, perSecond: 10 };

export interface CollectorOptions {
  services: Map<string, ServiceDefinition>;
  store: Store;
  /** Bearer token for reports, exports and reads; without it those routes answer 403. */
  adminToken?: string;
  /** Keys that verify window tokens. */
  tokenKeys?: VerifyingKeyInput[];
  /** Seconds after a window closes that a response answered inside it is still accepted (default 30 days). */
  graceSeconds?: number;
  /** Remove SSNs, phone numbers and email addresses from free text before storage (default true). */
  redact?: boolean;
  bodyLimit?: number;
  /** null turns rate limiting off. */
  rateLimit?: RateLimitOptions | null;
  /** Folder served at / (examples on the same origin as the API). */
  staticDir?: string;
  /** Trust X-Forwarded-* from a load balancer (fastify's trustProxy). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  logRequests?: boolean;
  reportTimeZone?: string;
  /** Development only: lets GET /dev/window-token mint tokens, standing in for an agency backend. */
  devTokenKey?: SigningKeyInput;
  /** Dashboard at /dashboard/ and /v1/dashboard/*, and alert evaluation (docs/dashboard.md). */
  dashboard?: DashboardOptions;
  /** Timeouts and connection caps (http/limits.ts); each one not given keeps its default. */
  limits?: Partial<ConnectionLimits>;
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  unsupported_encoding: 'unsupported_encoding',
  // zlib: a body that is not what its Content-Encoding says.
  Z_DATA_ERROR: 'invalid_encoding',
  Z_BUF_ERROR: 'invalid_encoding',
  ERR_BROTLI_DECOMPRESSION_FAILED: 'invalid_encoding',
};

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export async function buildCollector(options: CollectorOptions): Promise<FastifyInstance> {
  const { services, store } = options;
  const submitConfig: SubmitConfig = {
    services,
    tokenKeys: options.tokenKeys,
    graceSeconds: options.graceSeconds,
    redact: options.redact ?? true,
    rateLimit: options.rateLimit === null ? null : (options.rateLimit ?? DEFAULT_RATE_LIMIT),
  };
  const submit = await submitterFor(store, submitConfig);
  const timeZone = options.reportTimeZone ?? 'UTC';
  const adminDigest = options.adminToken ? digest(options.adminToken) : null;
  const allOrigins = new Set([...services.values()].flatMap((s) => s.origins));

  const loggerOption = options.logger ?? false;
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const app = Fastify({
    ...timeoutOptions(limits),
    clientErrorHandler: answerClientError,
    ...(typeof loggerOption === 'object' && loggerOption !== null && 'child' in loggerOption
      ? { loggerInstance: loggerOption as FastifyServerOptions['loggerInstance'] }
      : { logger: loggerOption as FastifyServerOptions['logger'] }),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    // Ids are UUIDs; long or odd paths are refused early by the router.
    routerOptions: { maxParamLength: 100 },
    return503OnClosing: true,
  });
  const health = new HealthChecker(store, app.log);
  const metrics = new CollectorMetrics(store, health);
  metrics.countRequests(app);
  capConnections(app.server, limits, () => metrics.connectionsRefused.inc());

  app.setErrorHandler((error: FastifyError, request, reply) => {
    apiHeaders(reply);
    if (error instanceof StoreUnavailableError) {
      request.log.error({ err: error }, 'store unavailable');
      return reply.code(503).header('retry-after', '5').send(errorBody('unavailable', 'the response store is unavailable; retry later'));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[error.code] ?? (error instanceof SyntaxError ? 'invalid_json' : 'bad_request');
      const message = code === 'body_too_large' ? `the body is larger than ${app.initialConfig.bodyLimit} bytes` : error.message;
      return reply.code(status).send(errorBody(code, message));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(errorBody('internal', 'unexpected server error'));
  });

  const cors = corsCheck(allOrigins);

  const requireAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    apiHeaders(reply);
    if (!adminDigest) return reply.code(403).send(errorBody('admin_disabled', 'no admin token is configured on this collector (CX_ADMIN_TOKEN)'));
    const header = request.headers.authorization ?? '';
    const m = /^Bearer (.+)$/i.exec(header);
    if (!m || !timingSafeEqual(digest(m[1]), adminDigest))
      return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody('unauthorized', 'an admin bearer token is required'));
    // Every admin and dashboard parameter takes one value; a repeat arrives as an array.
    const repeated = Object.entries((request.query ?? {}) as Record<string, unknown>).find(([, v]) => Array.isArray(v));
    if (repeated) return reply.code(400).send(errorBody('invalid_query', `${repeated[0]} is given more than once; give it once`, repeated[0]));
  };

  app.options(RESPONSES_PATH, postPreflight(cors));

  // The ingest route takes the body as text: the submitter parses it wherever it runs.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // navigator.sendBeacon sends text/plain to avoid a CORS preflight; its body is the same JSON.
    scope.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
    // Compressed bodies are decoded (the body limit then applies to the decoded bytes); an encoding
    // we cannot decode is a 415, which a client can act on, not a 400 that makes it drop the record.
    // Callback hooks, not async ones: they run on every ingest request, and each promise costs throughput.
    scope.addHook('preParsing', (request, _reply, payload, done) => {
      try {
        done(null, decodeBody(request.headers['content-encoding'], payload));
      } catch (e) {
        done(e as Error);
      }
    });
    // An address with an empty bucket is refused before its body is read: a flood costs headers only.
    if (submitConfig.rateLimit)
      scope.addHook('onRequest', (request, reply, done) => {
        const refusal = submit.admit(request.ip);
        if (!refusal) return done();
        metrics.countSubmission(refusal);
        apiHeaders(reply);
        cors(request, reply);
        reply.code(refusal.status).header('retry-after', String(refusal.retryAfter)).type('application/json; charset=utf-8').send(refusal.body);
      });
    scope.post(RESPONSES_PATH, async (request, reply) => {
      apiHeaders(reply);
      const origin = request.headers.origin;
      if (!cors(request, reply)) return reply.code(403).send(errorBody('origin_not_allowed', `origin ${origin} may not post responses to this collector`));
      const timer = metrics.submitSeconds.startTimer({ store: store.kind });
      const answer = await submit({
        text: request.body as string | undefined,
        ip: request.ip,
        origin,
        sameOrigin: origin !== undefined && isSameOrigin(request, origin),
        prepaid: submitConfig.rateLimit ? 1 : 0,
      });
      timer();
      metrics.countSubmission(answer);
      for (const r of answer.rejected) request.log.info(r, 'response rejected');
      if (answer.retryAfter !== undefined) reply.header('retry-after', String(answer.retryAfter));
      return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
    });
  });

  registerAdminRoutes(app, { services, store, requireAdmin, timeZone });
  registerImportRoutes(app, { services, store, requireAdmin, timeZone, redact: submitConfig.redact });
  registerQuarterRoutes(app, { services, store, requireAdmin, timeZone });
  registerServiceRoutes(app, { services, store, requireAdmin, cors, graceSeconds: options.graceSeconds, rateLimit: submitConfig.rateLimit });

  // /healthz and /readyz: the same truthful checks (a load balancer takes either); /v1/status adds why.
  const publicHealth = async (_request: FastifyRequest, reply: FastifyReply) => {
    apiHeaders(reply);
    const report = await health.check();
    const ok = healthy(report);
    if (!ok) reply.header('retry-after', '5');
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', version: VERSION, store: store.kind, checks: publicChecks(report) });
  };
  app.get('/metrics', { preHandler: requireAdmin }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const openApi = JSON.stringify(openApiDocument({ version: VERSION, dashboard: Boolean(options.dashboard), devTokens: Boolean(options.devTokenKey) }));
  app.get('/openapi.json', async (_request, reply) => {
    apiHeaders(reply);
    return reply.type('application/json; charset=utf-8').send(openApi);
  });
  app.get('/healthz', publicHealth);
  app.get('/readyz', publicHealth);
  app.get('/v1/status', { preHandler: requireAdmin }, async (_request, reply) => {
    const report = await health.check();
    const ok = healthy(report);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', version: VERSION, store: store.kind, checks: report, migrations: ok ? await store.migrations() : undefined });
  });

  if (options.devTokenKey) {
    const key = options.devTokenKey;
    app.get<{ Querystring: { service?: string } }>('/dev/window-token', async (request, reply) => {
      apiHeaders(reply);
      const service = request.query.service;
      if (!service || !services.has(service)) return reply.code(404).send(errorBody('unknown_service', `service "${service}" is not declared`, 'service'));
      const token = await issueWindowToken({ key, service });
      return { token };
    });
  }

  if (options.dashboard) await registerDashboard(app, { services, store, requireAdmin, timeZone }, options.dashboard);
  // The survey builder comes with the dashboard: pages for the agency's staff, where an admin token is set.
  if (options.dashboard) registerBuilder(app);

  if (options.staticDir) {
    const root = options.staticDir;
    app.get('/*', async (request, reply) => {
      const file = await findStatic(root, request.url);
      if (!file) {
        apiHeaders(reply);
        return reply.code(404).send(errorBody('not_found', 'not found'));
      }
      return reply
        .type(file.type)
        .headers({ ...FILE_HEADERS, 'content-length': file.size })
        .send(openStatic(file));
    });
  }

  app.setNotFoundHandler((request, reply) => {
    apiHeaders(reply);
    return reply.code(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
  });

  app.addHook('onClose', async () => {
    await store.close();
  });

  return app;
}
