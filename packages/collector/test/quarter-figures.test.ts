/**
 * Issue #14 part A, as an agency analyst checks it: a scale change mid-quarter, closing a quarter
 * and late arrivals, device clocks, and the seed's PRA and "Required if applicable" rules. Figures
 * are worked out by hand from the records listed here; both stores must agree.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { fiscalQuarterOf, type ResponseRecord } from '@cx-survey/protocol';
import { parseServices, ServicesError } from '../src/domain/services.js';
import type { Store } from '../src/store/index.js';
import { thumbsFixture } from './fixtures.js';
import { admin, backends, collector, HISTORY_GRACE_SECONDS, PRA, record, services as testServices } from './helpers.js';

const ALL = ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other', 'none'] as const;
const DAY = 86_400_000;

/** t-moves: thumbs until February 15, 2025 (00:00 UTC), then five-point with 4-5 positive. t-stays never moves. */
const MOVING = {
  services: [
    { id: 't-moves', name: 'Moves', agency: 'Test Agency', drivers: [...ALL], pra: PRA, scale: 'five-point', positiveCut: 4, scaleHistory: [{ until: '2025-02-15', scale: 'thumbs' }] },
    { id: 't-stays', name: 'Stays', agency: 'Test Agency', drivers: [...ALL], pra: PRA, scale: 'thumbs' },
  ],
};

const thumb = (service: string, answeredAt: string, q1: number | null, q2: ResponseRecord['q2'] = [], extra: Partial<ResponseRecord> = {}) =>
  record({ service, answeredAt, q1, branch: q1 === null ? null : q1 === 1 ? 'positive' : 'negative', q2, ...extra });
const five = (answeredAt: string, q1: number, q2: ResponseRecord['q2'] = []) =>
  record({ service: 't-moves', scale: 'five-point', positiveCut: 4, answeredAt, q1, branch: q1 >= 4 ? 'positive' : 'negative', q2 });

/** The thumbs answers before the move: up, up, down, down, skipped. */
const thumbsBefore = (service: string) => [
  thumb(service, '2025-01-05T10:00:00Z', 1, ['effectiveness', 'ease']),
  thumb(service, '2025-01-20T10:00:00Z', 1, ['ease']),
  thumb(service, '2025-02-01T10:00:00Z', 0, ['efficiency']),
  thumb(service, '2025-02-10T10:00:00Z', null, [], { q3: 'no rating' }),
  thumb(service, '2025-02-14T23:59:59Z', 0, ['none']),
];
/** Five-point answers from the move on: 5, 4, 3, 1 (cut 4: two positive, two negative). */
const fiveAfter = () => [
  five('2025-02-15T00:00:00Z', 5, ['humanity']),
  five('2025-03-01T10:00:00Z', 4),
  five('2025-03-02T10:00:00Z', 3, ['ease']),
  five('2025-03-03T10:00:00Z', 1, ['ease', 'efficiency']),
];

