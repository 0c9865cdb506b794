// The outbox's rules with an in-memory store: no DOM, no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResponseRecord } from '@cx-survey/protocol';
import { Outbox, type Transport } from './outbox.js';
import { MemoryStorage } from './storage.js';
import { fetchTransport } from './transport.js';
import { backoffDelay, outcomeOf, retryAfterMs, MAX_DELAY_MS } from './policy.js';

const record = (id: string): ResponseRecord => ({
  id, schemaVersion: 1, service: 's', surveyType: 'post-interaction', channel: 'web', scale: 'thumbs', q1: 1, branch: 'positive',
  q2: [], offered: ['effectiveness', 'ease', 'efficiency'], q3: null, answers: {}, locale: 'en', answeredAt: new Date().toISOString(), pagePath: '/',
});

/** Counts storage reads, the cost of every flush round. */
class CountingStorage extends MemoryStorage {
  reads = 0;
  override async queued() {
    this.reads++;
    return super.queued();
  }
}

test('policy: 2xx delivered; 408, 425, 429 and 5xx retried; other 4xx rejected', () => {
  assert.deepEqual([200, 201, 207].map(outcomeOf), ['delivered', 'delivered', 'delivered']);
  assert.deepEqual([0, 408, 425, 429, 500, 503].map(outcomeOf), ['retry', 'retry', 'retry', 'retry', 'retry', 'retry']);
  assert.deepEqual([400, 401, 403, 409, 413, 422].map(outcomeOf), ['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
});

test('policy: backoff doubles from about 1 s with half jitter, capped at 5 minutes; Retry-After read as seconds or a date', () => {
  assert.deepEqual([0, 1, 2].map((a) => backoffDelay(a, () => 0)), [500, 1000, 2000]);
  assert.deepEqual([0, 1, 2].map((a) => backoffDelay(a, () => 1)), [1000, 2000, 4000]);
  assert.equal(backoffDelay(40, () => 1), MAX_DELAY_MS);
  assert.equal(retryAfterMs('30', 0), 30000);
  assert.equal(retryAfterMs(new Date(60000).toUTCString(), 0), 60000);
  assert.equal(retryAfterMs('soon', 0), undefined);
});

test('records for an endpoint without a transport wait quietly for one, then go', async () => {
  const storage = new CountingStorage();
  const transports = new Map<string, Transport>();
  const box = new Outbox({ storage, transportFor: (e) => transports.get(e) });
  await box.add(record('00000000-0000-4000-8000-000000000001'), 'bridge:native');
  await box.flush();
  const readsAfterFlush = storage.reads;
  await new Promise((r) => setTimeout(r, 300));
  // No busy loop: nothing is due until a transport exists.
  assert.ok(storage.reads - readsAfterFlush <= 1, `storage read ${storage.reads - readsAfterFlush} times while idle`);
  const sent: string[] = [];
  transports.set('bridge:native', async (records) => records.map((r) => (sent.push(r.id), { id: r.id, outcome: 'delivered' as const })));
  await box.flush();
  assert.deepEqual(sent, ['00000000-0000-4000-8000-000000000001']);
  assert.deepEqual(await box.pending(), []);
  box.stop();
});

test('a collector that asks for a pause gets it for the whole backlog, not one batch at a time', async () => {
  const storage = new MemoryStorage();
  let calls = 0;
  const box = new Outbox({
    storage,
    transportFor: () => async (records) => (calls++, records.map((r) => ({ id: r.id, outcome: 'retry' as const, status: 503, retryAfterMs: 60000 }))),
  });
  for (let i = 0; i < 250; i++) await box.add(record(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`), '/v1/responses');
  await box.flush();
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(calls, 1, 'only the first batch was tried');
  assert.equal((await box.pending()).length, 250);
  await box.flush(true); // "send now" overrides the pause
  assert.equal(calls, 2);
  box.stop();
});

test('a 2xx page without per-record results (a captive portal) acknowledges nothing', async () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>Sign in to the Wi-Fi</body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/responses`;
    const [result] = await fetchTransport()([record('00000000-0000-4000-8000-000000000009')], url);
    assert.equal(result.outcome, 'retry');
  } finally {
    server.close();
  }
});
