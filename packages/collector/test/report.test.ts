import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { federalHolidays, lastBusinessDay, quarterPeriod, fiscalQuarterOf } from '@cx-survey/protocol';
import { CSV_COLUMNS } from '../src/reports/export.js';
import type { Store } from '../src/store/index.js';
import { fiveFixture, thumbsFixture } from './fixtures.js';
import { admin, backends, collector, HISTORY_GRACE_SECONDS } from './helpers.js';

describe('fiscal calendar', () => {
  test('FY 2024 due dates are those section 280.14 lists', () => {
    assert.deepEqual(
      ([1, 2, 3, 4] as const).map((q) => quarterPeriod(2024, q).dueDate),
      ['2024-01-31', '2024-04-30', '2024-07-31', '2024-10-31'],
    );
  });

  test('quarters start October 1 of the previous calendar year', () => {
    const q1 = quarterPeriod(2025, 1);
    assert.deepEqual([q1.firstDay, q1.lastDay], ['2024-10-01', '2024-12-31']);
    assert.equal(new Date(q1.from).toISOString(), '2024-10-01T00:00:00.000Z');
    assert.equal(new Date(q1.to).toISOString(), '2025-01-01T00:00:00.000Z');
    const q4 = quarterPeriod(2025, 4);
    assert.deepEqual([q4.firstDay, q4.lastDay], ['2025-07-01', '2025-09-30']);
    const eastern = quarterPeriod(2025, 2, 'America/New_York');
    assert.equal(new Date(eastern.from).toISOString(), '2025-01-01T05:00:00.000Z');
    assert.equal(new Date(eastern.to).toISOString(), '2025-04-01T04:00:00.000Z');
    assert.deepEqual(fiscalQuarterOf(Date.UTC(2024, 9, 1)), { fiscalYear: 2025, quarter: 1 });
    assert.deepEqual(fiscalQuarterOf(Date.UTC(2025, 8, 30)), { fiscalYear: 2025, quarter: 4 });
  });

  test('weekends and federal holidays move the due date back', () => {
    // January 31, 2026 is a Saturday.
    assert.equal(quarterPeriod(2026, 1).dueDate, '2026-01-30');
    // October 31, 2026 is a Saturday as well.
    assert.equal(quarterPeriod(2026, 4).dueDate, '2026-10-30');
    // May 31, 2027 is Memorial Day.
    assert.equal(lastBusinessDay(2027, 5), '2027-05-28');
    // New Year's Day 2022 fell on a Saturday and was observed on Friday, December 31, 2021.
    assert.ok(federalHolidays(2021).has('2021-12-31'));
    assert.equal(lastBusinessDay(2021, 12), '2021-12-30');
    assert.ok(federalHolidays(2025).has('2025-11-27'));
    assert.ok(federalHolidays(2025).has('2025-01-20'));
    assert.ok(federalHolidays(2026).has('2026-07-03'));
  });
});