async function post(app: FastifyInstance, records: ResponseRecord[]) {
  const res = await app.inject({ method: 'POST', url: '/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(records) });
  return res.json() as { stored: number; rejected: number; results: Array<{ status: number; error?: { code: string; message: string } }> };
}

async function report(app: FastifyInstance, query: string) {
  const res = await app.inject({ url: `/v1/reports?${query}`, headers: admin });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().reports[0];
}

for (const backend of backends()) {
  describe(`quarter figures: ${backend.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    before(async () => {
      store = await backend.open();
      app = await collector(store, { services: new Map([...testServices(), ...parseServices(JSON.stringify(MOVING))]), graceSeconds: HISTORY_GRACE_SECONDS });
    });
    after(async () => {
      await app.close();
      await backend.cleanup();
    });

    test('a move from thumbs to five-point mid-quarter: the same thumbs figures as before, correct five-point ones, side by side', async () => {
      const body = await post(app, [...thumbsBefore('t-moves'), ...fiveAfter(), ...thumbsBefore('t-stays')]);
      assert.equal(body.stored, 14, JSON.stringify(body));
      const moved = await report(app, 'fy=2025&quarter=2&service=t-moves');
      const stayed = await report(app, 'fy=2025&quarter=2&service=t-stays');
      assert.equal(moved.responses, 9);
      assert.deepEqual(moved.trustByScale.map((s: { scale: string; positiveCut: number | null }) => [s.scale, s.positiveCut]), [['thumbs', null], ['five-point', 4]]);
      const [thumbs, fivePoint] = moved.trustByScale;
      // By hand: 4 answered, 2 up, 2 down; 5 responses with the skipped one.
      assert.deepEqual(thumbs.trust, { answered: 4, up: 2, down: 2, percent: 50 });
      assert.equal(thumbs.responses, 5);
      assert.deepEqual(thumbs.q2.positive.drivers.ease, { count: 2, share: 100, offered: 2 });
      assert.deepEqual(thumbs.q2.positive.drivers.effectiveness, { count: 1, share: 50, offered: 2 });
      assert.deepEqual(thumbs.q2.negative.drivers.efficiency, { count: 1, share: 50, offered: 2 });
      assert.deepEqual(thumbs.q2.negative.drivers.none, { count: 1, share: 50, offered: 2 });
      // The thumbs figures are exactly those of a service that never moved.
      assert.deepEqual(stayed.trustByScale, [thumbs]);
      assert.deepEqual(stayed.trust, thumbs.trust);
      // Five-point by hand: ratings 5, 4, 3, 1.
      assert.deepEqual(fivePoint.trust, { answered: 4, distribution: { '1': 1, '2': 0, '3': 1, '4': 1, '5': 1 }, percentAtCut: { '5': 25, '4-5': 50, '3-5': 75 } });
      assert.equal(fivePoint.q2.positive.responses, 2);
      assert.equal(fivePoint.q2.positive.answeredQ2, 1);
      assert.deepEqual(fivePoint.q2.positive.drivers.humanity, { count: 1, share: 100, offered: 2 });
      assert.deepEqual(fivePoint.q2.negative.drivers.ease, { count: 2, share: 100, offered: 2 });
      assert.deepEqual(fivePoint.q2.negative.drivers.efficiency, { count: 1, share: 50, offered: 2 });
      // The headline is the scale in force at the quarter's end, never a mix; a warning says so.
      assert.deepEqual([moved.service.scale, moved.service.positiveCut], ['five-point', 4]);
      assert.deepEqual(moved.trust, fivePoint.trust);
      assert.deepEqual(moved.q2, fivePoint.q2);
      assert.equal(moved.q1Answered, 4);
      assert.match(moved.warnings.join(' '), /more than one scale.*never add them up/);
      assert.deepEqual(stayed.warnings, []);
    });

    test('refuses a record whose scale or cut is not the one in force when it was answered', async () => {
      const body = await post(app, [
        thumb('t-moves', '2025-03-05T10:00:00Z', 1, ['ease']),
        record({ service: 't-moves', scale: 'five-point', positiveCut: 5, answeredAt: '2025-03-05T10:00:00Z', q1: 4, branch: 'negative', q2: [] }),
        five('2025-02-14T10:00:00Z', 5),
      ]);
      assert.deepEqual(
        body.results.map((r) => [r.status, r.error?.code]),
        [
          [422, 'scale_mismatch'],
          [422, 'cut_mismatch'],
          [422, 'scale_mismatch'],
        ],
      );
      assert.match(body.results[0].error!.message, /five-point with 4-5 positive scale on 2025-03-05/);
      assert.match(body.results[2].error!.message, /used the thumbs scale on 2025-02-14/);
    });

    test('a closed quarter keeps its figures when late records arrive; lateArrivals counts them', async () => {
      const fixture = thumbsFixture();
      assert.equal((await post(app, fixture)).stored, fixture.length);
      const q = 'fy=2025&quarter=2&service=t-thumbs';
      const before = await report(app, q);
      assert.equal(before.responses, 7);
      const closing = await app.inject({ method: 'POST', url: `/v1/quarters/close?${q}`, headers: admin });
      assert.equal(closing.statusCode, 201, closing.body);
      const close = closing.json().closes[0];
      assert.deepEqual([close.closedNow, close.closed.records, close.closed.checksum], [true, 7, before.checksum]);

      // Two late kiosk uploads answered in the quarter, both thumbs down.
      const late = [thumb('t-thumbs', '2025-03-30T10:00:00Z', 0, ['ease']), thumb('t-thumbs', '2025-03-31T10:00:00Z', 0, [])];
      assert.equal((await post(app, late)).stored, 2);
      const after = await report(app, q);
      for (const k of ['responses', 'q1Answered', 'trust', 'q2', 'trustByScale', 'byChannel', 'bySurveyType', 'checksum'] as const) assert.deepEqual(after[k], before[k], k);
      assert.deepEqual(after.closed, { closedAt: close.closed.closedAt, records: 7, checksum: before.checksum, timeZone: 'UTC' });
      assert.equal(after.lateArrivals.responses, 2);
      assert.deepEqual(after.lateArrivals.trust, { answered: 2, up: 0, down: 2, percent: 0 });
      assert.deepEqual(after.lateArrivals.q2.negative.drivers.ease, { count: 1, share: 100, offered: 2 });
      assert.match(after.warnings.join(' '), /2 response\(s\) of this quarter arrived after it was closed/);

      // Closing again changes nothing; the first close stands.
      const again = await app.inject({ method: 'POST', url: `/v1/quarters/close?${q}`, headers: admin });
      assert.equal(again.statusCode, 200);
      assert.deepEqual(again.json().closes[0].closed, close.closed);

      // Any past run is reproduced: before the close, the frozen figures; now, all nine.
      const past = await report(app, `${q}&receivedBefore=${close.closed.closedAt}`);
      assert.deepEqual([past.responses, past.checksum, past.receivedBefore], [7, before.checksum, close.closed.closedAt]);
      assert.equal((await report(app, `${q}&receivedBefore=${new Date(Date.now() + 1000).toISOString()}`)).responses, 9);
      const bad = await app.inject({ url: `/v1/reports?${q}&receivedBefore=yesterday`, headers: admin });
      assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'receivedBefore']);

      const list = await app.inject({ url: '/v1/quarters?fy=2025&quarter=2', headers: admin });
      const byService = Object.fromEntries(list.json().quarters.map((x: { service: string; closed: boolean }) => [x.service, x]));
      assert.deepEqual([byService['t-thumbs'].closed, byService['t-thumbs'].records, byService['t-five'].closed], [true, 7, false]);
    });

    test('receivedBefore reproduces a past run\'s volumes too: offers received and the volume set before then', async () => {
      // FY 2025 Q3 (April to June 2025): a first run on July 5, a second after more offers and a new volume.
      const [first, second] = [Date.UTC(2025, 6, 1), Date.UTC(2025, 6, 10)];
      const offer = (count: number, n: number) => ({ id: `6f1c1b2e-3a4b-4c5d-8e9f-0000000003${n}0`, service: 't-thumbs', channel: 'web', day: '2025-04-10', count });
      await store.addOffers([offer(5, 1)], first);
      await store.setVolume({ service: 't-thumbs', fiscalYear: 2025, quarter: 3, volume: 100, updatedAt: first });
      await store.addOffers([offer(7, 2)], second);
      await store.setVolume({ service: 't-thumbs', fiscalYear: 2025, quarter: 3, volume: 150, updatedAt: second });
      const q = 'fy=2025&quarter=3&service=t-thumbs';
      const then = await report(app, `${q}&receivedBefore=2025-07-05T00:00:00Z`);
      assert.deepEqual([then.volumes.offered, then.volumes.byChannel.web.offered, then.volumes.volumeOfCustomers, then.volumes.offeredShare], [5, 5, 100, 5]);
      const now = await report(app, q);
      assert.deepEqual([now.volumes.offered, now.volumes.volumeOfCustomers, now.volumes.offeredShare], [12, 150, 8]);
    });

    test('a quarter still running cannot be closed; closing needs the admin token', async () => {
      const now = fiscalQuarterOf(Date.now());
      const res = await app.inject({ method: 'POST', url: `/v1/quarters/close?fy=${now.fiscalYear}&quarter=${now.quarter}&service=t-five`, headers: admin });
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().error.code, 'quarter_not_over');
      const anon = await app.inject({ method: 'POST', url: '/v1/quarters/close?fy=2025&quarter=1' });
      assert.equal(anon.statusCode, 401);
      const unknown = await app.inject({ method: 'POST', url: '/v1/quarters/close?fy=2025&quarter=1&service=nope', headers: admin });
      assert.equal(unknown.statusCode, 404);
    });
  });

  describe(`device clocks: ${backend.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    const now = Date.now();
    const yesterday = new Date(now - DAY).toISOString().slice(0, 10);
    const clocks = {
      services: [
        { id: 'c-old', name: 'Old', agency: 'Test Agency', drivers: [...ALL], pra: PRA, collectingSince: '2020-01-01' },
        { id: 'c-new', name: 'New', agency: 'Test Agency', drivers: [...ALL], praExempt: 'internal pilot with staff only', collectingSince: yesterday },
      ],
    };
    before(async () => {
      store = await backend.open();
      // The default grace: 30 days.
      app = await collector(store, { services: parseServices(JSON.stringify(clocks)) });
    });
    after(async () => {
      await app.close();
      await backend.cleanup();
    });

    test('a 1970-dated record appears, flagged, in the report of the quarter it was received', async () => {
      const reset = thumb('c-old', '1970-01-01T00:00:00Z', 1, ['ease']);
      const stale = thumb('c-old', new Date(now - 60 * DAY).toISOString(), 0, []);
      const recent = thumb('c-old', new Date(now - 10 * DAY).toISOString(), 1, []);
      const early = thumb('c-new', new Date(now - 3 * DAY).toISOString(), 1, []);
      const body = await post(app, [stale, recent, early]);
      assert.equal(body.stored, 3, JSON.stringify(body));
      // A body of one record takes the other path (on SQLite, validated in the writer thread).
      const single = await app.inject({ method: 'POST', url: '/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(reset) });
      assert.equal(single.statusCode, 201, single.body);
      const received = fiscalQuarterOf(now);
      const r = await report(app, `fy=${received.fiscalYear}&quarter=${received.quarter}&service=c-old`);
      // The recent one counts where it was answered, which may be the quarter before on the 1st-10th of a quarter.
      const recentHere = JSON.stringify(fiscalQuarterOf(now - 10 * DAY)) === JSON.stringify(received);
      assert.equal(r.responses, 2 + (recentHere ? 1 : 0));
      assert.equal(r.clockSuspect.count, 2);
      assert.deepEqual(
        r.clockSuspect.records.map((x: { id: string; answeredAt: string }) => [x.id, x.answeredAt]).sort(),
        [
          [reset.id, reset.answeredAt],
          [stale.id, stale.answeredAt],
        ].sort(),
      );
      assert.match(r.warnings.join(' '), /2 response\(s\) had an implausible answer time/);
      // Before the service began collecting: suspect too, even inside the grace period.
      const n = await report(app, `fy=${received.fiscalYear}&quarter=${received.quarter}&service=c-new`);
      assert.deepEqual([n.responses, n.clockSuspect.count, n.clockSuspect.records[0].id], [1, 1, early.id]);
      const one = await app.inject({ url: `/v1/responses/${reset.id}`, headers: admin });
      assert.equal(one.headers['cx-clock-suspect'], 'true');
      const plain = await app.inject({ url: `/v1/responses/${recent.id}`, headers: admin });
      assert.equal(plain.headers['cx-clock-suspect'], undefined);
      // Nothing accepted is outside every report: all four are counted somewhere.
      const count = await app.inject({ url: '/v1/count', headers: admin });
      assert.equal(count.json().count, 4);
    });
  });
}

describe('services file: seed rules are configuration errors', () => {
  const base = { id: 's', agency: 'A', drivers: [...ALL], pra: PRA };
  const parse = (over: Record<string, unknown>, drop: string[] = []) => {
    const item: Record<string, unknown> = { ...base, ...over };
    for (const k of drop) delete item[k];
    return parseServices(JSON.stringify({ services: [item] })).get('s')!;
  };
  const refuses = (over: Record<string, unknown>, message: RegExp, drop: string[] = []) =>
    assert.throws(() => parse(over, drop), (e: Error) => e instanceof ServicesError && message.test(e.message));

  test('a PRA control number with its expiry, or praExempt with a reason', () => {
    assert.deepEqual(parse({}).pra, PRA);
    assert.equal(parse({ praExempt: 'collected from federal employees only' }, ['pra']).praExempt, 'collected from federal employees only');
    refuses({}, /pra is required/, ['pra']);
    refuses({ praExempt: 'x' }, /either pra .* or praExempt/);
    refuses({ praExempt: ' ' }, /praExempt must say why/, ['pra']);
    refuses({ pra: { controlNumber: '1505-0191' } }, /pra\.expiration/);
    refuses({ pra: { controlNumber: '15050191', expiration: '2030-01-01' } }, /pra\.controlNumber/);
  });

  test('rows 4-6 are offered unless marked not applicable with a reason; row 7 is optional', () => {
    const core = ['effectiveness', 'ease', 'efficiency'];
    refuses({ drivers: core }, /driver "transparency" is "Required if applicable"/);
    const reasons = { transparency: 'no decision is made', humanity: 'automated lookup', employee: 'no staff contact' };
    assert.deepEqual(parse({ drivers: core, notApplicable: reasons }).notApplicable, reasons);
    // Row 7 (other, none) may be left out without a word.
    assert.deepEqual([...parse({ drivers: [...core, 'transparency', 'humanity', 'employee'] }).driverKeys].length, 6);
    refuses({ drivers: core, notApplicable: { ...reasons, humanity: '' } }, /notApplicable\.humanity: say why/);
    refuses({ drivers: core, notApplicable: { ...reasons, ease: 'x' } }, /notApplicable\.ease: only the "Required if applicable"/);
    refuses({ notApplicable: { employee: 'x' } }, /offered and also marked not applicable/);
  });

  test('every PRA and rows 4-6 problem of a file is reported at once, with the other problems', () => {
    const problems = (item: Record<string, unknown>) => {
      try {
        parseServices(JSON.stringify({ services: [{ id: 's', agency: 'A', ...item }] }));
      } catch (e) {
        assert.ok(e instanceof ServicesError);
        return e.problems;
      }
      assert.fail('the file was accepted');
    };
    const found = problems({ drivers: ['effectiveness', 'ease', 'efficiency'], pra: { controlNumber: '15050191' }, notApplicable: { ease: 'x', humanity: '' }, colour: 'blue' });
    for (const expected of [
      /unknown setting "colour"/,
      /pra\.controlNumber/,
      /pra\.expiration/,
      /notApplicable\.ease: only the "Required if applicable"/,
      /notApplicable\.humanity: say why/,
      /driver "transparency" is "Required if applicable"/,
      /driver "employee" is "Required if applicable"/,
    ])
      assert.ok(found.some((p) => expected.test(p)), `${expected} in ${JSON.stringify(found, null, 1)}`);
    const both = problems({ drivers: [...ALL], pra: PRA, praExempt: ' ' });
    assert.equal(both.length, 2, JSON.stringify(both));
    assert.match(both[0], /either pra .* or praExempt/);
    assert.match(both[1], /praExempt must say why/);
  });

  test('scale history: dated, ascending, each entry a real change', () => {
    const s = parse({ scale: 'five-point', positiveCut: 4, scaleHistory: [{ until: '2025-02-15', scale: 'thumbs' }] });
    assert.deepEqual(s.scaleHistory, [
      { scale: 'thumbs', positiveCut: null, from: null, until: Date.UTC(2025, 1, 15) },
      { scale: 'five-point', positiveCut: 4, from: Date.UTC(2025, 1, 15), until: null },
    ]);
    refuses({ scaleHistory: [{ until: '2025-02-30', scale: 'five-point' }] }, /until must be a date/);
    refuses({ scaleHistory: [{ until: '2025-02-15', scale: 'thumbs' }] }, /same scale and cut/);
    refuses({ scale: 'five-point', scaleHistory: [{ until: '2025-03-01', scale: 'thumbs' }, { until: '2025-02-01', scale: 'five-point', positiveCut: 3 }] }, /oldest first/);
    refuses({ positiveCut: 4 }, /positiveCut belongs to the five-point scale only/);
    refuses({ collectingSince: 'last year' }, /collectingSince must be/);
  });
});
