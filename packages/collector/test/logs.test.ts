import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/store/index.js';
import { backends, collector, record } from './helpers.js';

/** The collector's log, as its operator would read it. */
function logSink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

const [sqlite] = backends();

describe('the log holds only bounded, validated fields of what clients send', () => {
  let store: Store;
  let app: FastifyInstance;
  const sink = logSink();
  before(async () => {
    store = await sqlite.open();
    app = await collector(store, { logger: { level: 'info', stream: sink.stream } });
  });
  after(async () => {
    await app.close();
    await sqlite.cleanup();
  });
  const post = (body: unknown) => app.inject({ method: 'POST', url: '/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  test('a 2,000,000-character id, an SSN in an id, an SSN as a field name: refused, and none of it logged', async () => {
    const before = sink.lines.length;
    const huge = await post(record({ id: 'x'.repeat(2_000_000) }));
    assert.equal(huge.statusCode, 400);
    const ssnId = await post(record({ id: 'my ssn is 123-45-6789' }));
    assert.equal(ssnId.statusCode, 400);
    const ssnField = await post([{ ...record(), ['ssn 987-65-4321']: 1 }, record({ id: 'call 202-555-0143 '.repeat(1000) })]);
    assert.equal(ssnField.statusCode, 207);
    const logged = sink.lines.slice(before);
    assert.ok(logged.length >= 4, `each refusal is logged: ${logged.length}`);
    const text = logged.join('\n');
    assert.ok(text.length < 4000, `${text.length} characters of log for four refusals`);
    for (const secret of ['123-45-6789', '987-65-4321', '202-555-0143', 'xxxxxxxxxx']) assert.ok(!text.includes(secret), `${secret} logged`);
    for (const line of logged) {
      const entry = JSON.parse(line);
      assert.equal(entry.msg, 'response rejected');
      assert.match(entry.code, /^[a-z_]+$/);
    }
  });

  test('a refused record with a valid id and a known field is logged with both, for the operator', async () => {
    const r = record({ q1: 0, branch: 'positive' });
    const before = sink.lines.length;
    assert.equal((await post(r)).statusCode, 422);
    const entry = JSON.parse(sink.lines.slice(before).find((l) => l.includes('response rejected'))!);
    assert.equal(entry.id, r.id);
    assert.equal(entry.field, 'branch');
    assert.equal(entry.code, 'inconsistent_record');
  });
});
