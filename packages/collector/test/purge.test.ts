import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PostgresStore, SqliteStore, type Store, type StoredRow } from '../src/store/index.js';
import { PG_URL, SERVICES_JSON } from './helpers.js';
import { runCli } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'cx-purge-'));
const servicesFile = join(dir, 'services.json');
writeFileSync(servicesFile, SERVICES_JSON);
const schema = `cx_purge_${process.pid}_${randomUUID().slice(0, 8)}`;
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await PostgresStore.dropSchema(PG_URL, schema);
});

const row = (service: string, answeredAt: string): StoredRow => ({
  id: randomUUID(),
  service,
  answeredAt: Date.parse(answeredAt),
  receivedAt: Date.parse(answeredAt),
  countedAt: Date.parse(answeredAt),
  clockSuspect: false,
  channel: 'web',
  surveyType: 'post-interaction',
  contentHash: 'h',
  tokenId: null,
  record: '{}',
  redactions: null,
  countedAt: Date.parse(answeredAt),
  clockSuspect: false,
});

const BACKENDS = [
  { name: 'sqlite', open: () => Promise.resolve(new SqliteStore(join(dir, 'purge.sqlite'))), args: ['--db', join(dir, 'purge.sqlite')], env: {} },
  { name: 'postgres', open: () => PostgresStore.open({ connectionString: PG_URL, schema }), args: [], env: { DATABASE_URL: PG_URL, CX_PG_SCHEMA: schema } },
];

for (const backend of BACKENDS) {
  describe(`cx-collector purge: ${backend.name}`, () => {
    test('counts first (a dry run by default), deletes only with --yes, only before the date and for the service given', async () => {
      let store: Store = await backend.open();
      await store.insert([
        row('t-thumbs', '2021-05-01T00:00:00Z'),
        row('t-thumbs', '2022-09-30T23:59:59Z'),
        row('t-five', '2022-01-01T00:00:00Z'),
        row('gone-service', '2020-01-01T00:00:00Z'),
        row('t-thumbs', '2022-10-01T00:00:00Z'),
        row('t-five', '2025-01-01T00:00:00Z'),
      ]);
      await store.close();
      const purge = (...args: string[]) => runCli(['purge', '--services', servicesFile, ...backend.args, ...args], backend.env);

      const dry = await purge('--before', '2022-10-01');
      assert.equal(dry.code, 0, dry.stderr);
      const counted = JSON.parse(dry.stdout);
      assert.equal(counted.dryRun, true);
      assert.equal(counted.total, 4);
      assert.deepEqual(counted.counts, { 't-thumbs': 2, 't-five': 1, 't-token': 0, 't-narrow': 0, '(not in the services file)': 1 });
      assert.match(dry.stderr, /--yes/);

      const one = await purge('--before', '2022-10-01', '--service', 't-five', '--yes');
      assert.equal(one.code, 0, one.stderr);
      assert.equal(JSON.parse(one.stdout).deleted, 1);
      const all = await purge('--before', '2022-10-01T00:00:00Z', '--yes');
      assert.equal(JSON.parse(all.stdout).deleted, 3);

      store = await backend.open();
      try {
        assert.equal(await store.count(), 2, 'what was answered on or after the date stays');
        assert.equal(await store.count({ to: Date.parse('2022-10-01T00:00:00Z') }), 0);
      } finally {
        await store.close();
      }
    });

    test('refuses a missing, malformed or future date with a usage error', async () => {
      for (const args of [[], ['--before', 'last year'], ['--before', '2999-01-01'], ['--before', '2022-10-01', '--service', 'nope']]) {
        const r = await runCli(['purge', '--services', servicesFile, ...backend.args, ...args], backend.env);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /^cx-collector purge: /);
      }
    });
  });
}
