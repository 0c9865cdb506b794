import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { isTimeZone, quarterPeriod } from '@cx-survey/protocol';
import { DEFAULT_GRACE_SECONDS, issueWindowToken, type SigningKeyInput, type VerifyingKeyInput } from '@cx-survey/protocol/token';
import { loadServices, ServicesError } from '../domain/services.js';
import { buildCollector, DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMIT, VERSION } from '../http/server.js';
import { csvExport, jsonExport } from '../reports/export.js';
import { PACKAGE_FILES, summaryMarkdown, writeServicePackage } from '../reports/package.js';
import { touchpointsA11v2Export } from '../reports/touchpoints.js';
import { buildReport } from '../reports/report.js';
import { openStore, type Store, type StreamFilter } from '../store/index.js';
import { DASHBOARD_FLAGS, DASHBOARD_HELP, dashboardFromArgs } from './dashboard-options.js';

const HELP = `cx-collector ${VERSION} — receives, verifies, stores and reports OMB A-11 Section 280 survey responses.

Usage: cx-collector <command> [options]

Commands
  serve     Run the collector HTTP server.
  report    Print section 280.14 quarterly figures as JSON (one report per service).
  export    Write raw Q1/Q2 data as CSV (with the instrument columns), in Touchpoints' exact A-11 v2 layout, or
            the stored records as JSON.
  package   Write the quarter's OMB package: per service, Touchpoints' A-11 v2 file, its two-file
            quarterly submission, and a JSON + Markdown summary.
  token     Mint a 48-hour window token (what an agency backend does when a transaction completes).
  keygen    Create an ES256 key pair for window tokens (private key for the issuer, public key for the collector).
  migrate   Apply database migrations and exit (serve also does this at start).
  help      Show this text.

Database and services (serve, report, export, package, migrate)
  --db <file>              SQLite file (default .data/cx-collector.sqlite)             env CX_DB
  --database-url <url>     PostgreSQL connection URL; used instead of SQLite when set   env DATABASE_URL
  --pg-schema <name>       PostgreSQL schema for the tables (default public)            env CX_PG_SCHEMA
  --services <file>        Services file (default services.json)                        env CX_SERVICES

serve
  --port <n>               Port; 0 picks a free one (default 8080)                      env PORT
  --host <addr>            Address to listen on (default 127.0.0.1)                     env HOST
  --static <dir>           Also serve this folder at / (same origin as the API)         env CX_STATIC
  --admin-token <t>        Bearer token for reports, exports and reads                  env CX_ADMIN_TOKEN
  --token-secret <s>       HS256 secret (>= 32 bytes) verifying window tokens; repeat   env CX_TOKEN_SECRET
                           for key rotation
  --token-public-key <f>   ES256 public key (SPKI PEM file) verifying window tokens;    env CX_TOKEN_PUBLIC_KEY
                           repeat for key rotation (env: comma-separated files)
  --grace-days <n>         Days after a token's window closes that a response answered  env CX_GRACE_DAYS
                           inside it is still accepted (default 30)
  --no-redact              Store free text as sent (default: SSNs, phone numbers and    env CX_REDACT=0
                           email addresses are removed before storage)
  --body-limit <bytes>     Largest request body (default ${DEFAULT_BODY_LIMIT})                  env CX_BODY_LIMIT
  --rate-burst <n>         Records one address may send at once (default ${DEFAULT_RATE_LIMIT.burst})          env CX_RATE_BURST
  --rate-per-second <n>    Records per second refilled per address (default ${DEFAULT_RATE_LIMIT.perSecond});      env CX_RATE_PER_SECOND
                           0 turns rate limiting off
  --trust-proxy <v>        Trust X-Forwarded-* from a load balancer: true, a hop count, env CX_TRUST_PROXY
                           or comma-separated addresses/CIDRs
  --report-tz <zone>       IANA time zone of quarter boundaries (default UTC)           env CX_REPORT_TZ
  --log-level <level>      fatal, error, warn, info, debug, trace or silent (default    env LOG_LEVEL
                           info)
  --log-requests           Log every request (default: rejections and errors only)     env CX_LOG_REQUESTS=1
  --dev-tokens             DEVELOPMENT ONLY: GET /dev/window-token?service=… mints      env CX_DEV_TOKENS=1
                           tokens with the first --token-secret, standing in for an
                           agency backend. Never enable in production.

${DASHBOARD_HELP}

report
  --fy <year>              Federal fiscal year (FY 2025 = Oct 1 2024 - Sep 30 2025)     required
  --quarter <1-4>          Fiscal quarter                                               required
  --service <id>           One service (default: every service in the services file)
  --report-tz <zone>       as for serve

export
  --format <f>             csv: raw Q1/Q2 rows with instrument columns (default);
                           touchpoints-a11-v2: Touchpoints' 17-column A-11 v2 file;
                           json: the stored records
  --service <id>           One service (default all)
  --fy <year> --quarter <1-4>   Only that quarter (default everything)
  --out <file>             Write there instead of stdout
  --report-tz <zone>       as for serve

package
  --fy <year> --quarter <1-4>   The quarter                                             required
  --service <id>           One service (default: every service in the services file)
  --out <dir>              Folder to write (default omb-package-FY<year>-Q<quarter>); one
                           subfolder per service, summary.json and summary.md at the top
  --report-tz <zone>       as for serve

token
  --service <id>           Service the response will be for                             required
  --secret <s>             HS256 secret (>= 32 bytes)                                   env CX_TOKEN_SECRET
  --private-key <file>     ES256 private key (PKCS#8 PEM file), instead of --secret
  --kid <id>               Key id to put in the token header (for key rotation)
  --transaction-at <iso>   When the transaction completed (default now)
  --window-hours <h>       Survey window, at most 48 (default 48)
  --issuer <name>          iss claim (optional)

keygen
  --out <prefix>           Write <prefix>.private.pem, <prefix>.public.pem and <prefix>.public.jwk.json
                           (default: print the PEMs)

Global
  -h, --help               Show this text
  -v, --version            Show the version

Exit status: 0 success, 1 runtime failure, 2 bad usage or configuration.
Documentation: docs/collector-operations.md, docs/api.md, docs/reports.md, docs/token-integration.md.`;

