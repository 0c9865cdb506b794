import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/store/index.js';
import { holdsOneRecord } from '../src/ingest/submit.js';
import { moreBadInputs, type BadInput } from './bad-inputs.js';
import { admin, backends, collector, fiveRecord, ORIGIN, record } from './helpers.js';

const json = { 'content-type': 'application/json' };

/** Each bad input: the body sent, the status and code expected, the field the error must name. */
const BAD: BadInput[] = [
  { name: 'invalid JSON', raw: '{"id": ', body: null, status: 400, code: 'invalid_json' },
  { name: 'prototype pollution', raw: `{"__proto__": {"admin": true}, "id": "${randomUUID()}"}`, body: null, status: 400, code: 'invalid_json' },
  { name: 'a number for a body', body: 42, status: 400, code: 'invalid_record' },
  { name: 'null for a body', raw: 'null', body: null, status: 400, code: 'invalid_body' },
  { name: 'an empty JSON body', raw: '', body: null, status: 400, code: 'invalid_json' },
  { name: 'an empty batch', body: [], status: 400, code: 'empty_batch' },
  { name: 'a batch of 101', body: Array.from({ length: 101 }, () => record()), status: 413, code: 'batch_too_large' },
  { name: 'a body over the size limit', body: record({ q3: 'x'.repeat(2_200_000) }), status: 413, code: 'body_too_large' },
  { name: 'an XML content type', raw: '<record/>', body: null, headers: { 'content-type': 'application/xml' }, status: 415, code: 'unsupported_media_type' },
  { name: 'a missing field', body: (({ q1: _q1, ...r }) => r)(record()), status: 400, code: 'missing_field', field: 'q1' },
  { name: 'an unknown field', body: { ...record(), respondentEmail: 'a@b.gov' }, status: 400, code: 'unknown_field', field: 'respondentEmail' },
  { name: 'a wrong type', body: { ...record(), q1: '1' }, status: 400, code: 'invalid_field', field: 'q1' },
  { name: 'an unknown enum value', body: record({ surveyType: 'bogus' as never }), status: 400, code: 'invalid_field', field: 'surveyType' },
  { name: 'an unknown driver', body: record({ q2: ['speed' as never] }), status: 400, code: 'invalid_field', field: 'q2[0]' },
  { name: 'a repeated driver', body: record({ q2: ['ease', 'ease'] }), status: 400, code: 'invalid_field', field: 'q2' },
  { name: 'a Q3 over 5000 characters', body: record({ q3: 'x'.repeat(5001) }), status: 400, code: 'invalid_field', field: 'q3' },
  { name: 'an id that is not a UUID', body: record({ id: 'not-a-uuid' }), status: 400, code: 'invalid_field', field: 'id' },
  { name: 'another schema version', body: { ...record(), schemaVersion: 2 }, status: 400, code: 'invalid_field', field: 'schemaVersion' },
  { name: 'an answeredAt that is no date', body: record({ answeredAt: 'yesterday' }), status: 400, code: 'invalid_field', field: 'answeredAt' },
  { name: 'a page path with a query string', body: record({ pagePath: '/done?ssn=123456789' }), status: 400, code: 'invalid_field', field: 'pagePath' },
  { name: 'an answer id that is no identifier', body: record({ answers: { 'a b': 'x' } }), status: 400, code: 'invalid_field', field: 'answers' },
  { name: 'an unknown service', body: record({ service: 'no-such-service' }), status: 422, code: 'unknown_service', field: 'service' },
  { name: 'the wrong scale for the service', body: record({ service: 't-five' }), status: 422, code: 'scale_mismatch', field: 'scale' },
  { name: 'a driver the service does not offer', body: record({ service: 't-narrow' }), status: 422, code: 'driver_not_offered', field: 'offered' },
  { name: 'a driver that was not offered', body: record({ offered: ['effectiveness'], q2: ['ease'] }), status: 422, code: 'inconsistent_record', field: 'q2' },
  { name: 'a branch Q1 does not imply', body: record({ q1: 0, branch: 'positive' }), status: 422, code: 'inconsistent_record', field: 'branch' },
  { name: 'drivers without a Q1 answer', body: record({ q1: null, branch: null, q2: ['ease'] }), status: 422, code: 'inconsistent_record', field: 'q2' },
  { name: '"none of the above" with another driver', body: record({ q2: ['ease', 'none'] }), status: 422, code: 'inconsistent_record', field: 'q2' },
  {
    name: 'more than 15 questions',
    body: record({ q3: 'hi', answers: Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`extra${i}`, 'yes'])) }),
    status: 422,
    code: 'inconsistent_record',
    field: 'answers',
  },
  { name: 'a thumbs answer of 3', body: record({ q1: 3 }), status: 422, code: 'inconsistent_record', field: 'q1' },
  { name: 'a five-point record without its cut', body: (({ positiveCut: _c, ...r }) => r)(fiveRecord(5)), status: 422, code: 'inconsistent_record', field: 'positiveCut' },
  { name: 'a record with nothing answered', body: record({ q1: null, branch: null, q2: [] }), status: 422, code: 'inconsistent_record' },
  { name: 'an answer time in the future', body: record({ answeredAt: new Date(Date.now() + 3_600_000).toISOString() }), status: 422, code: 'answered_in_future', field: 'answeredAt' },
  { name: 'a missing token where one is required', body: record({ service: 't-token' }), status: 401, code: 'token_required', field: 'token' },
  { name: 'a token that is not a JWT', body: record({ service: 't-token', token: 'abc' }), status: 400, code: 'token_malformed', field: 'token' },
  { name: 'an origin not allowed at all', body: record(), headers: { origin: 'https://evil.example' }, status: 403, code: 'origin_not_allowed' },
  { name: 'an origin the service does not allow', body: record({ service: 't-narrow', offered: ['effectiveness', 'ease', 'efficiency'] }), headers: { origin: ORIGIN }, status: 403, code: 'origin_not_allowed', field: 'service' },
];
BAD.push(...(await moreBadInputs()));


