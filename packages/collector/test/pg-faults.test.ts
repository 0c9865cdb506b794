import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../src/store/index.js';
import { ADMIN, PG_URL, record, SECRET, SERVICES_JSON } from './helpers.js';
import { startCollector, type Running } from './process.js';
import { TcpProxy } from './tcp-proxy.js';

const dir = mkdtempSync(join(tmpdir(), 'cx-pgfault-'));
const servicesFile = join(dir, 'services.json');
writeFileSync(servicesFile, SERVICES_JSON);
const schema = `cx_pgfault_${process.pid}_${randomUUID().slice(0, 8)}`;
const target = new URL(PG_URL);

const post = (url: string, body: unknown) =>
  fetch(`${url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Writers posting singles and batches, remembering only what was acknowledged. */
function writers(url: string, acked: Set<string>, count: number) {
  let stop = false;
  let refused503 = 0;
  const loops = Array.from({ length: count }, async (_, c) => {
    for (let i = 0; !stop; i++) {
      const batch = (c + i) % 3 === 0 ? Array.from({ length: 10 }, () => record()) : [record()];
      try {
        const res = await post(url, batch.length === 1 ? batch[0] : batch);
        const body = await res.json();
        if (res.status === 503) refused503++;
        if (res.status === 201 || res.status === 200) {
          if (batch.length === 1) acked.add(batch[0].id);
          else for (const r of body.results) if (r.status === 201 || r.status === 200) acked.add(r.id);
        }
      } catch {
        // The collector went away: nothing was acknowledged. The test then fails on the exit check.
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  });
  return {
    refused: () => refused503,
    stop: async () => {
      stop = true;
      await Promise.all(loops);
    },
  };
}

const waitFor = async (cond: () => boolean | Promise<boolean>) => {
  while (!(await cond())) await new Promise((r) => setTimeout(r, 10));
};

describe('PostgreSQL connection resets, through a TCP proxy', { timeout: 120_000 }, () => {
  let proxy: TcpProxy;
  let server: Running;
  before(async () => {
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(PG_URL);
    viaProxy.port = String(proxy.port);
    server = await startCollector(
      ['--services', servicesFile, '--admin-token', ADMIN, '--token-secret', SECRET, '--rate-per-second', '0', '--log-level', 'warn'],
      { DATABASE_URL: viaProxy.href, CX_PG_SCHEMA: schema },
    );
  });
  after(async () => {
    server.proc.kill('SIGTERM');
    await server.exited;
    await proxy.close();
    await PostgresStore.dropSchema(PG_URL, schema);
    rmSync(dir, { recursive: true, force: true });
  });

  test('connections cut mid-write and a database away for a while: the process stays up, answers 503 + Retry-After, reconnects, loses nothing acknowledged', async () => {
    const acked = new Set<string>();
    const load = writers(server.url, acked, 8);
    // Ten resets while eight writers are inserting.
    for (let i = 1; i <= 10; i++) {
      const target = acked.size + 100;
      await waitFor(() => acked.size >= target || server.proc.exitCode !== null);
      assert.equal(server.proc.exitCode, null, `the collector exited after ${i - 1} resets:\n${server.output()}`);
      proxy.cut();
    }
    // The database away: every write is refused with 503 and Retry-After, health says so.
    proxy.down();
    await waitFor(() => load.refused() > 0);
    const away = await post(server.url, record());
    assert.equal(away.status, 503);
    assert.ok(Number(away.headers.get('retry-after')) > 0);
    assert.equal((await away.json()).error.code, 'unavailable');
    await new Promise((r) => setTimeout(r, 1100)); // past the health result's one-second cache
    const health = await fetch(`${server.url}/healthz`);
    const healthText = await health.text();
    assert.equal(health.status, 503, healthText);
    // No internal error text in public (it printed "connect ECONNREFUSED 127.0.0.1:…" to anyone).
    assert.doesNotMatch(healthText, /ECONN|127\.0\.0\.1|connect|terminated|PostgreSQL/i);
    const detail = await (await fetch(`${server.url}/v1/status`, { headers: { authorization: `Bearer ${ADMIN}` } })).json();
    assert.equal(detail.checks.write.ok, false);
    assert.ok(detail.checks.write.error.length > 0);
    // Back again: writes resume without a restart.
    proxy.up();
    const resumed = acked.size;
    await waitFor(() => acked.size >= resumed + 200 || server.proc.exitCode !== null);
    await load.stop();
    assert.equal(server.proc.exitCode, null, server.output());
    assert.ok(proxy.cuts >= 10, 'connections were cut');
    // Health recovers once writes have gone through for a while (the failure window).
    while ((await fetch(`${server.url}/healthz`)).status !== 200) await new Promise((r) => setTimeout(r, 500));

    // Every acknowledged response is stored, once (read straight from PostgreSQL, not through the proxy).
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const ids = (await client.query<{ id: string }>(`SELECT id::text AS id FROM "${schema}".responses`)).rows.map((r) => r.id);
      const stored = new Set(ids);
      assert.equal(stored.size, ids.length);
      const missing = [...acked].filter((id) => !stored.has(id));
      assert.deepEqual(missing, [], `${missing.length} of ${acked.size} acknowledged responses were lost`);
    } finally {
      await client.end();
    }
  });
});