for (const backend of backends()) {
  describe(`quarterly report: ${backend.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    before(async () => {
      store = await backend.open();
      app = await collector(store, { graceSeconds: HISTORY_GRACE_SECONDS });
      const res = await app.inject({ method: 'POST', url: '/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify([...thumbsFixture(), ...fiveFixture()]) });
      assert.equal(res.json().stored, 18, res.body);
    });
    after(async () => {
      await app.close();
      await backend.cleanup();
    });

    const report = async (service: string) => {
      const res = await app.inject({ url: `/v1/reports?fy=2025&quarter=2&service=${service}`, headers: admin });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().reports[0];
    };

    test('thumbs: responses, trust, drivers per branch, breakdowns and due date, as worked out by hand', async () => {
      const r = await report('t-thumbs');
      assert.equal(r.dueDate, '2025-04-30');
      assert.deepEqual(r.period, { firstDay: '2025-01-01', lastDay: '2025-03-31', timeZone: 'UTC' });
      assert.equal(r.responses, 7);
      assert.equal(r.q1Answered, 6);
      assert.deepEqual(r.trust, { answered: 6, up: 4, down: 2, percent: 66.7 });
      const pos = r.q2.positive;
      assert.equal(pos.responses, 4);
      assert.equal(pos.answeredQ2, 3);
      assert.deepEqual(pos.drivers.effectiveness, { count: 1, share: 33.3, offered: 4 });
      assert.deepEqual(pos.drivers.ease, { count: 2, share: 66.7, offered: 4 });
      assert.deepEqual(pos.drivers.humanity, { count: 1, share: 33.3, offered: 4 });
      assert.deepEqual(pos.drivers.employee, { count: 0, share: 0, offered: 3 });
      assert.deepEqual(pos.drivers.efficiency, { count: 0, share: 0, offered: 4 });
      const neg = r.q2.negative;
      assert.equal(neg.responses, 2);
      assert.equal(neg.answeredQ2, 2);
      assert.deepEqual(neg.drivers.efficiency, { count: 1, share: 50, offered: 2 });
      assert.deepEqual(neg.drivers.none, { count: 1, share: 50, offered: 2 });
      assert.deepEqual(neg.drivers.ease, { count: 0, share: 0, offered: 2 });
      assert.deepEqual(r.byChannel, {
        kiosk: { responses: 3, trust: { answered: 3, up: 1, down: 2, percent: 33.3 } },
        web: { responses: 4, trust: { answered: 3, up: 3, down: 0, percent: 100 } },
      });
      assert.deepEqual(r.bySurveyType, {
        'post-interaction': { responses: 6, trust: { answered: 5, up: 3, down: 2, percent: 60 } },
        'post-service-journey': { responses: 1, trust: { answered: 1, up: 1, down: 0, percent: 100 } },
      });
    });

    test('five-point: distribution and trust at the cuts 5, 4-5 and 3-5', async () => {
      const r = await report('t-five');
      assert.equal(r.responses, 9);
      assert.equal(r.q1Answered, 8);
      assert.deepEqual(r.trust, {
        answered: 8,
        distribution: { '1': 1, '2': 1, '3': 1, '4': 2, '5': 3 },
        percentAtCut: { '5': 37.5, '4-5': 62.5, '3-5': 75 },
      });
      assert.equal(r.q2.positive.responses, 3);
      assert.equal(r.q2.negative.responses, 5);
    });

    test('a quarter with no responses reports zeros and no percentages', async () => {
      const res = await app.inject({ url: '/v1/reports?fy=2023&quarter=1&service=t-thumbs', headers: admin });
      const r = res.json().reports[0];
      assert.equal(r.responses, 0);
      assert.equal(r.trust.percent, null);
      assert.equal(r.dueDate, '2023-01-31');
    });

    test('raw CSV: Touchpoints-style A-11 columns, 1 / 0 / blank per driver', async () => {
      const res = await app.inject({ url: '/v1/export.csv?service=t-thumbs&fy=2025&quarter=2', headers: admin });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^text\/csv/);
      assert.match(res.headers['content-disposition'] as string, /cx-t-thumbs-fy2025-q2\.csv/);
      const lines = res.body.trimEnd().split('\r\n');
      assert.equal(lines[0], CSV_COLUMNS.join(','));
      assert.ok(lines[0].includes('positive_effectiveness,positive_ease,positive_efficiency'));
      assert.equal(lines.length, 8);
      const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [CSV_COLUMNS[i], v])));
      const first = rows[0];
      assert.deepEqual([first.q1, first.trust, first.branch], ['1', '1', 'positive']);
      assert.deepEqual([first.positive_effectiveness, first.positive_ease, first.positive_efficiency, first.positive_none], ['1', '1', '0', '0']);
      assert.equal(first.negative_effectiveness, '');
      const kiosk = rows[3];
      assert.deepEqual([kiosk.channel, kiosk.location, kiosk.trust, kiosk.negative_efficiency, kiosk.negative_ease, kiosk.positive_efficiency], ['kiosk', 'office-12', '0', '1', '0', '']);
      const skipped = rows[5];
      assert.deepEqual([skipped.q1, skipped.trust, skipped.branch, skipped.positive_ease, skipped.negative_ease], ['', '', '', '', '']);
      assert.equal(rows[6].positive_employee, '', 'a driver not offered is blank');
      assert.equal(rows[6].positive_humanity, '1');
      // Q3 free text is not part of the raw Q1/Q2 export.
      assert.ok(!res.body.includes('timed out'));
    });

    test('JSON export returns the stored records', async () => {
      const res = await app.inject({ url: '/v1/export.json?service=t-five&fy=2025&quarter=2', headers: admin });
      const records = res.json();
      assert.equal(records.length, 9);
      assert.ok(records.every((r: { service: string }) => r.service === 't-five'));
    });
  });
}
