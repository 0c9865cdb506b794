import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { quarterPeriod, type ResponseRecord } from '@cx-survey/protocol';
import { parseServices } from '../src/domain/services.js';
import { closeQuarter } from '../src/reports/closing.js';
import { LATE_ARRIVALS_FILE, writeServicePackage } from '../src/reports/package.js';
import { quarterFilter } from '../src/reports/report.js';
import { touchpointsA11v2Export } from '../src/reports/touchpoints.js';
import type { Store } from '../src/store/index.js';
import { admin, backends, collector, HISTORY_GRACE_SECONDS, record } from './helpers.js';

// Built by Touchpoints' own row logic in Ruby (fixtures/touchpoints/a11_v2.rb) from the same six submissions.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/touchpoints/${name}`, import.meta.url), 'utf8');

const OFFERED: ResponseRecord['offered'] = ['effectiveness', 'ease', 'efficiency', 'transparency', 'other', 'none'];
// The form's service (also the import test's): no humanity or employee driver, FY 2025 Q2 volume and OMB fields.
const SERVICES = parseServices(fixture('services.json'));

/** The Ruby script's submissions, as the element would have sent them. */
function submissions(): ResponseRecord[] {
  const r = (n: number, at: string, q1: 0 | 1 | null, q2: ResponseRecord['q2'], q3: string | null) =>
    record({
      id: `0b5a4c1e-1d2e-4f30-8a41-00000000000${n}`,
      service: 'tp-example',
      answeredAt: at,
      q1,
      branch: q1 === null ? null : q1 === 1 ? 'positive' : 'negative',
      q2,
      offered: OFFERED,
      q3,
    });
  // Sent out of order: the file is in answer order.
  return [
    r(6, '2025-03-31T23:59:00Z', 1, ['other'], 'Muy bien, gracias'),
    r(1, '2025-01-02T10:00:00Z', 1, ['effectiveness', 'ease'], null),
    r(2, '2025-01-03T11:30:00Z', 0, ['efficiency', 'transparency'], 'Waited "too long", then left.'),
    r(3, '2025-01-04T09:15:00Z', null, [], 'Two lines,\nof text'),
    r(4, '2025-02-10T16:45:00Z', 1, [], null),
    r(5, '2025-02-11T08:05:00Z', 0, ['none'], '=1+1 is not a formula here'),
  ];
}

