import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildRecord,
  checkOfferCount,
  checkRecord,
  EMPTY_ANSWERS,
  narrowToService,
  resolveConfig,
  serviceRecordProblem,
  unconfirmedPageSettings,
  surveyVersion,
  type PublicServiceConfig,
  type SurveyConfig,
} from './index.js';

const config = (input: object): SurveyConfig => {
  const r = resolveConfig({ service: 'svc', agency: 'Agency', ...input });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.config;
};

test('a record carries its instrument: Q1 variant, each driver statement or pair, the wording source, the version', () => {
  const c = config({
    q1Wording: 'This visit increased my trust in {agency}.',
    drivers: [{ key: 'effectiveness', statement: 2 }, 'ease', 'efficiency', { key: 'humanity', positive: 'Respectful.', negative: 'Not respectful.' }],
    wording: { es: { q3: '¿Algo más?' } },
  });
  const r = buildRecord(c, { ...EMPTY_ANSWERS, q1: 1 }, { locale: 'es', pagePath: '/' })!;
  assert.deepEqual(r.instrument, {
    q1: 'This visit increased my trust in {agency}.',
    subject: 'interaction',
    drivers: [
      { key: 'effectiveness', statement: 2 },
      { key: 'ease', statement: 0 },
      { key: 'efficiency', statement: 0 },
      { key: 'humanity', positive: 'Respectful.', negative: 'Not respectful.' },
    ],
    wording: 'agency',
    version: surveyVersion(c),
  });
  assert.equal(buildRecord(c, { ...EMPTY_ANSWERS, q1: 1 }, { locale: 'en-US', pagePath: '/' })!.instrument!.wording, 'seed');
  assert.deepEqual(checkRecord(r), []);
});

test('the version changes with what is asked, not with where or how it is shown', () => {
  const base = surveyVersion(config({}));
  assert.match(base, /^[0-9a-f]{16}$/);
  assert.equal(surveyVersion(config({ channel: 'kiosk', labels: 'short', location: 'office-1' })), base);
  assert.notEqual(surveyVersion(config({ drivers: ['effectiveness', { key: 'ease', statement: 1 }, 'efficiency'] })), base);
  assert.notEqual(surveyVersion(config({ subject: 'service' })), base);
  assert.notEqual(surveyVersion(config({ wording: { es: { q1: 'Otra' } } })), base);
});

test('an instrument that describes other drivers than were offered is refused', () => {
  const r = buildRecord(config({}), { ...EMPTY_ANSWERS, q1: 1 }, { locale: 'en', pagePath: '/' })!;
  r.instrument!.drivers.pop();
  assert.equal(checkRecord(r)[0].path, 'instrument.drivers');
});

const published: PublicServiceConfig = {
  service: 'svc',
  name: 'Service',
  agency: 'Agency',
  subject: 'interaction',
  scale: 'thumbs',
  positiveCut: 5,
  scaleHistory: [{ scale: 'thumbs', positiveCut: null, from: null, until: null }],
  drivers: [{ key: 'effectiveness' }, { key: 'ease', statement: 1 }, { key: 'efficiency' }, { key: 'transparency' }],
  allowsEveryDriver: false,
  q3: true,
  q3MaxLength: 1000,
  questions: [],
  requireToken: false,
  version: '0000000000000000',
};

test('a page may narrow the service config: fewer drivers, no Q3, its own channel and labels', () => {
  const { input, problems } = narrowToService({ drivers: ['effectiveness', 'ease', 'efficiency'], q3: false, channel: 'kiosk', labels: 'short' }, published);
  assert.deepEqual(problems, []);
  const c = resolveConfig(input);
  assert.ok(c.ok);
  assert.deepEqual(c.config.drivers, [{ key: 'effectiveness' }, { key: 'ease', statement: 1 }, { key: 'efficiency' }]);
  assert.equal(c.config.q3, false);
  assert.equal(c.config.channel, 'kiosk');
});

test('a page that contradicts the service config gets one problem per attribute', () => {
  const { problems } = narrowToService(
    { agency: 'Other Agency', scale: 'five-point', drivers: ['effectiveness', { key: 'ease', statement: 0 }, 'efficiency', 'humanity'], q3MaxLength: 5000 },
    published,
  );
  const text = problems.map((p) => `${p.path}: ${p.message}`).join('\n');
  assert.match(text, /^agency: .*Other Agency.*"Agency"/m);
  assert.match(text, /^scale: /m);
  assert.match(text, /driver "humanity" is not offered by service "svc"/);
  assert.match(text, /driver "ease": the page asks for statement 0, service "svc" uses statement 1/);
  assert.match(text, /^q3MaxLength: /m);
});

