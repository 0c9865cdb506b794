/**
 * The dashboard: its JSON API under /v1/dashboard/ (admin token required)
 * and its page under /dashboard/ (a static shell and one bundled script,
 * chart library included; the shell holds no data and asks for the token).
 * Every figure is aggregated by the database; the browser gets one row per
 * service, week or quarter, never a response.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DRIVER_KEYS } from '@cx-survey/protocol';
import { AlertEngine, positives } from '../alerts/engine.js';
import { wilson, type AlertConfig } from '../alerts/rules.js';
import { fiscalQuarterOf, quarterPeriod, type QuarterPeriod } from '../calendar.js';
import { percent } from '../report.js';
import type { ServiceDefinition } from '../services.js';
import type { Store } from '../store/index.js';
import { Analytics, type AggregateFilter, type Tally } from './analytics.js';

export interface DashboardOptions {
  /** PostgreSQL URL and schema of the store; with a SQLite store, its file is used. */
  databaseUrl?: string;
  pgSchema?: string;
  /** Alert rules and webhook; without it no alerts are evaluated. */
  alerts?: AlertConfig;
  /** Folder holding the built dashboard.js (default: packages/dashboard/dist next to this package). */
  assetsDir?: string;
}

export interface DashboardContext {
  services: Map<string, ServiceDefinition>;
  store: Store;
  requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  timeZone: string;
}

const API_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

