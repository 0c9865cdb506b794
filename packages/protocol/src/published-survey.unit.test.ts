import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DRIVER_KEYS,
  narrowToService,
  publishedSurvey,
  resolveConfig,
  surveyVersion,
  type DriverChoice,
  type PublicServiceConfig,
  type SurveyConfig,
} from './index.js';

// publishedSurvey is the first load's shortcut past the full check (#16): for every page it accepts it must
// give exactly what narrowToService + resolveConfig give, and it must accept the pages that only name the service.

/** A services-file entry, as varied as the collector accepts. */
const entry = fc.record(
  {
    agency: fc.constantFrom('Example Agency', 'Agence «A»'),
    subject: fc.constantFrom('interaction', 'service'),
    scale: fc.constantFrom('thumbs', 'five-point'),
    positiveCut: fc.integer({ min: 2, max: 5 }),
    q1Wording: fc.constantFrom('This visit increased my trust in {agency}.', 'I trust this office more now.'),
    drivers: fc.subarray(['transparency', 'humanity', 'employee', 'other', 'none'] as const).map((more) => [
      { key: 'effectiveness', statement: 2 },
      'ease',
      { key: 'efficiency', positive: 'Fast.', negative: 'Slow.' },
      ...more,
    ]),
    q3: fc.boolean(),
    q3MaxLength: fc.integer({ min: 1, max: 5000 }),
    questions: fc.constantFrom([], [{ id: 'visit', type: 'single', label: 'Why?', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] }]),
    pra: fc.constant({ controlNumber: '1505-0191', expiration: '2099-12-31' }),
    wording: fc.constant({ es: { q3: '¿Algo más?' } }),
  },
  { requiredKeys: ['agency'] },
);

/** What the collector publishes for an entry (collector/src/domain/services.ts, narrowed to what the element reads). */
/** A scale change a services file schedules for later (`scaleHistory` with an `until` still ahead). */
const LATER = Date.parse('2999-01-01T00:00:00Z');

function publish(id: string, item: Record<string, unknown>, scheduled = false): PublicServiceConfig {
  const r = resolveConfig({ service: id, ...item });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  const c = r.config;
  const allowsEveryDriver = item.drivers === undefined;
  const drivers = allowsEveryDriver ? DRIVER_KEYS.map((key): DriverChoice => ({ key })) : c.drivers;
  const survey: PublicServiceConfig = {
    service: id, name: id, agency: c.agency, subject: c.subject, scale: c.scale, positiveCut: c.positiveCut,
    scaleHistory: [{ from: null, until: null, scale: c.scale, positiveCut: c.scale === 'five-point' ? c.positiveCut : null }], drivers, allowsEveryDriver,
    q3: c.q3, q3MaxLength: c.q3MaxLength, questions: c.questions, requireToken: false, version: surveyVersion(c),
  };
  if (c.q1Wording !== undefined) survey.q1Wording = c.q1Wording;
  if (c.wording !== undefined) survey.wording = c.wording;
  if (c.pra !== undefined) survey.pra = c.pra;
  // Until LATER the service still asks on the other scale.
  if (scheduled)
    survey.scaleHistory = [
      c.scale === 'thumbs' ? { from: null, until: LATER, scale: 'five-point', positiveCut: 5 } : { from: null, until: LATER, scale: 'thumbs', positiveCut: null },
      { ...survey.scaleHistory[0], from: LATER },
    ];
  return survey;
}

/** The full path the element takes for a page with the service's published config. */
function fullCheck(page: Record<string, unknown>, published: PublicServiceConfig): SurveyConfig | undefined {
  const narrowed = narrowToService(page, published);
  if (narrowed.problems.length) return undefined;
  const r = resolveConfig(narrowed.input);
  return r.ok ? r.config : undefined;
}