class UsageError extends Error {}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  db: { type: 'string' },
  'database-url': { type: 'string' },
  'pg-schema': { type: 'string' },
  services: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  static: { type: 'string' },
  'admin-token': { type: 'string' },
  'token-secret': { type: 'string', multiple: true },
  'token-public-key': { type: 'string', multiple: true },
  'grace-days': { type: 'string' },
  'no-redact': { type: 'boolean' },
  'body-limit': { type: 'string' },
  'rate-burst': { type: 'string' },
  'rate-per-second': { type: 'string' },
  'trust-proxy': { type: 'string' },
  'report-tz': { type: 'string' },
  'log-level': { type: 'string' },
  'log-requests': { type: 'boolean' },
  'dev-tokens': { type: 'boolean' },
  fy: { type: 'string' },
  quarter: { type: 'string' },
  service: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  secret: { type: 'string' },
  'private-key': { type: 'string' },
  kid: { type: 'string' },
  'transaction-at': { type: 'string' },
  'window-hours': { type: 'string' },
  issuer: { type: 'string' },
  ...DASHBOARD_FLAGS,
} satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];
const env = process.env;

function number(name: string, text: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, not "${text}"`);
  return n;
}

function readFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

async function storeFrom(v: Values): Promise<Store> {
  return openStore({ databaseUrl: v['database-url'] ?? env.DATABASE_URL, pgSchema: v['pg-schema'] ?? env.CX_PG_SCHEMA, sqliteFile: v.db ?? env.CX_DB });
}

const servicesFrom = (v: Values) => loadServices(v.services ?? env.CX_SERVICES ?? 'services.json');

function timeZoneFrom(v: Values): string {
  const tz = v['report-tz'] ?? env.CX_REPORT_TZ ?? 'UTC';
  if (!isTimeZone(tz)) throw new UsageError(`--report-tz: unknown time zone "${tz}"`);
  return tz;
}

function quarterFrom(v: Values, required: boolean): { fy: number; quarter: 1 | 2 | 3 | 4 } | null {
  if (v.fy === undefined && v.quarter === undefined && !required) return null;
  if (v.fy === undefined || v.quarter === undefined) throw new UsageError('--fy and --quarter go together, e.g. --fy 2025 --quarter 2');
  return { fy: number('fy', v.fy, 0, 2000, 2200), quarter: number('quarter', v.quarter, 0, 1, 4) as 1 | 2 | 3 | 4 };
}

function trustProxy(text: string | undefined): boolean | number | string | undefined {
  if (text === undefined || text === '' || text === 'false') return undefined;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text;
}

async function serve(v: Values) {
  const services = servicesFrom(v);
  const secrets = v['token-secret'] ?? (env.CX_TOKEN_SECRET ? [env.CX_TOKEN_SECRET] : []);
  const publicKeyFiles = v['token-public-key'] ?? (env.CX_TOKEN_PUBLIC_KEY ? env.CX_TOKEN_PUBLIC_KEY.split(',') : []);
  const tokenKeys: VerifyingKeyInput[] = [
    ...secrets.map((secret): VerifyingKeyInput => ({ alg: 'HS256', secret })),
    ...publicKeyFiles.map((f): VerifyingKeyInput => ({ alg: 'ES256', publicKey: readFile(f.trim(), 'public key') })),
  ];
  for (const s of secrets) if (Buffer.byteLength(s) < 32) throw new UsageError('--token-secret must be at least 32 bytes');
  const devTokens = v['dev-tokens'] || env.CX_DEV_TOKENS === '1';
  if (devTokens && !secrets.length) throw new UsageError('--dev-tokens needs --token-secret');
  const perSecond = number('rate-per-second', v['rate-per-second'] ?? env.CX_RATE_PER_SECOND, DEFAULT_RATE_LIMIT.perSecond, 0);
  const burst = number('rate-burst', v['rate-burst'] ?? env.CX_RATE_BURST, DEFAULT_RATE_LIMIT.burst, 100);
  const port = number('port', v.port ?? env.PORT, 8080, 0, 65535);
  const host = v.host ?? env.HOST ?? '127.0.0.1';
  const level = v['log-level'] ?? env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) throw new UsageError(`--log-level: unknown level "${level}"`);
  for (const s of services.values())
    if (s.requireToken && !tokenKeys.length) throw new UsageError(`service "${s.id}" requires window tokens: give --token-secret or --token-public-key`);

  const adminToken = v['admin-token'] ?? env.CX_ADMIN_TOKEN;
  const usage = (m: string): never => {
    throw new UsageError(m);
  };
  const dashboard = dashboardFromArgs(v, env, new Set(services.keys()), usage);
  if (dashboard && !adminToken) throw new UsageError('the dashboard and alerts need --admin-token');
  const store = await storeFrom(v);
  const app = await buildCollector({
    services,
    store,
    adminToken: v['admin-token'] ?? env.CX_ADMIN_TOKEN,
    tokenKeys,
    graceSeconds: number('grace-days', v['grace-days'] ?? env.CX_GRACE_DAYS, DEFAULT_GRACE_SECONDS / 86400, 0, 3650) * 86400,
    redact: !(v['no-redact'] || env.CX_REDACT === '0'),
    bodyLimit: number('body-limit', v['body-limit'] ?? env.CX_BODY_LIMIT, DEFAULT_BODY_LIMIT, 1024),
    rateLimit: perSecond === 0 ? null : { burst, perSecond },
    staticDir: v.static ?? env.CX_STATIC,
    // fastify accepts a hop count too, though its typings omit it.
    trustProxy: trustProxy(v['trust-proxy'] ?? env.CX_TRUST_PROXY) as boolean | string | undefined,
    logger: { level },
    logRequests: v['log-requests'] || env.CX_LOG_REQUESTS === '1',
    reportTimeZone: timeZoneFrom(v),
    devTokenKey: devTokens ? { alg: 'HS256', secret: secrets[0] } : undefined,
    dashboard,
  });
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  // One line a harness can parse: "listening":"http://…".
  if (['trace', 'debug', 'info'].includes(level)) app.log.info({ listening: url, store: store.kind, services: [...services.keys()] }, 'collector listening');
  else process.stdout.write(`${JSON.stringify({ listening: url })}\n`);

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
}

async function report(v: Values) {
  const services = servicesFrom(v);
  const q = quarterFrom(v, true)!;
  if (v.service !== undefined && !services.has(v.service)) throw new UsageError(`unknown service "${v.service}"`);
  const targets = v.service ? [services.get(v.service)!] : [...services.values()];
  const tz = timeZoneFrom(v);
  const store = await storeFrom(v);
  try {
    const reports = [];
    for (const s of targets) reports.push(await buildReport(store, s, q.fy, q.quarter, tz));
    process.stdout.write(`${JSON.stringify({ reports }, null, 2)}\n`);
  } finally {
    await store.close();
  }
}

const EXPORTS = { csv: csvExport, json: jsonExport, 'touchpoints-a11-v2': touchpointsA11v2Export } as const;

async function exportCommand(v: Values) {
  const format = (v.format ?? 'csv') as keyof typeof EXPORTS;
  if (!Object.hasOwn(EXPORTS, format)) throw new UsageError(`--format must be ${Object.keys(EXPORTS).join(', ')}`);
  const services = servicesFrom(v);
  if (v.service !== undefined && !services.has(v.service)) throw new UsageError(`unknown service "${v.service}"`);
  const q = quarterFrom(v, false);
  const filter: StreamFilter = { service: v.service };
  if (q) {
    const p = quarterPeriod(q.fy, q.quarter, timeZoneFrom(v));
    Object.assign(filter, { from: p.from, to: p.to });
  }
  const store = await storeFrom(v);
  try {
    const source = Readable.from(EXPORTS[format](store, filter));
    await pipeline(source, v.out ? createWriteStream(v.out) : process.stdout);
  } finally {
    await store.close();
  }
}

async function packageCommand(v: Values) {
  const services = servicesFrom(v);
  const q = quarterFrom(v, true)!;
  if (v.service !== undefined && !services.has(v.service)) throw new UsageError(`unknown service "${v.service}"`);
  const targets = v.service ? [services.get(v.service)!] : [...services.values()];
  const tz = timeZoneFrom(v);
  const out = v.out ?? `omb-package-FY${q.fy}-Q${q.quarter}`;
  const store = await storeFrom(v);
  try {
    const summaries = [];
    for (const s of targets) summaries.push(await writeServicePackage(store, s, q.fy, q.quarter, tz, join(out, s.id)));
    await writeFile(join(out, PACKAGE_FILES.summaryJson), `${JSON.stringify({ fiscalYear: q.fy, quarter: q.quarter, services: summaries }, null, 2)}\n`);
    await writeFile(join(out, PACKAGE_FILES.summaryMarkdown), summaries.map(summaryMarkdown).join('\n'));
    for (const s of summaries)
      process.stdout.write(
        `${s.service.id}: ${s.submission.responses} responses, due ${s.dueDate} → ${join(out, s.service.id)}/` +
          `${s.missing.length ? ` (left blank: ${s.missing.map((m) => m.field).join(', ')})` : ''}\n`,
      );
  } finally {
    await store.close();
  }
}

async function token(v: Values) {
  if (!v.service) throw new UsageError('token needs --service');
  const secret = v.secret ?? env.CX_TOKEN_SECRET;
  let key: SigningKeyInput;
  if (v['private-key']) key = { alg: 'ES256', privateKey: readFile(v['private-key'], 'private key'), kid: v.kid };
  else if (secret) key = { alg: 'HS256', secret, kid: v.kid };
  else throw new UsageError('token needs --secret (HS256) or --private-key (ES256)');
  let transactionAt: Date | undefined;
  if (v['transaction-at'] !== undefined) {
    transactionAt = new Date(v['transaction-at']);
    if (Number.isNaN(transactionAt.getTime())) throw new UsageError('--transaction-at must be an ISO 8601 date-time');
  }
  const hours = number('window-hours', v['window-hours'], 48, 1 / 60, 48);
  try {
    process.stdout.write(
      `${await issueWindowToken({ key, service: v.service, transactionAt, windowSeconds: Math.round(hours * 3600), issuer: v.issuer })}\n`,
    );
  } catch (e) {
    if (e instanceof RangeError || (e as Error).name === 'TypeError') throw new UsageError((e as Error).message);
    throw e;
  }
}

async function keygen(v: Values) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const privatePem = await exportPKCS8(privateKey);
  const publicPem = await exportSPKI(publicKey);
  if (!v.out) {
    process.stdout.write(`${privatePem}\n${publicPem}`);
    return;
  }
  writeFileSync(`${v.out}.private.pem`, privatePem, { mode: 0o600 });
  writeFileSync(`${v.out}.public.pem`, publicPem);
  writeFileSync(`${v.out}.public.jwk.json`, `${JSON.stringify({ ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' }, null, 2)}\n`);
  process.stdout.write(`wrote ${v.out}.private.pem (keep secret, agency backend), ${v.out}.public.pem and ${v.out}.public.jwk.json (collector)\n`);
}

async function migrate(v: Values) {
  const store = await storeFrom(v);
  try {
    process.stdout.write(`${JSON.stringify({ store: store.kind, migrations: await store.migrations() })}\n`);
  } finally {
    await store.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`cx-collector: ${(e as Error).message}\nRun "cx-collector --help" for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  const commands: Record<string, (v: Values) => Promise<void>> = { serve, report, export: exportCommand, package: packageCommand, token, keygen, migrate };
  const run = commands[command];
  if (!run || positionals.length > 1) {
    process.stderr.write(`cx-collector: unknown command "${positionals.join(' ')}"\nRun "cx-collector --help" for usage.\n`);
    return 2;
  }
  try {
    await run(values);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ServicesError) {
      process.stderr.write(`cx-collector ${command}: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`cx-collector ${command}: ${(e as Error).message}\n`);
    return 1;
  }
}

