/**
 * Prometheus metrics (prom-client) at GET /metrics, behind the admin token: requests by route and
 * status, records stored / duplicate / refused by code, how long a POST takes from body to
 * acknowledgement, the store's queue of writes waiting, rate-limit and connection refusals, the
 * health checks, and Node's own process metrics. A registry per collector, never the global one.
 */
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../store/types.js';
import type { HealthChecker } from './health.js';

export class CollectorMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'cx_http_requests_total', help: 'HTTP requests answered, by route, method and status', labelNames: ['route', 'method', 'status'], registers: [this.registry] });
  readonly records = new Counter({
    name: 'cx_records_total',
    help: 'Response records by outcome (stored, duplicate, refused) and, for refusals, error code',
    labelNames: ['outcome', 'code'],
    registers: [this.registry],
  });
  readonly submitSeconds = new Histogram({
    name: 'cx_submit_duration_seconds',
    help: 'POST /v1/responses from body received to answer: validation, redaction and the store commit',
    labelNames: ['store'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({ name: 'cx_rate_limited_total', help: 'Requests refused with 429 by the per-address rate limiter', registers: [this.registry] });
  readonly connectionsRefused = new Counter({ name: 'cx_connections_refused_total', help: 'Connections refused over the per-address cap', registers: [this.registry] });

  constructor(store: Store, health: HealthChecker) {
    collectDefaultMetrics({ register: this.registry, prefix: 'cx_' });
    new Gauge({
      name: 'cx_store_pending_writes',
      help: 'Writes handed to the store and not yet answered (SQLite: the writer thread queue)',
      labelNames: ['store'],
      registers: [this.registry],
      collect() {
        this.set({ store: store.kind }, store.pendingWrites?.() ?? 0);
      },
    });
    new Gauge({
      name: 'cx_store_check_ok',
      help: 'The last health check of the store: 1 ok, 0 failing',
      labelNames: ['check'],
      registers: [this.registry],
      async collect() {
        const report = await health.check();
        this.set({ check: 'read' }, report.read.ok ? 1 : 0);
        this.set({ check: 'write' }, report.write.ok ? 1 : 0);
      },
    });
  }

  /** Counts every answered request by its route pattern (never the raw URL: bounded labels). */
  countRequests(app: FastifyInstance): void {
    app.addHook('onResponse', (request, reply, done) => {
      this.requests.inc({ route: request.routeOptions.url ?? 'unmatched', method: request.method, status: String(reply.statusCode) });
      done();
    });
  }

  /** What one POST did to its records, from the submitter's answer. */
  countSubmission(answer: { status: number; stored?: number; duplicate?: number; rejected: Array<{ code: string }>; refusal?: string }): void {
    if (answer.stored) this.records.inc({ outcome: 'stored', code: '' }, answer.stored);
    if (answer.duplicate) this.records.inc({ outcome: 'duplicate', code: '' }, answer.duplicate);
    for (const r of answer.rejected) this.records.inc({ outcome: 'refused', code: r.code });
    if (answer.refusal) {
      this.records.inc({ outcome: 'refused', code: answer.refusal });
      if (answer.status === 429) this.rateLimited.inc();
    }
  }
}
