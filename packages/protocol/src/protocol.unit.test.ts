import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applicabilityProblems,
  DRIVERS,
  REQUIRED_IF_APPLICABLE_DRIVERS,
  EMPTY_ANSWERS,
  answerExtra,
  answerQ1,
  answerQ3,
  branchFor,
  buildRecord,
  checkRecord,
  KNOWN_CHANNELS,
  newRecordId,
  praExpired,
  resolveConfig,
  surveyVersion,
  toggleDriver,
  type SurveyConfig,
} from './index.js';

const valid = (input: object): SurveyConfig => {
  const r = resolveConfig(input);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.config;
};
const problems = (input: unknown) => {
  const r = resolveConfig(input);
  assert.ok(!r.ok, 'expected the configuration to be refused');
  return r.problems;
};

test('defaults follow the seed: thumbs, cut 5, post-interaction, web, every driver in order, Q3 on', () => {
  const c = valid({ service: 'svc', agency: 'Agency' });
  assert.equal(c.scale, 'thumbs');
  assert.equal(c.positiveCut, 5);
  assert.equal(c.surveyType, 'post-interaction');
  assert.equal(c.channel, 'web');
  assert.equal(c.subject, 'interaction');
  assert.deepEqual(c.drivers.map((d) => d.key), DRIVERS.map((d) => d.key).filter((k) => k !== 'none'));
  assert.equal(c.q3, true);
  assert.equal(c.q3MaxLength, 1000);
});

test("the seed's Status column: rows 1-3 required, 4-6 required if applicable, 7 if applicable", () => {
  assert.deepEqual(
    DRIVERS.map((d) => [d.row, d.status]),
    [[1, 'Required'], [2, 'Required'], [3, 'Required'], [4, 'Required if applicable'], [5, 'Required if applicable'], [6, 'Required if applicable'], [7, 'If applicable'], [7, 'If applicable']],
  );
  assert.deepEqual(REQUIRED_IF_APPLICABLE_DRIVERS, ['transparency', 'humanity', 'employee']);
  const core = ['effectiveness', 'ease', 'efficiency'] as const;
  assert.deepEqual(applicabilityProblems([...core, 'transparency', 'humanity', 'employee'], undefined), []);
  assert.deepEqual(
    applicabilityProblems([...core, 'transparency'], { humanity: 'automated lookup' }).map((p) => [p.path, p.message]),
    [['drivers', 'driver "employee" is "Required if applicable" in A-11 Section 280.14: offer it, or mark it in notApplicable with the reason it does not apply']],
  );
  assert.deepEqual(applicabilityProblems([...core, 'transparency', 'humanity', 'employee'], { other: 'x' })[0].path, 'notApplicable.other');
  assert.deepEqual(applicabilityProblems([...core, 'transparency', 'humanity', 'employee'], []).map((p) => p.path), ['notApplicable']);
});

test('drivers are put in the seed order whatever order the host gives', () => {
  const c = valid({ service: 's', agency: 'A', drivers: ['efficiency', 'none', 'ease', 'effectiveness'] });
  assert.deepEqual(c.drivers.map((d) => d.key), ['effectiveness', 'ease', 'efficiency', 'none']);
});

test('each required driver left out is named', () => {
  for (const missing of ['effectiveness', 'ease', 'efficiency']) {
    const p = problems({ service: 's', agency: 'A', drivers: ['effectiveness', 'ease', 'efficiency'].filter((k) => k !== missing) });
    assert.ok(p.some((x) => x.path === 'drivers' && x.message.includes(`"${missing}" is required`)), JSON.stringify(p));
  }
});

test('every problem is reported at once, each with its path', () => {
  const p = problems({ scale: 'stars', positiveCut: 9, channel: 'Web Site', drivers: ['ease', 'ease', 'bogus'], q3: 'yes', pra: { controlNumber: '12-34' }, extra: 1 });
  const paths = p.map((x) => x.path).sort();
  for (const path of ['service', 'agency', 'scale', 'positiveCut', 'channel', 'drivers[1]', 'drivers[2]', 'q3', 'pra.controlNumber', 'pra.expiration', 'extra']) {
    assert.ok(paths.includes(path), `${path} missing from ${paths}`);
  }
});

test('agency wording needs no agency when nothing shown names one', () => {
  valid({ service: 's', q1Wording: 'I trust this office more after today.' });
  assert.match(problems({ service: 's', q1Wording: 'I trust this office.', drivers: ['effectiveness', 'ease', 'efficiency', { key: 'transparency', statement: 1 }] })[0].message, /"transparency" statement names it/);
  assert.match(problems({ service: 's', q1Wording: 'I trust this office.', wording: { es: { q3: '¿Algo más para {agency}?' } } })[0].message, /the wording names it/);
  assert.equal(problems({ service: 's', q1Wording: 'I trust {agency}.' })[0].path, 'agency');
});

