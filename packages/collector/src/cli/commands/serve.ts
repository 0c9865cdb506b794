/** cx-collector serve: every setting is read and checked first; only then is the database opened. */
import { type AlertConfig, AlertConfigError, checkWebhook, parseAlertConfig } from '../../alerts/rules.js';
import { statSync } from 'node:fs';
import type { SigningKeyInput, VerifyingKeyInput } from '@cx-survey/protocol/token';
import { DEFAULT_GRACE_SECONDS, MIN_SECRET_BYTES } from '@cx-survey/protocol/token';
import { MAX_BATCH } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../../domain/services.js';
import type { DashboardOptions } from '../../http/dashboard-routes.js';
import { DEFAULT_CONNECTION_LIMITS } from '../../http/limits.js';
import { buildCollector, DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMIT, type CollectorOptions } from '../../http/server.js';
import { openStoreFor } from './open-store.js';
import type { Io } from '../io.js';
import { UsageError, type Settings } from '../settings.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function trustProxy(text: string | undefined): boolean | number | string | undefined {
  if (text === undefined || text === 'false') return undefined;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text;
}

/** Token verification keys: secret files, secrets, public key files. */
function tokenKeys(s: Settings): { keys: VerifyingKeyInput[]; secrets: string[] } {
  const secrets = [...s.list('token-secret-file').map((f) => s.secretFile(f, 'token secret file')), ...s.list('token-secret')];
  for (const secret of secrets)
    if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) throw new UsageError(`a token secret must be at least ${MIN_SECRET_BYTES} bytes (this one has ${Buffer.byteLength(secret)})`);
  const publicKeys = s.list('token-public-key').map((f) => s.readFile(f, 'public key'));
  return {
    secrets,
    keys: [...secrets.map((secret): VerifyingKeyInput => ({ alg: 'HS256', secret })), ...publicKeys.map((publicKey): VerifyingKeyInput => ({ alg: 'ES256', publicKey }))],
  };
}

function adminToken(s: Settings): string | undefined {
  const file = s.text('admin-token-file');
  return file !== undefined ? s.secretFile(file, 'admin token file') : s.text('admin-token');
}

/** --dashboard, --alerts, --alert-webhook. */
function dashboard(s: Settings, services: Map<string, ServiceDefinition>): DashboardOptions | undefined {
  const file = s.text('alerts');
  const webhook = s.text('alert-webhook');
  if (!s.flag('dashboard') && !file) {
    if (webhook) throw new UsageError(`${s.label('alert-webhook')} needs --alerts <file>`);
    return undefined;
  }
  if (!file) {
    if (webhook) throw new UsageError(`${s.label('alert-webhook')} needs --alerts <file>`);
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(s.readFile(file, 'alerts file'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`alerts file ${file} is not JSON: ${(e as Error).message}`);
  }
  try {
    const alerts: AlertConfig = parseAlertConfig(data, new Set(services.keys()));
    if (webhook) alerts.webhook = checkWebhook(webhook);
    return { alerts };
  } catch (e) {
    if (e instanceof AlertConfigError) throw new UsageError(`alerts file ${file}: ${e.message}`);
    throw e;
  }
}

function staticDir(s: Settings): string | undefined {
  const dir = s.text('static');
  if (dir === undefined) return undefined;
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`${s.label('static')}: ${dir} is not a folder`);
  return dir;
}

/** Everything serve needs, checked; throws UsageError before anything is opened. */
export function serveOptions(s: Settings): { options: Omit<CollectorOptions, 'store'>; port: number; host: string; level: string } {
  const services = s.services();
  const { keys, secrets } = tokenKeys(s);
  const devTokens = s.flag('dev-tokens');
  if (devTokens && !secrets.length) throw new UsageError('--dev-tokens needs a token secret (--token-secret-file or CX_TOKEN_SECRET)');
  for (const svc of services.values())
    if (svc.requireToken && !keys.length) throw new UsageError(`service "${svc.id}" requires window tokens: give --token-secret-file (or CX_TOKEN_SECRET) or --token-public-key`);
  const perSecond = s.number('rate-per-second', DEFAULT_RATE_LIMIT.perSecond, { min: 0 });
  const burst = s.number('rate-burst', DEFAULT_RATE_LIMIT.burst, { min: MAX_BATCH, integer: true, range: `a whole number of at least ${MAX_BATCH} (one full batch)` });
  const port = s.number('port', 8080, { min: 0, max: 65535, integer: true });
  const host = s.text('host') ?? '127.0.0.1';
  const level = s.choice('log-level', 'info', LOG_LEVELS);
  const admin = adminToken(s);
  const dash = dashboard(s, services);
  if (dash && !admin) throw new UsageError('the dashboard and alerts need an admin token: --admin-token-file or CX_ADMIN_TOKEN');
  return {
    port,
    host,
    level,
    options: {
      services,
      adminToken: admin,
      tokenKeys: keys,
      graceSeconds: s.number('grace-days', DEFAULT_GRACE_SECONDS / 86400, { min: 0, max: 3650 }) * 86400,
      redact: !s.flag('no-redact'),
      bodyLimit: s.number('body-limit', DEFAULT_BODY_LIMIT, { min: 1024, integer: true, range: 'a whole number of bytes, at least 1024' }),
      rateLimit: perSecond === 0 ? null : { burst, perSecond },
      limits: {
        requestTimeout: s.number('request-timeout', DEFAULT_CONNECTION_LIMITS.requestTimeout / 1000, { min: 1, max: 3600 }) * 1000,
        perAddress: s.number('max-connections-per-address', DEFAULT_CONNECTION_LIMITS.perAddress, { min: 0, integer: true }),
      },
      staticDir: staticDir(s),
      // fastify accepts a hop count too, though its typings omit it.
      trustProxy: trustProxy(s.text('trust-proxy')) as boolean | string | undefined,
      logger: { level },
      logRequests: s.flag('log-requests'),
      reportTimeZone: s.timeZone(),
      devTokenKey: devTokens ? ({ alg: 'HS256', secret: secrets[0] } satisfies SigningKeyInput) : undefined,
      dashboard: dash,
    },
  };
}

export async function serve(s: Settings, io: Io): Promise<number> {
  const { options, port, host, level } = serveOptions(s);
  const database = s.database();
  const store = await openStoreFor(database);
  let app;
  try {
    app = await buildCollector({ ...options, store });
  } catch (e) {
    await store.close();
    throw e;
  }
  try {
    await app.listen({ port, host });
  } catch (e) {
    await app.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`${host}:${port} is already in use; choose another --port`);
    if (code === 'EADDRNOTAVAIL') throw new Error(`--host ${host} is not an address of this machine`);
    throw e;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  // One line a harness can parse: "listening":"…".
  if (['trace', 'debug', 'info'].includes(level)) app.log.info({ listening: url, store: store.kind, services: [...options.services.keys()], dashboard: options.dashboard ? `${url}/dashboard/` : undefined }, 'collector listening');
  else io.stdout.write(`${JSON.stringify({ listening: url })}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // A stuck client must not keep the process alive for ever.
    const force = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    // Requests still arriving after a grace period (a client trickling its body) are cut: nothing of
    // theirs was acknowledged, and their senders retry. Writes already under way still commit.
    setTimeout(() => app.server.closeAllConnections(), 5_000).unref();
    app.close().then(
      () => {
        app.log.info('stopped');
        process.exit(0);
      },
      (e) => {
        app.log.error({ err: e }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  return 0;
}