for (const backend of backends()) {
  describe(`Touchpoints A-11 files: ${backend.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    const dir = mkdtempSync(join(tmpdir(), 'cx-package-'));
    before(async () => {
      store = await backend.open();
      app = await collector(store, { services: SERVICES, graceSeconds: HISTORY_GRACE_SECONDS });
      const res = await app.inject({ method: 'POST', url: '/v1/responses', payload: submissions() });
      assert.equal(res.json().stored, 6, res.body);
      // Two devices' counts: 40 offers on the quarter's days, one outside it.
      const offers = [
        { id: '6f1c1b2e-3a4b-4c5d-8e9f-000000000001', service: 'tp-example', channel: 'web', day: '2025-01-02', count: 25 },
        { id: '6f1c1b2e-3a4b-4c5d-8e9f-000000000002', service: 'tp-example', channel: 'web', day: '2025-03-31', count: 15 },
        { id: '6f1c1b2e-3a4b-4c5d-8e9f-000000000003', service: 'tp-example', channel: 'web', day: '2025-04-01', count: 99 },
      ];
      await store.addOffers(offers, Date.now());
    });
    after(async () => {
      await app.close();
      await backend.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the raw A-11 v2 file matches Touchpoints byte for byte: header, order, null / 0, quoting', async () => {
      let text = '';
      for await (const chunk of touchpointsA11v2Export(store, quarterFilter('tp-example', quarterPeriod(2025, 2)))) text += chunk;
      assert.equal(text, fixture('a11-v2.csv'));
      const http = await app.inject({ url: '/v1/export.csv?format=touchpoints-a11-v2&service=tp-example&fy=2025&quarter=2', headers: admin });
      assert.equal(http.statusCode, 200);
      assert.equal(http.body, fixture('a11-v2.csv'));
      assert.equal((await app.inject({ url: '/v1/export.csv?format=xlsx', headers: admin })).statusCode, 400);
    });

    test('the package holds the two-file quarterly submission as Touchpoints writes it, and a summary', async () => {
      const summary = await writeServicePackage(store, SERVICES.get('tp-example')!, 2025, 2, 'UTC', dir);
      const file = (name: string) => readFileSync(join(dir, name), 'utf8');
      assert.equal(file('touchpoints-a11-v2.csv'), fixture('a11-v2.csv'));
      assert.equal(file('touchpoints-a11-header.csv'), fixture('a11-header.csv'));
      assert.equal(file('touchpoints-a11-submissions.csv'), fixture('a11-submissions.csv'));
      assert.deepEqual(summary.submission, {
        trustQuestionText: 'This interaction increased my trust in Example Agency.',
        volumeOfCustomers: 1200,
        volumeOfCustomersProvidedSurveyOpportunity: 40,
        responses: 6,
        responseRate: 15,
        ombControlNumber: null,
      });
      assert.equal(summary.dueDate, '2025-04-30');
      assert.deepEqual(summary.missing.map((m) => m.field), ['bureau', 'OMB_control_number', 'federal_register_url']);
      assert.equal(summary.accomplishments, 'Shorter renewal form.');
      assert.deepEqual(JSON.parse(file('summary.json')).submission, summary.submission);
      const md = file('summary.md');
      assert.match(md, /Due to OMB 2025-04-30/);
      assert.match(md, /\| Response rate \| 15 % \|/);
      assert.match(md, /- Median processing time: 6 weeks/);
      assert.match(md, /- `bureau`: set `omb.bureau`/);
    });

    test("a closed quarter's package is exactly what was frozen; a late arrival is listed in its own file", async () => {
      const service = SERVICES.get('tp-example')!;
      assert.equal((await closeQuarter(store, service, 2025, 2, 'UTC')).closed.records, 6);
      // A kiosk's late upload, answered in the quarter, received after the close.
      const late = record({ id: '0b5a4c1e-1d2e-4f30-8a41-000000000007', service: 'tp-example', answeredAt: '2025-03-30T12:00:00Z', q1: 0, branch: 'negative', q2: ['ease'], offered: OFFERED });
      assert.equal((await app.inject({ method: 'POST', url: '/v1/responses', payload: [late] })).json().stored, 1);
      const closedDir = join(dir, 'closed');
      const summary = await writeServicePackage(store, service, 2025, 2, 'UTC', closedDir);
      const file = (name: string) => readFileSync(join(closedDir, name), 'utf8');
      // Byte for byte the files of the six records the close counted, as before the late arrival.
      assert.equal(file('touchpoints-a11-v2.csv'), fixture('a11-v2.csv'));
      assert.equal(file('touchpoints-a11-header.csv'), fixture('a11-header.csv'));
      assert.equal(file('touchpoints-a11-submissions.csv'), fixture('a11-submissions.csv'));
      assert.equal(summary.submission.responses, 6);
      assert.deepEqual(summary.lateArrivals, { responses: 1, file: LATE_ARRIVALS_FILE });
      const lateLines = file(LATE_ARRIVALS_FILE).trimEnd().split('\n');
      assert.deepEqual([lateLines.length, lateLines[0]], [2, fixture('a11-v2.csv').split('\n')[0]]);
      assert.match(lateLines[1], /^0b5a4c1e-1d2e-4f30-8a41-000000000007,/);
      assert.equal(summary.closed?.records, 6);
      assert.ok(summary.files.includes(LATE_ARRIVALS_FILE));
      assert.match(file('summary.md'), /1 response\(s\) arrived after closing/);
    });
  });
}