test('custom statements come as matched pairs, and not together with a seed statement', () => {
  valid({ service: 's', agency: 'A', drivers: ['effectiveness', 'efficiency', { key: 'ease', positive: 'Simple', negative: 'Hard' }] });
  assert.match(problems({ service: 's', agency: 'A', drivers: ['effectiveness', 'efficiency', { key: 'ease', negative: 'Hard' }] })[0].message, /matched pair/);
  assert.match(problems({ service: 's', agency: 'A', drivers: ['effectiveness', 'efficiency', { key: 'ease', statement: 1, positive: 'a', negative: 'b' }] })[0].message, /not both/);
  assert.match(problems({ service: 's', agency: 'A', drivers: ['effectiveness', 'efficiency', { key: 'ease', statement: 2 }] })[0].message, /statements 0 to 1/);
});

test('at most 15 questions in all, counting Q1, Q2 and Q3 when shown', () => {
  const qs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `q${i}`, type: 'text', label: `Q${i}` }));
  valid({ service: 's', agency: 'A', questions: qs(12) });
  assert.match(problems({ service: 's', agency: 'A', questions: qs(13) })[0].message, /at most 15 questions/);
  valid({ service: 's', agency: 'A', q3: false, questions: qs(13) });
});

test('additional questions are checked', () => {
  const p = problems({
    service: 's', agency: 'A',
    questions: [
      { id: 'a', type: 'single', label: 'One option', options: [{ value: 'x', label: 'X' }] },
      { id: 'a', type: 'text', label: 'dup' },
      { id: 'b', type: 'rating', label: 'B' },
      { id: 'c', type: 'multiple', label: 'C', options: [{ value: 'x', label: 'X' }, { value: 'x', label: 'Y' }] },
    ],
  });
  assert.deepEqual(p.map((x) => x.path), ['questions[0].options', 'questions[1].id', 'questions[2].type', 'questions[3].options[1]']);
});

test('a PRA control number needs a real expiration date', () => {
  assert.match(problems({ service: 's', agency: 'A', pra: { controlNumber: '1234-5678' } })[0].message, /1234-5678 has no expiration date/);
  assert.match(problems({ service: 's', agency: 'A', pra: { controlNumber: '1234-5678', expiration: '2026-02-29' } })[0].message, /real date/);
  valid({ service: 's', agency: 'A', pra: { controlNumber: '1234-5678', expiration: '2028-02-29', burdenUrl: 'https://example.gov/pra' } });
});

test('the PRA clearance lapses the day after its expiration date', () => {
  const pra = { controlNumber: '1234-5678', expiration: '2026-03-31' };
  assert.equal(praExpired(pra, new Date(2026, 2, 31, 23, 59)), false);
  assert.equal(praExpired(pra, new Date(2026, 3, 1, 0, 0)), true);
  assert.equal(praExpired(undefined, new Date()), false);
});

test('branching: thumbs up and 5 lead to Q2a, thumbs down and 1-4 to Q2b; the cut is configurable', () => {
  assert.equal(branchFor('thumbs', 1), 'positive');
  assert.equal(branchFor('thumbs', 0), 'negative');
  assert.equal(branchFor('thumbs', null), null);
  assert.deepEqual([1, 2, 3, 4, 5].map((v) => branchFor('five-point', v)), ['negative', 'negative', 'negative', 'negative', 'positive']);
  assert.deepEqual([1, 2, 3, 4, 5].map((v) => branchFor('five-point', v, 4)), ['negative', 'negative', 'negative', 'positive', 'positive']);
});

test('answers: none of the above is exclusive; a branch change clears Q2; bad Q1 values are refused', () => {
  const config = valid({ service: 's', agency: 'A', scale: 'five-point' });
  let a = answerQ1(EMPTY_ANSWERS, 2, config);
  a = toggleDriver(toggleDriver(a, 'ease', true), 'efficiency', true);
  assert.deepEqual(a.q2, ['ease', 'efficiency']);
  assert.deepEqual(toggleDriver(a, 'none', true).q2, ['none']);
  assert.deepEqual(toggleDriver(toggleDriver(a, 'none', true), 'ease', true).q2, ['ease']);
  assert.deepEqual(answerQ1(a, 4, config).q2, ['ease', 'efficiency']);
  assert.deepEqual(answerQ1(a, 5, config).q2, []);
  assert.deepEqual(answerQ1(a, null, config).q2, []);
  assert.throws(() => answerQ1(a, 6, config), RangeError);
  assert.throws(() => answerQ1(EMPTY_ANSWERS, 3, { scale: 'thumbs', positiveCut: 5 }), RangeError);
});

test('a survey with nothing answered, or only whitespace, builds no record', () => {
  const config = valid({ service: 's', agency: 'A' });
  const ctx = { locale: 'en', pagePath: '/' };
  assert.equal(buildRecord(config, EMPTY_ANSWERS, ctx), null);
  assert.equal(buildRecord(config, answerQ3(EMPTY_ANSWERS, '  \n'), ctx), null);
  assert.equal(buildRecord(config, answerExtra(EMPTY_ANSWERS, 'zip', '   '), ctx), null);
});

