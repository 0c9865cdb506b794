/**
 * Alerts and dashboard figures end to end: real collector processes, real
 * SQLite and PostgreSQL, a real webhook receiver on loopback. Synthetic
 * data with known trends, relative to now: each rule must fire for the
 * service built to trip it, stay quiet for the others, announce once across
 * two instances, and resolve when the trend clears.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PostgresStore } from '../src/store/index.js';
import { ADMIN, PG_URL } from './helpers.js';
import { startCollector, type Running } from './process.js';
import { DAY, HISTORY_GRACE, Q2_FROM, Q2_TO, admin, fivePoint, post, servicesFile, thumbs, uniqueSchema } from './dashboard-fixtures.js';

interface Hook {
  server: Server;
  url: string;
  texts: string[];
}

async function webhookReceiver(): Promise<Hook> {
  const texts: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      assert.equal(req.headers['content-type'], 'application/json');
      texts.push((JSON.parse(body) as { text: string }).text);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { server, url: `http://127.0.0.1:${port}/hook`, texts };
}

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const SERVICES = [
  { id: 'steady' },
  { id: 'volume-falls' },
  { id: 'trust-falls' },
  { id: 'goes-silent' },
  { id: 'small-noisy' },
  { id: 'report-thumbs' },
  { id: 'report-five', scale: 'five-point' },
];

const ALERTS = (webhook: string) => ({
  webhook,
  intervalSeconds: 1,
  rules: [
    { id: 'daily-volume', type: 'volume-drop', windowHours: 24, trailingWindows: 4, dropPercent: 50, minBaseline: 20 },
    { id: 'daily-trust', type: 'trust-drop', windowHours: 24, baselineWindows: 4, minAnswers: 30, minDropPoints: 10 },
    { id: 'silence', type: 'no-responses', hours: 24, lookbackHours: 120 },
  ],
});

/** Windows of the last five days: k = 0 is the latest 24 hours. */
function seedTrends(now: number) {
  const win = (k: number) => [now - (k + 1) * DAY + 60_000, now - k * DAY - 60_000] as const;
  const records = [];
  for (let k = 0; k <= 4; k++) {
    const [from, to] = win(k);
    records.push(...thumbs('steady', 60 + (k % 2) * 6, 0.8, from, to));
    records.push(...thumbs('volume-falls', k === 0 ? 12 : 60, 0.8, from, to));
    records.push(...thumbs('trust-falls', 60, k === 0 ? 0.4 : 0.85, from, to));
    if (k > 0) records.push(...thumbs('goes-silent', 60, 0.8, from, to));
    // Big relative swings on a tiny service: below every rule's minimums, never an alarm.
    records.push(...thumbs('small-noisy', k === 0 ? 1 : 5, k === 0 ? 0 : 1, from, to));
  }
  return records;
}

