/**
 * The dashboard: its JSON API under /v1/dashboard/ (admin token required)
 * and its page under /dashboard/ (a static shell and one bundled script,
 * chart library included; the shell holds no data and asks for the token).
 * Every figure is aggregated by the database; the browser gets one row per
 * service, week or quarter, never a response. The JSON's shape is
 * dashboard-contract.ts.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DRIVER_KEYS, previousQuarter, quarterPeriod, type QuarterPeriod } from '@cx-survey/protocol';
import { AlertEngine } from '../alerts/engine.js';
import type { AlertConfig } from '../alerts/rules.js';
import { AlertState, type AlertStateRow } from '../alerts/state.js';
import { Analytics } from '../analytics/analytics.js';
import { openConnection } from '../analytics/connection.js';
import type { ServiceDefinition } from '../domain/services.js';
import { emptyTally, percent, trustFigure } from '../domain/trust.js';
import { errorBody } from '../ingest/submit.js';
import type { Store } from '../store/types.js';
import type { AlertRow, Alerts, BranchDrivers, Overview, Period, ServiceDetail, ServicePage, ServiceRow } from './dashboard-contract.js';
import { API_HEADERS } from './headers.js';
import { registerAppPage } from './app-page.js';
import { parseFacets, parseInteger, parseRange, QueryError, serviceFrom, type QueryText } from './query.js';

export interface DashboardOptions {
  /** Alert rules and webhook; without it no alerts are evaluated. */
  alerts?: AlertConfig;
  /** Folder holding the built dashboard.js (default: the one packaged with the collector). */
  assetsDir?: string;
}

export interface DashboardContext {
  services: Map<string, ServiceDefinition>;
  store: Store;
  requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  timeZone: string;
}

export const MAX_PAGE = 100;

/**
 * The built dashboard: dist/dashboard/ inside this package (copied there by the build, so an
 * installed package has it), else packages/dashboard/dist in the repository.
 */
export function defaultDashboardAssets(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  // src/http/ and dist/http/ both sit two levels below the package root.
  const candidates = [join(here, '..', '..', 'dist', 'dashboard'), join(here, '..', '..', '..', 'dashboard', 'dist')];
  return candidates.find((dir) => existsSync(join(dir, 'dashboard.js')));
}

const periodOut = (p: QuarterPeriod): Period => ({ fiscalYear: p.fiscalYear, quarter: p.quarter, firstDay: p.firstDay, lastDay: p.lastDay, timeZone: p.timeZone, dueDate: p.dueDate, from: p.from, to: p.to });

