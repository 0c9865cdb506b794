import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PostgresStore } from '../src/store/index.js';
import { ADMIN, PG_URL, record, SECRET, SERVICES_JSON } from './helpers.js';
import { startCollector, type Running } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'cx-crash-'));
const servicesFile = join(dir, 'services.json');
writeFileSync(servicesFile, SERVICES_JSON);
const schema = `cx_crash_${process.pid}_${randomUUID().slice(0, 8)}`;

const BACKENDS = [
  { name: 'sqlite', args: ['--db', join(dir, 'crash.sqlite')], env: {} },
  { name: 'postgres', args: [], env: { DATABASE_URL: PG_URL, CX_PG_SCHEMA: schema } },
];

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await PostgresStore.dropSchema(PG_URL, schema);
});

const common = ['--services', servicesFile, '--admin-token', ADMIN, '--token-secret', SECRET, '--rate-per-second', '0', '--log-level', 'warn'];

/**
 * Client loops that post singles and batches until the server goes away,
 * remembering only what was acknowledged (a 2xx answer fully received).
 */
function clients(url: string, acked: Set<string>, count: number) {
  let stop = false;
  const loops = Array.from({ length: count }, async (_, c) => {
    for (let i = 0; !stop; i++) {
      const batch = (c + i) % 3 === 0 ? Array.from({ length: 10 }, () => record()) : [record()];
      try {
        const res = await fetch(`${url}/v1/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(batch.length === 1 ? batch[0] : batch),
        });
        const body = await res.json();
        if (res.status === 201 || res.status === 200) {
          if (batch.length === 1) acked.add(batch[0].id);
          else for (const r of body.results) if (r.status === 201 || r.status === 200) acked.add(r.id);
        }
      } catch {
        // Connection refused or reset: the server is gone; nothing was acknowledged.
        if (stop) return;
      }
    }
  });
  return {
    stop: async () => {
      stop = true;
      await Promise.all(loops);
    },
  };
}

async function exported(url: string): Promise<string[]> {
  const res = await fetch(`${url}/v1/export.json`, { headers: { authorization: `Bearer ${ADMIN}` } });
  assert.equal(res.status, 200);
  return ((await res.json()) as { id: string }[]).map((r) => r.id);
}

const waitFor = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

for (const backend of BACKENDS) {
  describe(`durability: ${backend.name}`, () => {
    test('kill -9 while clients send: after restart every acknowledged response is there exactly once', async () => {
      const acked = new Set<string>();
      let server: Running = await startCollector([...common, ...backend.args], backend.env);
      const load = clients(server.url, acked, 8);
      // Kill mid-stream, once a good number of writes have been acknowledged.
      await waitFor(() => acked.size >= 600);
      server.proc.kill('SIGKILL');
      assert.equal((await server.exited).signal, 'SIGKILL');
      await load.stop();
      const ackedAtKill = new Set(acked);

      server = await startCollector([...common, ...backend.args], backend.env);
      try {
        const ids = await exported(server.url);
        assert.equal(new Set(ids).size, ids.length, 'no response is stored twice');
        const stored = new Set(ids);
        const missing = [...ackedAtKill].filter((id) => !stored.has(id));
        assert.deepEqual(missing, [], `${missing.length} acknowledged responses were lost`);
        assert.ok(ids.length >= ackedAtKill.size);
        // A client resending after the crash gets a duplicate, not a second row.
        const [again] = ids;
        const res = await fetch(`${server.url}/v1/responses/${again}`, { headers: { authorization: `Bearer ${ADMIN}` } });
        const resend = await fetch(`${server.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: await res.text() });
        assert.equal(resend.status, 200);
      } finally {
        server.proc.kill('SIGTERM');
        await server.exited;
      }
    });

    test('SIGTERM finishes in-flight writes, then exits cleanly', async () => {
      const acked = new Set<string>();
      const server = await startCollector([...common, ...backend.args], backend.env);
      const load = clients(server.url, acked, 8);
      await waitFor(() => acked.size >= 200);
      server.proc.kill('SIGTERM');
      const exit = await server.exited;
      await load.stop();
      assert.equal(exit.code, 0, server.output());
      const restarted = await startCollector([...common, ...backend.args], backend.env);
      try {
        const stored = new Set(await exported(restarted.url));
        assert.deepEqual([...acked].filter((id) => !stored.has(id)), []);
      } finally {
        restarted.proc.kill('SIGTERM');
        await restarted.exited;
      }
    });
  });
}