test('a record carries only what the respondent could see, and passes its own consistency check', () => {
  const config = valid({
    service: 'svc', agency: 'A', scale: 'five-point', positiveCut: 4, channel: 'kiosk', location: 'office-1',
    drivers: ['effectiveness', 'ease', 'efficiency', 'none'],
    questions: [{ id: 'zip', type: 'text', label: 'ZIP', maxLength: 5 }],
  });
  let a = answerQ1(EMPTY_ANSWERS, 4, config);
  a = toggleDriver(a, 'ease', true);
  a = toggleDriver(a, 'transparency', true); // not offered: dropped
  a = answerQ3(a, '  Fine.  ');
  a = answerExtra(answerExtra(a, 'zip', '205001234'), 'unknown', 'x');
  const at = new Date('2026-01-02T03:04:05.000Z');
  const r = buildRecord(config, a, { id: '00000000-0000-4000-8000-000000000000', answeredAt: at, locale: 'es-US', pagePath: '/apply?ssn=123#x', token: 't' })!;
  assert.deepEqual(r, {
    id: '00000000-0000-4000-8000-000000000000', schemaVersion: 1, service: 'svc', surveyType: 'post-interaction', channel: 'kiosk',
    scale: 'five-point', positiveCut: 4, q1: 4, branch: 'positive', q2: ['ease'], offered: ['effectiveness', 'ease', 'efficiency', 'none'],
    q3: 'Fine.', answers: { zip: '20500' }, locale: 'es-US', answeredAt: '2026-01-02T03:04:05.000Z', pagePath: '/apply', location: 'office-1', token: 't',
    instrument: { q1: 'seed', subject: 'interaction', drivers: r.offered.map((key) => ({ key, statement: 0 })), wording: 'seed', version: surveyVersion(config) },
  });
  assert.deepEqual(checkRecord(r), []);
});

test('checkRecord refuses what a schema cannot see', () => {
  const config = valid({ service: 's', agency: 'A' });
  // Without its instrument, so that changing `offered` tests the rules about `offered` alone.
  const { instrument: _instrument, ...base } = buildRecord(config, toggleDriver(answerQ1(EMPTY_ANSWERS, 1, config), 'ease', true), { locale: 'en', pagePath: '/' })!;
  const paths = (r: object) => checkRecord({ ...base, ...r }).map((p) => p.path);
  assert.deepEqual(paths({ branch: 'negative' }), ['branch']);
  assert.deepEqual(paths({ q2: ['ease', 'none'], offered: ['effectiveness', 'ease', 'efficiency', 'none'] }), ['q2']);
  assert.deepEqual(paths({ q1: null, branch: null }), ['q2']);
  assert.deepEqual(paths({ offered: ['effectiveness'] }), ['q2']);
  assert.deepEqual(paths({ q1: 3 }), ['q1', 'branch']);
  assert.deepEqual(paths({ positiveCut: 4 }), ['positiveCut']);
  assert.deepEqual(paths({ scale: 'five-point' }), ['positiveCut', 'branch']);
  assert.deepEqual(paths({ q3: 'x', answers: Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`q${i}`, 'x'])) }), ['answers']);
  assert.deepEqual(paths({ q1: null, branch: null, q2: [], q3: null, answers: {} }), ['']);
});

test('non-web channels: no page path or locale needed, IVR records carry no Q3, the same branch and driver rules', () => {
  const config = valid({ service: 's', agency: 'A' });
  const web = buildRecord(config, toggleDriver(answerQ1(EMPTY_ANSWERS, 1, config), 'ease', true), { locale: 'en', pagePath: '/' })!;
  // Records keyed in from paper or a phone call carry no instrument descriptor (it is optional).
  const { pagePath: _p, locale: _l, instrument: _i, ...bare } = web;
  const paths = (r: object) => checkRecord({ ...bare, ...r } as typeof web).map((p) => p.path);
  assert.deepEqual(paths({ channel: 'web' }), ['pagePath', 'locale']);
  assert.deepEqual(paths({ channel: 'kiosk', locale: 'en', pagePath: '/', dateSource: 'received' }), ['dateSource']);
  assert.deepEqual(paths({ channel: 'paper', dateSource: 'received' }), []);
  assert.deepEqual(paths({ channel: 'phone', locale: 'es' }), []);
  assert.deepEqual(paths({ channel: 'ivr', q3: null }), []);
  assert.deepEqual(paths({ channel: 'ivr', q3: 'hello' }), ['q3']);
  assert.deepEqual(paths({ channel: 'paper', branch: 'negative' }), ['branch']);
  assert.deepEqual(paths({ channel: 'sms', q2: ['ease', 'none'], offered: ['ease', 'none'] }), ['q2']);
  assert.ok(KNOWN_CHANNELS.includes('paper') && KNOWN_CHANNELS.includes('ivr'));
});

test('record ids are RFC 4122 version 4 UUIDs, also without crypto.randomUUID', () => {
  const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  assert.match(newRecordId(), re);
  const original = globalThis.crypto.randomUUID;
  Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
  try {
    const ids = new Set(Array.from({ length: 1000 }, newRecordId));
    assert.equal(ids.size, 1000);
    for (const id of ids) assert.match(id, re);
  } finally {
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: original, configurable: true });
  }
});