test('the service rules refuse another scale, a driver not offered and another statement, and accept the service own record', () => {
  const c = resolveConfig(narrowToService({}, published).input);
  assert.ok(c.ok);
  const r = buildRecord(c.config, { ...EMPTY_ANSWERS, q1: 1 }, { locale: 'en', pagePath: '/' })!;
  const rules = { id: 'svc', scale: 'thumbs' as const, drivers: published.drivers, allowsEveryDriver: false };
  assert.equal(serviceRecordProblem(r, rules), null);
  assert.equal(serviceRecordProblem({ ...r, scale: 'five-point' }, rules)?.code, 'scale_mismatch');
  assert.equal(serviceRecordProblem({ ...r, offered: [...r.offered, 'humanity'] }, rules)?.code, 'driver_not_offered');
  const other = structuredClone(r);
  other.instrument!.drivers[1] = { key: 'ease', statement: 0 };
  assert.equal(serviceRecordProblem(other, rules)?.code, 'instrument_mismatch');
  assert.equal(serviceRecordProblem(other, { ...rules, allowsEveryDriver: true }), null);
});

test('a record is judged by the scale and cut in force when it was answered (scaleHistory), on the device as on the collector', () => {
  // Thumbs until February 15, 2025 (00:00 UTC), then five-point with 4-5 positive.
  const move = Date.UTC(2025, 1, 15);
  const rules = {
    id: 'svc',
    scale: 'five-point' as const,
    positiveCut: 4,
    scaleHistory: [
      { scale: 'thumbs' as const, positiveCut: null, from: null, until: move },
      { scale: 'five-point' as const, positiveCut: 4, from: move, until: null },
    ],
    drivers: published.drivers,
    allowsEveryDriver: false,
  };
  const thumbs = buildRecord(config({ drivers: published.drivers }), { ...EMPTY_ANSWERS, q1: 1 }, { locale: 'en', pagePath: '/' })!;
  const five = buildRecord(config({ drivers: published.drivers, scale: 'five-point', positiveCut: 4 }), { ...EMPTY_ANSWERS, q1: 4 }, { locale: 'en', pagePath: '/' })!;
  const at = (r: typeof thumbs, iso: string) => ({ ...r, answeredAt: iso });
  assert.equal(serviceRecordProblem(at(thumbs, '2025-02-14T23:59:59.999Z'), rules), null);
  assert.equal(serviceRecordProblem(at(five, '2025-02-15T00:00:00.000Z'), rules), null);
  const late = serviceRecordProblem(at(thumbs, '2025-02-15T00:00:00.000Z'), rules)!;
  assert.deepEqual([late.code, late.field], ['scale_mismatch', 'scale']);
  assert.match(late.message, /used the five-point with 4-5 positive scale on 2025-02-15T00:00:00.000Z, not thumbs/);
  assert.equal(serviceRecordProblem(at(five, '2025-02-14T10:00:00.000Z'), rules)?.code, 'scale_mismatch');
  const cut = serviceRecordProblem({ ...at(five, '2025-03-01T00:00:00.000Z'), positiveCut: 5 }, rules)!;
  assert.equal(cut.code, 'cut_mismatch');
  assert.match(cut.message, /so positiveCut is 4, not 5/);
  // A clock that cannot be believed: judged by the scale when the record was received.
  const suspect = serviceRecordProblem(at(thumbs, '1970-01-01T00:00:00.000Z'), rules, { clockSuspectAt: Date.UTC(2025, 2, 1) })!;
  assert.match(suspect.message, /scale now, not thumbs/);
  // A copy published before there was a history: its one scale and cut.
  const { scaleHistory: _h, ...old } = rules;
  assert.equal(serviceRecordProblem(at(five, '2025-01-01T00:00:00.000Z'), old), null);
  assert.equal(serviceRecordProblem(at(thumbs, '2025-01-01T00:00:00.000Z'), old)?.code, 'scale_mismatch');
});

test('offline first visit: the page may rely only on the built-in defaults; each setting only the collector can confirm is a problem', () => {
  assert.deepEqual(unconfirmedPageSettings({ service: 'svc', agency: 'A', channel: 'kiosk', labels: 'short', q3: false, location: 'office-1' }, 'offline'), []);
  const problems = unconfirmedPageSettings({ service: 'svc', agency: 'A', scale: 'five-point', drivers: ['effectiveness'], questions: [] }, 'Failed to fetch');
  assert.deepEqual(problems.map((p) => p.path), ['scale', 'drivers', 'questions']);
  assert.match(problems[0].message, /cannot be fetched from the collector \(Failed to fetch\) and no copy is kept on this device; the page sets scale/);
});

test('an offer count carries service, channel, day and a count, nothing else', () => {
  const ok = { id: '6f1c1b2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f', service: 'svc', channel: 'web', day: '2025-02-28', count: 3 };
  assert.deepEqual(checkOfferCount(ok), []);
  assert.deepEqual(checkOfferCount({ ...ok, day: '2025-02-30', count: 0, pagePath: '/x' }).map((p) => p.field).sort(), ['count', 'day', 'pagePath']);
});

test("the page's PRA burden statement and link show with the service's clearance, which the page cannot change", () => {
  const cleared = { ...published, pra: { controlNumber: '1234-5678', expiration: '2099-12-31' } };
  const { input, problems } = narrowToService({ pra: { controlNumber: '9999-9999', expiration: '2000-01-01', burden: 'About 1 minute.', burdenUrl: '/pra' } }, cleared);
  assert.deepEqual(problems, []);
  assert.deepEqual(input.pra, { controlNumber: '1234-5678', expiration: '2099-12-31', burden: 'About 1 minute.', burdenUrl: '/pra' });
});