// The page may run its own script and talk to its own origin, nothing else: no CDN, no third party.
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>CX survey dashboard</title>
<link rel="icon" href="data:,">
<script type="module" src="./dashboard.js"></script>
</head>
<body>
<cx-dashboard></cx-dashboard>
</body>
</html>
`;

export const MAX_PAGE = 100;

/** Section 280.14 trust figure with its 95 % Wilson interval, in percent with one decimal. */
export interface TrustFigure {
  answered: number;
  positive: number;
  percent: number | null;
  ci: { low: number; high: number } | null;
}

export function trustFigure(t: Tally, scale: string, cut: number): TrustFigure {
  const positive = positives(t, scale, cut);
  const ci = wilson(positive, t.answered);
  const round = (x: number) => Math.round(x * 1000) / 10;
  return { answered: t.answered, positive, percent: percent(positive, t.answered), ci: ci && { low: round(ci.low), high: round(ci.high) } };
}

const emptyTally = (): Tally => ({ responses: 0, answered: 0, q: [0, 0, 0, 0, 0, 0] });

function defaultAssets(): string | undefined {
  // src/dashboard/api.ts and dist/dashboard/api.js both sit three levels below packages/.
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = join(here, '..', '..', '..', 'dashboard', 'dist');
  return existsSync(join(dir, 'dashboard.js')) ? dir : undefined;
}

interface Query {
  fy?: string;
  quarter?: string;
  channel?: string;
  surveyType?: string;
  cut?: string;
  q?: string;
  sort?: string;
  order?: string;
  offset?: string;
  limit?: string;
  quarters?: string;
}

class QueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function previousQuarter(fy: number, q: number): { fy: number; quarter: 1 | 2 | 3 | 4 } {
  return q === 1 ? { fy: fy - 1, quarter: 4 } : { fy, quarter: (q - 1) as 1 | 2 | 3 | 4 };
}

export async function registerDashboard(app: FastifyInstance, ctx: DashboardContext, options: DashboardOptions): Promise<{ analytics: Analytics; engine: AlertEngine | null }> {
  const { services } = ctx;
  const sqliteFile = ctx.store.kind === 'sqlite' ? (ctx.store as unknown as { file: string }).file : undefined;
  if (ctx.store.kind === 'sqlite' && (!sqliteFile || sqliteFile === ':memory:')) throw new Error('the dashboard needs a SQLite file or PostgreSQL, not an in-memory database');
  if (ctx.store.kind === 'postgres' && !options.databaseUrl) throw new Error('the dashboard needs the PostgreSQL URL of the store');
  const analytics = await Analytics.open(ctx.store.kind === 'postgres' ? { databaseUrl: options.databaseUrl, pgSchema: options.pgSchema } : { sqliteFile });
  const engine = options.alerts ? new AlertEngine({ analytics, services, config: options.alerts, log: app.log }) : null;
  const assets = options.assetsDir ?? defaultAssets();

  app.addHook('onReady', async () => engine?.start());
  // preClose runs before onClose, where the store closes: the timer stops while the database is still there.
  app.addHook('preClose', async () => engine?.stop());
  app.addHook('onClose', async () => analytics.close());

  // ------------------------------------------------------------ page

  app.get('/dashboard', async (_request, reply) => reply.redirect('/dashboard/'));
  app.get('/dashboard/', async (_request, reply) => {
    if (!assets) return reply.code(404).headers(API_HEADERS).send({ error: { code: 'dashboard_not_built', message: 'run "npm run build" to build packages/dashboard' } });
    return reply
      .type('text/html; charset=utf-8')
      .headers({ 'content-security-policy': PAGE_CSP, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' })
      .send(SHELL);
  });
  for (const [file, type] of [
    ['dashboard.js', 'text/javascript; charset=utf-8'],
    ['dashboard.js.map', 'application/json; charset=utf-8'],
  ]) {
    app.get(`/dashboard/${file}`, async (_request, reply) => {
      const path = assets && join(assets, file);
      if (!path || !existsSync(path)) return reply.code(404).headers(API_HEADERS).send({ error: { code: 'not_found', message: 'not found' } });
      return reply.type(type).headers({ 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }).send(readFileSync(path));
    });
  }

  // ------------------------------------------------------------ API

  function parse(query: Query) {
    const current = fiscalQuarterOf(Date.now());
    const fy = query.fy === undefined ? current.fiscalYear : Number(query.fy);
    const quarter = query.quarter === undefined ? current.quarter : Number(query.quarter);
    if (!Number.isInteger(fy) || fy < 2000 || fy > 2200) throw new QueryError('fy', 'fy must be a fiscal year such as 2025');
    if (![1, 2, 3, 4].includes(quarter)) throw new QueryError('quarter', 'quarter must be 1, 2, 3 or 4');
    for (const k of ['channel', 'surveyType'] as const)
      if (query[k] !== undefined && query[k] !== '' && !SLUG.test(query[k]!)) throw new QueryError(k, `${k} is not a valid value`);
    const cut = query.cut === undefined ? 5 : Number(query.cut);
    if (![3, 4, 5].includes(cut)) throw new QueryError('cut', 'cut must be 3, 4 or 5');
    const period = quarterPeriod(fy, quarter as 1 | 2 | 3 | 4, ctx.timeZone);
    const filter: AggregateFilter = { from: period.from, to: period.to, channel: query.channel || undefined, surveyType: query.surveyType || undefined };
    return { fy, quarter: quarter as 1 | 2 | 3 | 4, period, cut, filter };
  }

  const periodOut = (p: QuarterPeriod) => ({ fiscalYear: p.fiscalYear, quarter: p.quarter, firstDay: p.firstDay, lastDay: p.lastDay, timeZone: p.timeZone, dueDate: p.dueDate, from: p.from, to: p.to });

  const route = <Q>(path: string, handler: (request: FastifyRequest<{ Querystring: Query; Params: Q }>, reply: FastifyReply) => Promise<unknown>) =>
    app.get<{ Querystring: Query; Params: Q }>(path, { preHandler: ctx.requireAdmin }, async (request, reply) => {
      reply.headers(API_HEADERS);
      try {
        return await handler(request, reply);
      } catch (e) {
        if (e instanceof QueryError) return reply.code(400).send({ error: { code: 'invalid_query', message: e.message, field: e.field } });
        throw e;
      }
    });

  route('/v1/dashboard/overview', async (request) => {
    const { period, filter } = parse(request.query);
    const unfaceted = { from: filter.from, to: filter.to };
    const [weekly, channels, types, perService] = await Promise.all([
      analytics.tallies(filter, ['week']),
      analytics.tallies({ ...unfaceted, surveyType: filter.surveyType }, ['channel']),
      analytics.tallies({ ...unfaceted, channel: filter.channel }, ['surveyType']),
      analytics.tallies(filter, ['service']),
    ]);
    return {
      period: periodOut(period),
      responses: perService.reduce((n, r) => n + r.tally.responses, 0),
      answered: perService.reduce((n, r) => n + r.tally.answered, 0),
      servicesDeclared: services.size,
      servicesWithResponses: perService.filter((r) => services.has(r.service!)).length,
      weekly: weekly.map((r) => ({ week: new Date(r.week!).toISOString().slice(0, 10), start: r.week, responses: r.tally.responses, answered: r.tally.answered })),
      // Facet counts ignore their own filter, so every choice stays visible after choosing one.
      channels: channels.map((r) => ({ value: r.channel, responses: r.tally.responses })),
      surveyTypes: types.map((r) => ({ value: r.surveyType, responses: r.tally.responses })),
      alertsEnabled: engine !== null,
    };
  });

  route('/v1/dashboard/services', async (request) => {
    const { period, cut, filter } = parse(request.query);
    const q = (request.query.q ?? '').trim().toLowerCase().slice(0, 100);
    const sort = request.query.sort ?? 'responses';
    if (!['name', 'responses', 'trust', 'id'].includes(sort)) throw new QueryError('sort', 'sort must be name, id, responses or trust');
    const order = request.query.order ?? (sort === 'name' || sort === 'id' ? 'asc' : 'desc');
    if (order !== 'asc' && order !== 'desc') throw new QueryError('order', 'order must be asc or desc');
    const offset = Number(request.query.offset ?? 0);
    const limit = Number(request.query.limit ?? 25);
    if (!Number.isInteger(offset) || offset < 0) throw new QueryError('offset', 'offset must be 0 or more');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new QueryError('limit', `limit must be 1 to ${MAX_PAGE}`);
    const tallies = new Map((await analytics.tallies(filter, ['service'])).map((r) => [r.service!, r.tally]));
    let rows = [...services.values()]
      .filter((s) => !q || s.id.toLowerCase().includes(q) || s.name.toLowerCase().includes(q) || s.agency.toLowerCase().includes(q))
      .map((s) => {
        const t = tallies.get(s.id) ?? emptyTally();
        return { id: s.id, name: s.name, agency: s.agency, scale: s.scale, responses: t.responses, trust: trustFigure(t, s.scale, cut) };
      });
    const dir = order === 'asc' ? 1 : -1;
    const key = (r: (typeof rows)[number]) => (sort === 'name' ? r.name : sort === 'id' ? r.id : sort === 'responses' ? r.responses : r.trust.percent);
    rows = rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      // Services without a figure sort last either way.
      if (x === null || y === null) return x === y ? a.id.localeCompare(b.id) : x === null ? 1 : -1;
      const c = typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number);
      return c ? c * dir : a.id.localeCompare(b.id);
    });
    return { period: periodOut(period), cut, total: rows.length, offset, limit, items: rows.slice(offset, offset + limit) };
  });

  route<{ id: string }>('/v1/dashboard/services/:id', async (request, reply) => {
    const s = services.get(request.params.id);
    if (!s) return reply.code(404).send({ error: { code: 'unknown_service', message: `service "${request.params.id}" is not declared`, field: 'service' } });
    const { fy, quarter, period, cut, filter } = parse(request.query);
    const count = Math.min(12, Math.max(1, Number(request.query.quarters ?? 8) || 8));
    const f = { ...filter, service: s.id };
    const quarters: QuarterPeriod[] = [period];
    for (let i = 1; i < count; i++) {
      const p = previousQuarter(quarters[0].fiscalYear, quarters[0].quarter);
      quarters.unshift(quarterPeriod(p.fy, p.quarter, ctx.timeZone));
    }
    const bounds = [...quarters.map((p) => p.from), period.to];
    const [summary, weekly, quarterly, byChannel, byType, drivers] = await Promise.all([
      analytics.tallies(f, []),
      analytics.tallies(f, ['week']),
      analytics.tallies({ ...f, from: bounds[0], to: period.to }, ['bucket'], { bounds }),
      analytics.tallies({ ...f, channel: undefined }, ['channel']),
      analytics.tallies({ ...f, surveyType: undefined }, ['surveyType']),
      analytics.drivers(f),
    ]);
    const total = summary[0]?.tally ?? emptyTally();
    const byBucket = new Map(quarterly.map((r) => [r.bucket!, r.tally]));
    const branch = (name: 'positive' | 'negative') => {
      const b = drivers.branches.find((x) => x.branch === name) ?? { responses: 0, answeredQ2: 0 };
      const counts = new Map(drivers.counts.filter((c) => c.branch === name).map((c) => [c.key, c.count]));
      return {
        responses: b.responses,
        answeredQ2: b.answeredQ2,
        drivers: Object.fromEntries(DRIVER_KEYS.map((k) => [k, { count: counts.get(k) ?? 0, share: percent(counts.get(k) ?? 0, b.answeredQ2) }])),
      };
    };
    return {
      service: { id: s.id, name: s.name, agency: s.agency, scale: s.scale, drivers: s.drivers.map((d) => d.key) },
      period: periodOut(period),
      fiscalYear: fy,
      quarter,
      cut,
      responses: total.responses,
      trust: trustFigure(total, s.scale, cut),
      distribution: s.scale === 'five-point' ? { '1': total.q[1], '2': total.q[2], '3': total.q[3], '4': total.q[4], '5': total.q[5] } : undefined,
      weekly: weekly.map((r) => ({ week: new Date(r.week!).toISOString().slice(0, 10), start: r.week, responses: r.tally.responses, trust: trustFigure(r.tally, s.scale, cut) })),
      quarterly: quarters.map((p, i) => {
        const t = byBucket.get(i) ?? emptyTally();
        return { fiscalYear: p.fiscalYear, quarter: p.quarter, label: `FY${p.fiscalYear} Q${p.quarter}`, responses: t.responses, trust: trustFigure(t, s.scale, cut) };
      }),
      q2: { positive: branch('positive'), negative: branch('negative') },
      byChannel: byChannel.map((r) => ({ value: r.channel, responses: r.tally.responses, trust: trustFigure(r.tally, s.scale, cut) })),
      bySurveyType: byType.map((r) => ({ value: r.surveyType, responses: r.tally.responses, trust: trustFigure(r.tally, s.scale, cut) })),
    };
  });

  route('/v1/dashboard/alerts', async () => {
    const week = 7 * 86_400_000;
    const states = engine ? await analytics.alertStates({ resolvedSince: Date.now() - week }) : [];
    const out = (s: (typeof states)[number]) => ({ ...s, serviceName: services.get(s.service)?.name ?? s.service, notified: undefined });
    return {
      enabled: engine !== null,
      webhook: Boolean(options.alerts?.webhook),
      intervalSeconds: options.alerts?.intervalSeconds ?? null,
      rules: options.alerts?.rules ?? [],
      firing: states.filter((s) => s.status === 'firing').map(out),
      resolved: states.filter((s) => s.status === 'resolved').map(out),
    };
  });

  return { analytics, engine };
}