/** Pages that set the plain settings, right or wrong, and sometimes one the shortcut leaves to the full check (undefined: not set). */
const page = fc.record({
  service: fc.constant('renewals'),
  agency: fc.constantFrom(undefined, 'Example Agency', 'Another Agency'),
  endpoint: fc.constantFrom(undefined, '/v1/responses', 'https://collector.example.gov/v1/responses', './v1/responses'),
  channel: fc.constantFrom(undefined, 'web', 'kiosk', 'mobile-app', 'Kiosk!'),
  location: fc.constantFrom(undefined, 'desk-3', 'front desk'),
  q3: fc.constantFrom(undefined, undefined, false),
  scale: fc.constantFrom(undefined, undefined, 'thumbs', 'five-point'),
  subject: fc.constantFrom(undefined, undefined, 'interaction', 'service'),
  positiveCut: fc.constantFrom(undefined, undefined, 4, 5),
  q1Wording: fc.constantFrom(undefined, undefined, 'I trust this office more now.'),
});

test('publishedSurvey gives what narrowToService + resolveConfig give, for every page it takes', () => {
  let taken = 0;
  fc.assert(
    fc.property(entry, page, fc.boolean(), (item, p, scheduled) => {
      const published = publish('renewals', item, scheduled);
      const fast = publishedSurvey(p, published);
      if (fast === undefined) return;
      taken++;
      assert.deepEqual(fast, fullCheck(p, published));
    }),
    { numRuns: 4000 },
  );
  // The property says nothing if the shortcut never answers.
  assert.ok(taken > 100, `publishedSurvey answered only ${taken} of 4000 pages`);
});

test('publishedSurvey takes every page that only names the service, repeats what it says, or sets endpoint, channel or location', () => {
  fc.assert(
    fc.property(entry, fc.constantFrom('web', 'kiosk'), fc.boolean(), (item, channel, withAgency) => {
      const published = publish('renewals', item);
      const repeated = withAgency ? { agency: published.agency, scale: published.scale, subject: published.subject, positiveCut: published.positiveCut } : {};
      const p = { service: 'renewals', endpoint: '/v1/responses', channel, location: 'desk-3', ...repeated };
      const fast = publishedSurvey(p, published);
      assert.ok(fast, JSON.stringify(p));
      assert.deepEqual(fast, fullCheck(p, published));
    }),
  );
});

test('publishedSurvey leaves to the full check a page that contradicts the service or sets more than it names', () => {
  const published = publish('renewals', { agency: 'Example Agency' });
  for (const p of [
    { service: 'renewals', agency: 'Another Agency' },
    { service: 'other' },
    { service: 'renewals', scale: 'five-point' },
    { service: 'renewals', positiveCut: 4 },
    { service: 'renewals', q3: false },
    { service: 'renewals', channel: 'Kiosk!' },
    { service: 'renewals', endpoint: 'native-bridge' },
    { service: 'renewals', wording: {} },
  ])
    assert.equal(publishedSurvey(p, published), undefined, JSON.stringify(p));
  // A service without a drivers list: the element's default drivers, as the full check gives them.
  assert.deepEqual(publishedSurvey({ service: 'renewals' }, published)?.drivers, fullCheck({ service: 'renewals' }, published)?.drivers);
});

test('a service whose own Q1 wording names no agency is shown, by the shortcut and by the full check alike', () => {
  // The collector publishes agency "" for it; the full check once took that "" for a setting and refused it.
  const published = publish('renewals', { q1Wording: 'I trust this office more now.' });
  assert.equal(published.agency, '');
  const full = fullCheck({ service: 'renewals' }, published);
  assert.ok(full, 'the full check refuses the service');
  assert.deepEqual(publishedSurvey({ service: 'renewals' }, published), full);
});

test('a scale change scheduled for later: the survey asks on the scale in force now, and on the new one from its date', () => {
  const published = publish('renewals', { agency: 'Example Agency', scale: 'five-point', positiveCut: 4 }, true);
  assert.equal(published.scale, 'five-point');
  const now = publishedSurvey({ service: 'renewals' }, published);
  assert.equal(now?.scale, 'thumbs');
  assert.deepEqual(now, fullCheck({ service: 'renewals' }, published));
  const after = publishedSurvey({ service: 'renewals' }, published, LATER);
  assert.deepEqual([after?.scale, after?.positiveCut], ['five-point', 4]);
  // A page repeating the final scale before its date contradicts the service as it stands.
  assert.equal(publishedSurvey({ service: 'renewals', scale: 'five-point' }, published), undefined);
  assert.deepEqual(narrowToService({ scale: 'five-point' }, published).problems.map((p) => p.path), ['scale']);
});
