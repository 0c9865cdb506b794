import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/store/index.js';
import { admin, backends, collector, record } from './helpers.js';

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean);
    if (want.every((w) => have.includes(w)) && have.length === want.length) return Number(m[3]);
  }
  return undefined;
}

for (const backend of backends()) {
  describe(`GET /metrics (Prometheus): ${backend.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    before(async () => {
      store = await backend.open();
      app = await collector(store, { rateLimit: { burst: 100, perSecond: 0.01 } });
    });
    after(async () => {
      await app.close();
      await backend.cleanup();
    });
    const post = (body: unknown) => app.inject({ method: 'POST', url: '/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body), remoteAddress: '10.1.1.1' });

    test('needs the admin token', async () => {
      assert.equal((await app.inject({ url: '/metrics' })).statusCode, 401);
    });

    test('counts requests by route and status, records by outcome and code, rate-limit refusals, and shows the store queue and checks', async () => {
      const r = record();
      assert.equal((await post(r)).statusCode, 201);
      assert.equal((await post(r)).statusCode, 200);
      assert.equal((await post([record(), record({ q2: ['ease', 'none'] }), record({ service: 'nope' })])).statusCode, 207);
      assert.equal((await app.inject({ method: 'POST', url: '/v1/responses', headers: { 'content-type': 'application/json' }, payload: '{', remoteAddress: '10.1.1.1' })).statusCode, 400);
      assert.equal((await post(Array.from({ length: 100 }, () => record()))).statusCode, 429);
      await app.inject({ url: '/healthz' });
      const res = await app.inject({ url: '/metrics', headers: admin });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^text\/plain; version=0\.0\.4/);
      const text = res.body;
      assert.equal(sample(text, 'cx_records_total', { outcome: 'stored', code: '' }), 2);
      assert.equal(sample(text, 'cx_records_total', { outcome: 'duplicate', code: '' }), 1);
      assert.equal(sample(text, 'cx_records_total', { outcome: 'refused', code: 'inconsistent_record' }), 1);
      assert.equal(sample(text, 'cx_records_total', { outcome: 'refused', code: 'unknown_service' }), 1);
      assert.equal(sample(text, 'cx_records_total', { outcome: 'refused', code: 'invalid_json' }), 1);
      assert.equal(sample(text, 'cx_records_total', { outcome: 'refused', code: 'rate_limited' }), 1);
      assert.equal(sample(text, 'cx_rate_limited_total'), 1);
      assert.equal(sample(text, 'cx_http_requests_total', { route: '/v1/responses', method: 'POST', status: '201' }), 1);
      assert.equal(sample(text, 'cx_http_requests_total', { route: '/v1/responses', method: 'POST', status: '207' }), 1);
      assert.equal(sample(text, 'cx_http_requests_total', { route: '/healthz', method: 'GET', status: '200' }), 1);
      assert.equal(sample(text, 'cx_submit_duration_seconds_count', { store: backend.name }), 5);
      assert.equal(sample(text, 'cx_store_pending_writes', { store: backend.name }), 0);
      assert.equal(sample(text, 'cx_store_check_ok', { check: 'write' }), 1);
      assert.ok((sample(text, 'cx_process_resident_memory_bytes') ?? 0) > 0);
    });
  });
}