for (const backend of backends()) {
  describe(`ingest over HTTP: ${backend.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    before(async () => {
      store = await backend.open();
      app = await collector(store);
    });
    after(async () => {
      await app.close();
      await backend.cleanup();
    });

    const post = (body: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/v1/responses', headers: { ...json, ...headers }, payload: JSON.stringify(body) });

    test('a verification key that cannot be used stops start-up with its reason, and the running collector carries on', async () => {
      await assert.rejects(collector(store, { tokenKeys: [{ alg: 'ES256', publicKey: 'not a key' }] }), /SPKI/);
      await assert.rejects(collector(store, { tokenKeys: [{ alg: 'HS256', secret: 'short' }] }), /at least 32 bytes/);
      // Still validating with its own configuration (a refusal, so later tests' counts hold).
      const still = await post(record({ service: 'no-such-service' }));
      assert.equal(still.statusCode, 422);
      assert.equal(still.json().error.code, 'unknown_service');
    });

    test('stores a record, answers a repeat as a duplicate, refuses the id with other content', async () => {
      const r = record({ q3: 'Quick and easy.' });
      const first = await post(r);
      assert.equal(first.statusCode, 201);
      assert.deepEqual(first.json(), { id: r.id, outcome: 'stored', status: 201 });
      const again = await post(r);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().outcome, 'duplicate');
      // Key order is not content: a retry serialized differently is still a retry.
      const reordered = Object.fromEntries(Object.entries(r).reverse());
      assert.equal((await post(reordered)).statusCode, 200);
      const other = await post({ ...r, q3: 'Changed my mind.' });
      assert.equal(other.statusCode, 409);
      assert.equal(other.json().error.code, 'id_conflict');
      assert.equal(other.json().error.field, 'id');
      const stored = await app.inject({ url: `/v1/responses/${r.id}`, headers: admin });
      assert.equal(stored.statusCode, 200);
      assert.deepEqual(stored.json(), r);
      assert.equal(await store.count({ service: 't-thumbs' }), 1);
    });

    for (const bad of BAD) {
      test(`refuses ${bad.name} with a ${bad.status} and stores nothing`, async () => {
        const before = await store.count();
        const res = await app.inject({
          method: 'POST',
          url: '/v1/responses',
          headers: { ...json, ...bad.headers },
          payload: bad.raw ?? JSON.stringify(bad.body),
        });
        assert.equal(res.statusCode, bad.status, res.body);
        assert.match(res.headers['content-type'] as string, /^application\/json/);
        const error = res.json().error;
        assert.equal(error.code, bad.code, res.body);
        assert.equal(typeof error.message, 'string');
        if (bad.field !== undefined) assert.equal(error.field, bad.field, res.body);
        assert.equal(await store.count(), before);
      });
    }

    test('a gzip, deflate or br body is decoded and stored, not refused', async () => {
      for (const [encoding, compress] of [['gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync]] as const) {
        const r = record();
        const res = await app.inject({ method: 'POST', url: '/v1/responses', headers: { ...json, 'content-encoding': encoding }, payload: compress(JSON.stringify(r)) });
        assert.equal(res.statusCode, 201, `${encoding}: ${res.body}`);
        assert.equal((await app.inject({ url: `/v1/responses/${r.id}`, headers: admin })).statusCode, 200);
      }
    });

    test('a query parameter given twice on an admin or dashboard route is a 400 naming it, not a 500', async () => {
      // Not closed: closing an app closes its store, which the other tests share.
      const dashboard = await collector(store, { dashboard: {} });
      {
        for (const url of ['/v1/count?service=t-thumbs&service=t-five', '/v1/reports?fy=2025&fy=2026&quarter=1', '/v1/dashboard/overview?fy=2025&fy=2026', '/v1/dashboard/services?sort=name&sort=id', '/v1/export.csv?quarter=1&quarter=2&fy=2025']) {
          const res = await dashboard.inject({ url, headers: admin });
          assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
          assert.equal(res.json().error.code, 'invalid_query');
        }
      }
    });

    test('a batch answers per record: valid ones stored, invalid ones not', async () => {
      const good = record();
      const bad = record({ q2: ['ease', 'none'] });
      const dup = record();
      await post(dup);
      const res = await post([good, bad, dup, good]);
      assert.equal(res.statusCode, 207);
      const body = res.json();
      assert.deepEqual(
        body.results.map((r: { index: number; outcome: string; status: number }) => [r.index, r.outcome, r.status]),
        [
          [0, 'stored', 201],
          [1, 'rejected', 422],
          [2, 'duplicate', 200],
          [3, 'duplicate', 200],
        ],
      );
      assert.equal(body.results[1].error.field, 'q2');
      assert.deepEqual([body.stored, body.duplicate, body.rejected], [1, 2, 1]);
      assert.equal(await store.get(bad.id), null);
      const ok = await post([record(), record()]);
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().stored, 2);
    });

    test('accepts text/plain bodies (navigator.sendBeacon) and five-point records', async () => {
      const r = fiveRecord(4, { q2: ['efficiency'] });
      const res = await app.inject({ method: 'POST', url: '/v1/responses', headers: { 'content-type': 'text/plain;charset=UTF-8' }, payload: JSON.stringify(r) });
      assert.equal(res.statusCode, 201, res.body);
    });

    test('removes SSNs, phone numbers and emails from free text and records that it did', async () => {
      const r = record({ q3: 'SSN 123-45-6789, call (202) 555-0143 or mail jo.doe@example.com. Case 12 took 3 days.', answers: { note: 'reach me at 202.555.0143' } });
      const res = await post(r);
      assert.equal(res.statusCode, 201);
      assert.deepEqual(res.json().redacted, ['email', 'phone', 'ssn']);
      const stored = await app.inject({ url: `/v1/responses/${r.id}`, headers: admin });
      assert.equal(stored.json().q3, 'SSN [SSN], call [phone] or mail [email]. Case 12 took 3 days.');
      assert.equal(stored.json().answers.note, 'reach me at [phone]');
      assert.equal(stored.headers['cx-redactions'], 'email,phone,ssn');
      // A retry of the original text is still recognised as the same response.
      assert.equal((await post(r)).statusCode, 200);
    });

    test('free text is returned as JSON data only, never as a page', async () => {
      const r = record({ q3: '<script>alert(1)</script><img src=x onerror=alert(2)>' });
      await post(r);
      const res = await app.inject({ url: `/v1/responses/${r.id}`, headers: admin });
      assert.match(res.headers['content-type'] as string, /^application\/json/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.match(res.headers['content-security-policy'] as string, /default-src 'none'.*sandbox/);
      assert.equal(res.json().q3, r.q3);
      assert.equal(res.headers['set-cookie'], undefined);
    });

    test('admin routes need the bearer token', async () => {
      const r = record();
      await post(r);
      for (const url of [`/v1/responses/${r.id}`, '/v1/export.json', '/v1/export.csv', '/v1/count', '/v1/reports?fy=2025&quarter=1']) {
        assert.equal((await app.inject({ url })).statusCode, 401, url);
        assert.equal((await app.inject({ url, headers: { authorization: 'Bearer wrong' } })).statusCode, 401, url);
        assert.equal((await app.inject({ url, headers: admin })).statusCode, 200, url);
      }
      assert.equal((await app.inject({ url: `/v1/responses/${randomUUID()}`, headers: admin })).statusCode, 404);
      const all = await app.inject({ url: '/v1/export.json?service=t-thumbs', headers: admin });
      const records = all.json() as Array<{ id: string; service: string }>;
      assert.ok(records.some((x) => x.id === r.id));
      assert.ok(records.every((x) => x.service === 't-thumbs'));
      const count = await app.inject({ url: '/v1/count?service=t-thumbs', headers: admin });
      assert.equal(count.json().count, records.length);
      assert.equal((await app.inject({ url: '/v1/count?service=nope', headers: admin })).statusCode, 404);
      assert.equal((await app.inject({ url: '/v1/reports?fy=2025&quarter=5', headers: admin })).json().error.field, 'quarter');
    });

    test('CORS: allowed and same origins only', async () => {
      const pre = await app.inject({ method: 'OPTIONS', url: '/v1/responses', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
      assert.equal(pre.statusCode, 204);
      assert.equal(pre.headers['access-control-allow-origin'], ORIGIN);
      assert.match(pre.headers['access-control-allow-headers'] as string, /content-type/);
      const evil = await app.inject({ method: 'OPTIONS', url: '/v1/responses', headers: { origin: 'https://evil.example' } });
      assert.equal(evil.statusCode, 403);
      assert.equal(evil.headers['access-control-allow-origin'], undefined);
      const ok = await post(record(), { origin: ORIGIN });
      assert.equal(ok.statusCode, 201);
      assert.equal(ok.headers['access-control-allow-origin'], ORIGIN);
      // The collector's own origin (examples served by --static) needs no listing.
      const same = await post(record(), { origin: 'http://collector.example:8080', host: 'collector.example:8080' });
      assert.equal(same.statusCode, 201, same.body);
    });

    test('/healthz reports the store', async () => {
      const res = await app.inject({ url: '/healthz' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().store, backend.name);
    });
  });
}

test('holdsOneRecord tells a body of one record from a batch without parsing it', () => {
  const one = ['{"id":"x"}', '  [ {"id":"x"} ] ', '[{"q3":"a},{b","answers":{"x":["y","z"]}}]', '[{"q3":"\\"},{\\""}]'];
  const more = ['[{"id":"x"},{"id":"y"}]', '[{"q3":"a]"} , {"q3":"[b"}]', '[{}{}]', '[]', '[1]', '"text"', '42', 'null', ''];
  for (const text of one) assert.equal(holdsOneRecord(text), true, text);
  for (const text of more) assert.equal(holdsOneRecord(text), false, text);
  // The cases agree with a real parse wherever the JSON is valid.
  for (const text of [...one, ...more]) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    const records = Array.isArray(parsed) ? parsed.filter((v) => typeof v === 'object' && v !== null) : typeof parsed === 'object' && parsed !== null ? [parsed] : [];
    assert.equal(holdsOneRecord(text), records.length === 1 && (!Array.isArray(parsed) || parsed.length === 1), text);
  }
});

describe('rate limiting counts records per address', () => {
  const [backend] = backends();
  let store: Store;
  before(async () => {
    store = await backend.open();
  });
  after(async () => {
    await store.close();
    await backend.cleanup();
  });

  test('a kiosk flushing 500 queued responses passes with the defaults', async () => {
    const app = await collector(store, { rateLimit: undefined });
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'POST', url: '/v1/responses', headers: json, payload: JSON.stringify(Array.from({ length: 100 }, () => record())), remoteAddress: '10.0.0.7' });
      assert.equal(res.statusCode, 200);
    }
  });

  test('beyond the burst, a 429 with Retry-After stores nothing; other addresses are unaffected', async () => {
    const app = await collector(store, { rateLimit: { burst: 150, perSecond: 0.5 } });
    const batch = () => JSON.stringify(Array.from({ length: 100 }, () => record()));
    assert.equal((await app.inject({ method: 'POST', url: '/v1/responses', headers: json, payload: batch(), remoteAddress: '10.0.0.8' })).statusCode, 200);
    const before = await store.count();
    const limited = await app.inject({ method: 'POST', url: '/v1/responses', headers: json, payload: batch(), remoteAddress: '10.0.0.8' });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.equal(await store.count(), before);
    assert.equal((await app.inject({ method: 'POST', url: '/v1/responses', headers: json, payload: batch(), remoteAddress: '10.0.0.9' })).statusCode, 200);
  });

  // On SQLite one-record bodies are validated in the writer thread and batches on the HTTP thread:
  // both must draw on the same bucket.
  test('single records and batches share one bucket', async () => {
    const app = await collector(store, { rateLimit: { burst: 4, perSecond: 0.001 } });
    const post = (payload: string) => app.inject({ method: 'POST', url: '/v1/responses', headers: json, payload, remoteAddress: '10.0.0.10' });
    assert.equal((await post(JSON.stringify([record(), record()]))).statusCode, 200);
    assert.equal((await post(JSON.stringify(record()))).statusCode, 201);
    // One left: a batch of two, brackets and commas inside its strings, must cost two.
    const before = await store.count();
    assert.equal((await post(JSON.stringify([record({ q3: 'a "quoted" },{ b' }), record({ q3: '] , [' })]))).statusCode, 429);
    assert.equal((await post(JSON.stringify([record()]))).statusCode, 200);
    for (const payload of [JSON.stringify(record()), JSON.stringify([record()]), JSON.stringify([record(), record()])]) {
      const limited = await post(payload);
      assert.equal(limited.statusCode, 429, payload.slice(0, 20));
      assert.equal(limited.json().error.code, 'rate_limited');
    }
    assert.equal(await store.count(), before + 1);
  });
});