function seedQuarter() {
  return [
    ...thumbs('report-thumbs', 240, 0.7, Q2_FROM, Q2_TO),
    ...thumbs('report-thumbs', 50, 0.5, Q2_FROM - 30 * DAY, Q2_FROM), // Q1: not in Q2's figures
    ...fivePoint('report-five', Array.from({ length: 90 }, (_, i) => (i % 10 === 9 ? null : (i % 5) + 1)), Q2_FROM, Q2_TO),
  ];
}

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`dashboard and alerts over ${backend}`, { timeout: 120_000 }, () => {
    const schema = uniqueSchema();
    const dir = mkdtempSync(join(tmpdir(), 'cx-alerts-'));
    const services = servicesFile(SERVICES);
    const alertsFile = join(dir, 'alerts.json');
    const db = backend === 'sqlite' ? ['--db', join(dir, 'r.sqlite')] : ['--database-url', PG_URL, '--pg-schema', schema];
    const common = [...db, '--services', services, '--admin-token', ADMIN, '--rate-per-second', '0', '--log-level', 'warn', ...HISTORY_GRACE];
    let hook: Hook;
    const running: Running[] = [];

    before(async () => {
      hook = await webhookReceiver();
      writeFileSync(alertsFile, JSON.stringify(ALERTS(hook.url)));
      // Seed through a collector without alerts, so no evaluation sees half the data.
      const seeder = await startCollector(common);
      await post(seeder.url, [...seedTrends(Date.now()), ...seedQuarter()]);
      seeder.proc.kill('SIGTERM');
      await seeder.exited;
    });

    after(async () => {
      for (const r of running) {
        r.proc.kill('SIGTERM');
        await r.exited;
      }
      hook.server.close();
      if (backend === 'postgres') await PostgresStore.dropSchema(PG_URL, schema);
    });

    test('two instances announce each firing once; quiet services stay quiet', async () => {
      running.push(await startCollector([...common, '--alerts', alertsFile]), await startCollector([...common, '--alerts', alertsFile]));
      await until('four firings', () => hook.texts.length >= 4);
      // Several more evaluations on both instances: nothing repeats while the conditions stay true.
      await new Promise((r) => setTimeout(r, 3500));
      const got = hook.texts.map((t) => /ALERT (\S+): Service (\S+) /.exec(t)?.slice(1).join(' ')).sort();
      assert.deepEqual(got, ['daily-trust trust-falls', 'daily-volume goes-silent', 'daily-volume volume-falls', 'silence goes-silent'], hook.texts.join('\n'));
      assert.match(hook.texts.find((t) => t.includes('daily-trust'))!, /trust fell to 40 % \(60 answers/);
      const alerts = await admin<{ firing: Array<{ ruleId: string; service: string; message: string }> }>(running[0].url, '/v1/dashboard/alerts');
      assert.deepEqual(alerts.firing.map((f) => `${f.ruleId} ${f.service}`).sort(), got);
    });

    test('a firing resolves, once, when its trend clears', async () => {
      const now = Date.now();
      await post(running[0].url, thumbs('goes-silent', 60, 0.8, now - 3 * 3_600_000, now - 60_000));
      await until('two resolutions', () => hook.texts.filter((t) => t.includes('RESOLVED')).length >= 2);
      await new Promise((r) => setTimeout(r, 2500));
      const resolved = hook.texts.filter((t) => t.includes('RESOLVED')).map((t) => /RESOLVED (\S+): Service (\S+) /.exec(t)?.slice(1).join(' ')).sort();
      assert.deepEqual(resolved, ['daily-volume goes-silent', 'silence goes-silent']);
      assert.equal(hook.texts.length, 6, hook.texts.join('\n'));
      const alerts = await admin<{ firing: Array<{ service: string }>; resolved: Array<{ service: string }> }>(running[1].url, '/v1/dashboard/alerts');
      assert.deepEqual(alerts.firing.map((f) => f.service).sort(), ['trust-falls', 'volume-falls']);
      assert.equal(alerts.resolved.length, 2);
    });

    test("the dashboard's figures match the report API", async () => {
      const url = running[0].url;
      type Report = {
        service: { id: string; scale: string };
        responses: number;
        trust: { answered: number; percent?: number | null; percentAtCut?: Record<string, number | null> };
        q2: Record<'positive' | 'negative', { responses: number; answeredQ2: number; drivers: Record<string, { count: number; share: number | null }> }>;
        byChannel: Record<string, { responses: number; trust: { answered: number; percent?: number | null; percentAtCut?: Record<string, number | null> } }>;
      };
      const { reports } = await admin<{ reports: Report[] }>(url, '/v1/reports?fy=2025&quarter=2');
      const list = await admin<{ items: Array<{ id: string; responses: number; trust: { answered: number; percent: number | null } }> }>(
        url,
        '/v1/dashboard/services?fy=2025&quarter=2&limit=100',
      );
      const reportPct = (t: Report['trust'], scale: string, cut: string) => (scale === 'thumbs' ? t.percent : t.percentAtCut![cut === '5' ? '5' : `${cut}-5`]);
      assert.ok(reports.find((r) => r.service.id === 'report-thumbs')!.responses === 240);
      for (const r of reports) {
        const row = list.items.find((i) => i.id === r.service.id)!;
        assert.equal(row.responses, r.responses, r.service.id);
        assert.equal(row.trust.answered, r.trust.answered, r.service.id);
        assert.equal(row.trust.percent, reportPct(r.trust, r.service.scale, '5'), r.service.id);
      }
      for (const cut of ['4', '3']) {
        const five = await admin<{ items: Array<{ id: string; trust: { percent: number | null } }> }>(url, `/v1/dashboard/services?fy=2025&quarter=2&cut=${cut}&q=report-five`);
        assert.equal(five.items[0].trust.percent, reportPct(reports.find((r) => r.service.id === 'report-five')!.trust, 'five-point', cut));
      }
      for (const id of ['report-thumbs', 'report-five']) {
        const r = reports.find((x) => x.service.id === id)!;
        const d = await admin<{
          responses: number;
          trust: { percent: number | null };
          weekly: Array<{ responses: number }>;
          quarterly: Array<{ label: string; responses: number }>;
          q2: Report['q2'];
          byChannel: Array<{ value: string; responses: number; trust: { answered: number; percent: number | null } }>;
        }>(url, `/v1/dashboard/services/${id}?fy=2025&quarter=2`);
        assert.equal(d.responses, r.responses);
        assert.equal(d.weekly.reduce((n, w) => n + w.responses, 0), r.responses, 'weeks add up to the quarter');
        assert.equal(d.quarterly.at(-1)!.responses, r.responses);
        for (const branch of ['positive', 'negative'] as const) {
          assert.equal(d.q2[branch].responses, r.q2[branch].responses);
          assert.equal(d.q2[branch].answeredQ2, r.q2[branch].answeredQ2);
          for (const [k, v] of Object.entries(r.q2[branch].drivers)) assert.deepEqual(d.q2[branch].drivers[k], { count: v.count, share: v.share }, `${id} ${branch} ${k}`);
        }
        for (const [channel, b] of Object.entries(r.byChannel)) {
          const row = d.byChannel.find((c) => c.value === channel)!;
          assert.equal(row.responses, b.responses);
          assert.equal(row.trust.percent, reportPct(b.trust, r.service.scale, '5'));
          // The channel filter gives the same figure as the report's per-channel breakdown.
          const filtered = await admin<{ items: Array<{ responses: number; trust: { percent: number | null } }> }>(url, `/v1/dashboard/services?fy=2025&quarter=2&channel=${channel}&q=${id}`);
          assert.equal(filtered.items[0].responses, b.responses);
          assert.equal(filtered.items[0].trust.percent, row.trust.percent);
        }
      }
      assert.equal(reports.find((r) => r.service.id === 'report-thumbs')!.q2.positive.responses, 168);
    });

    test('dashboard routes require the admin token', async () => {
      for (const path of ['/v1/dashboard/overview', '/v1/dashboard/services', '/v1/dashboard/services/steady', '/v1/dashboard/alerts']) {
        assert.equal((await fetch(`${running[0].url}${path}`)).status, 401, path);
        assert.equal((await fetch(`${running[0].url}${path}`, { headers: { authorization: 'Bearer wrong' } })).status, 401, path);
      }
    });
  });
}
