import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/store/index.js';
import { admin, backends, collector, record } from './helpers.js';

for (const backend of backends()) {
  describe(`concurrent posts over real HTTP: ${backend.name}`, () => {
    // Two collector instances with their own connections to one database, as behind a load balancer.
    const instances: { store: Store; app: FastifyInstance; url: string }[] = [];
    before(async () => {
      for (let i = 0; i < 2; i++) {
        const store = await backend.open();
        const app = await collector(store);
        const url = await app.listen({ port: 0, host: '127.0.0.1' });
        instances.push({ store, app, url });
      }
    });
    after(async () => {
      for (const i of instances) await i.app.close();
      await backend.cleanup();
    });

    const post = (i: number, body: unknown) =>
      fetch(`${instances[i % 2].url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    test('the same record posted 60 times at once, to both instances, is one row', async () => {
      const r = record();
      const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => post(i, r).then((res) => res.status)));
      assert.equal(statuses.filter((s) => s === 201).length, 1);
      assert.equal(statuses.filter((s) => s === 200).length, 59);
      const count = await instances[0].app.inject({ url: `/v1/count?service=t-thumbs`, headers: admin });
      assert.equal(count.json().count, 1);
    });

    test('one id with different contents at once: one stored, every other refused with 409', async () => {
      const base = record();
      const variants = Array.from({ length: 30 }, (_, i) => ({ ...base, q3: `variant ${i}` }));
      const results = await Promise.all(variants.map((v, i) => post(i, v).then(async (res) => ({ status: res.status, body: await res.json() }))));
      assert.equal(results.filter((r) => r.status === 201).length, 1);
      assert.equal(results.filter((r) => r.status === 409 && r.body.error.code === 'id_conflict').length, 29);
      const stored = await instances[1].app.inject({ url: `/v1/responses/${base.id}`, headers: admin });
      const winner = results.findIndex((r) => r.status === 201);
      assert.equal(stored.json().q3, `variant ${winner}`);
    });

    test('overlapping batches of the same records store each once', async () => {
      const records = Array.from({ length: 50 }, () => record({ service: 't-five', scale: 'five-point', positiveCut: 5, q1: 5, branch: 'positive', q2: [] }));
      const batches = Array.from({ length: 10 }, (_, i) => records.slice(i * 3, i * 3 + 30));
      await Promise.all(batches.map((b, i) => post(i, b)));
      const count = await instances[0].app.inject({ url: `/v1/count?service=t-five`, headers: admin });
      assert.equal(count.json().count, new Set(batches.flat().map((r) => r.id)).size);
    });
  });
}