export async function registerDashboard(app: FastifyInstance, ctx: DashboardContext, options: DashboardOptions): Promise<{ analytics: Analytics; engine: AlertEngine | null }> {
  const { services, timeZone } = ctx;
  if (!ctx.store.location) throw new Error('the dashboard needs a SQLite file or PostgreSQL, not an in-memory database');
  const connection = openConnection(ctx.store.location);
  let state: AlertState;
  try {
    state = await AlertState.open(connection);
  } catch (e) {
    await connection.close();
    throw e;
  }
  const analytics = new Analytics(connection);
  const engine = options.alerts ? new AlertEngine({ analytics, state, services, config: options.alerts, log: app.log }) : null;
  const assets = options.assetsDir ?? defaultDashboardAssets();

  app.addHook('onReady', async () => engine?.start());
  // preClose runs before onClose, where the store closes: the timer stops while the database is still there.
  app.addHook('preClose', async () => engine?.stop());
  app.addHook('onClose', async () => connection.close());

  // ------------------------------------------------------------ page

  registerAppPage(app, {
    path: '/dashboard',
    title: 'CX survey dashboard',
    script: 'dashboard.js',
    element: 'cx-dashboard',
    files: [['dashboard.js', 'text/javascript; charset=utf-8'], ['dashboard.js.map', 'application/json; charset=utf-8']],
    assets,
    notBuilt: ['dashboard_not_built', 'run "npm run build" to build packages/dashboard'],
  });

  // ------------------------------------------------------------ API

  interface Query extends QueryText {
    q?: string;
    sort?: string;
    order?: string;
    offset?: string;
    limit?: string;
    quarters?: string;
  }

  /** The quarter (default: the current one), its facets and cut. */
  function parse(query: Query) {
    const { period } = parseRange({ fy: query.fy, quarter: query.quarter }, services, timeZone, { quarter: 'current' });
    const { channel, surveyType, cut } = parseFacets(query);
    return { period: period!, cut, filter: { from: period!.from, to: period!.to, channel, surveyType } };
  }

  const route = <R, P = unknown>(path: string, handler: (request: FastifyRequest<{ Querystring: Query; Params: P }>) => Promise<R>) =>
    app.get<{ Querystring: Query; Params: P }>(path, { preHandler: ctx.requireAdmin }, async (request, reply) => {
      reply.headers(API_HEADERS);
      try {
        return await handler(request);
      } catch (e) {
        if (e instanceof QueryError) return reply.code(e.status).send(errorBody(e.code, e.message, e.field));
        throw e;
      }
    });

  route('/v1/dashboard/overview', async (request): Promise<Overview> => {
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
      weekly: weekly.map((r) => ({ week: new Date(r.week!).toISOString().slice(0, 10), start: r.week!, responses: r.tally.responses, answered: r.tally.answered })),
      // Facet counts ignore their own filter, so every choice stays visible after choosing one.
      channels: channels.map((r) => ({ value: r.channel!, responses: r.tally.responses })),
      surveyTypes: types.map((r) => ({ value: r.surveyType!, responses: r.tally.responses })),
      alertsEnabled: engine !== null,
    };
  });

  route('/v1/dashboard/services', async (request): Promise<ServicePage> => {
    const { period, cut, filter } = parse(request.query);
    const q = (request.query.q ?? '').trim().toLowerCase().slice(0, 100);
    const sort = request.query.sort ?? 'responses';
    if (!['name', 'responses', 'trust', 'id'].includes(sort)) throw new QueryError('sort', 'sort must be name, id, responses or trust');
    const order = request.query.order ?? (sort === 'name' || sort === 'id' ? 'asc' : 'desc');
    if (order !== 'asc' && order !== 'desc') throw new QueryError('order', 'order must be asc or desc');
    const offset = parseInteger(request.query.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = parseInteger(request.query.limit, 'limit', 25, 1, MAX_PAGE);
    const tallies = new Map((await analytics.tallies(filter, ['service'])).map((r) => [r.service!, r.tally]));
    let rows: ServiceRow[] = [...services.values()]
      .filter((s) => !q || s.id.toLowerCase().includes(q) || s.name.toLowerCase().includes(q) || s.agency.toLowerCase().includes(q))
      .map((s) => {
        const t = tallies.get(s.id) ?? emptyTally();
        return { id: s.id, name: s.name, agency: s.agency, scale: s.scale, responses: t.responses, trust: trustFigure(t, s.scale, cut) };
      });
    const dir = order === 'asc' ? 1 : -1;
    const key = (r: ServiceRow) => (sort === 'name' ? r.name : sort === 'id' ? r.id : sort === 'responses' ? r.responses : r.trust.percent);
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

  route<ServiceDetail, { id: string }>('/v1/dashboard/services/:id', async (request) => {
    const s = serviceFrom(services, request.params.id);
    const { period, cut, filter } = parse(request.query);
    const count = Math.min(12, Math.max(1, Number(request.query.quarters ?? 8) || 8));
    const f = { ...filter, service: s.id };
    const quarters: QuarterPeriod[] = [period];
    for (let i = 1; i < count; i++) {
      const p = previousQuarter(quarters[0].fiscalYear, quarters[0].quarter);
      quarters.unshift(quarterPeriod(p.fiscalYear, p.quarter, timeZone));
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
    const branch = (name: 'positive' | 'negative'): BranchDrivers => {
      const b = drivers.branches.find((x) => x.branch === name) ?? { responses: 0, answeredQ2: 0 };
      const counts = new Map(drivers.counts.filter((c) => c.branch === name).map((c) => [c.key, c.count]));
      return {
        responses: b.responses,
        answeredQ2: b.answeredQ2,
        drivers: Object.fromEntries(DRIVER_KEYS.map((k) => [k, { count: counts.get(k) ?? 0, share: percent(counts.get(k) ?? 0, b.answeredQ2) }])) as BranchDrivers['drivers'],
      };
    };
    return {
      service: { id: s.id, name: s.name, agency: s.agency, scale: s.scale, drivers: s.drivers.map((d) => d.key) },
      period: periodOut(period),
      fiscalYear: period.fiscalYear,
      quarter: period.quarter,
      cut,
      responses: total.responses,
      trust: trustFigure(total, s.scale, cut),
      distribution: s.scale === 'five-point' ? { '1': total.q[1], '2': total.q[2], '3': total.q[3], '4': total.q[4], '5': total.q[5] } : undefined,
      weekly: weekly.map((r) => ({ week: new Date(r.week!).toISOString().slice(0, 10), start: r.week!, responses: r.tally.responses, trust: trustFigure(r.tally, s.scale, cut) })),
      quarterly: quarters.map((p, i) => {
        const t = byBucket.get(i) ?? emptyTally();
        return { fiscalYear: p.fiscalYear, quarter: p.quarter, label: `FY${p.fiscalYear} Q${p.quarter}`, responses: t.responses, trust: trustFigure(t, s.scale, cut) };
      }),
      q2: { positive: branch('positive'), negative: branch('negative') },
      byChannel: byChannel.map((r) => ({ value: r.channel!, responses: r.tally.responses, trust: trustFigure(r.tally, s.scale, cut) })),
      bySurveyType: byType.map((r) => ({ value: r.surveyType!, responses: r.tally.responses, trust: trustFigure(r.tally, s.scale, cut) })),
    };
  });

  route('/v1/dashboard/alerts', async (): Promise<Alerts> => {
    const week = 7 * 86_400_000;
    const states = engine ? await state.alertStates({ resolvedSince: Date.now() - week }) : [];
    // Which deliveries were claimed is the engine's business, not the dashboard's.
    const out = ({ notified: _notified, ...s }: AlertStateRow): AlertRow => ({ ...s, serviceName: services.get(s.service)?.name ?? s.service });
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
