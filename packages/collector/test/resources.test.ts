import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/store/index.js';
import { backends, collector, record, SERVICES_JSON, ADMIN, SECRET } from './helpers.js';
import { startCollector } from './process.js';

/** A raw connection: what it was sent back, and a promise for its close. */
function open(port: number) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => (received += d));
  socket.on('error', () => {});
  const closed = new Promise<void>((r) => socket.on('close', () => r()));
  const ready = new Promise<void>((r) => socket.on('connect', () => r()));
  return { socket, received: () => received, closed, ready };
}

/** Sends one byte at a time until the server closes the connection; resolves with the bytes sent. */
async function drip(socket: Socket, closed: Promise<void>, text: string): Promise<number> {
  let done = false;
  void closed.then(() => (done = true));
  let i = 0;
  while (!done && i < text.length) {
    socket.write(text[i++]);
    await new Promise((r) => setTimeout(r, 100));
  }
  await closed;
  return i;
}

const headers = (length: number) => `POST /v1/responses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

const [sqlite] = backends();

describe('every resource a client holds is bounded', { timeout: 60_000 }, () => {
  let store: Store;
  let app: FastifyInstance;
  let port: number;
  before(async () => {
    store = await sqlite.open();
    app = await collector(store, {
      limits: { requestTimeout: 1000, headersTimeout: 500, perAddress: 4 },
      rateLimit: { burst: 100, perSecond: 0.01 },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  after(async () => {
    await app.close();
    await sqlite.cleanup();
  });

  test('a body sent a byte at a time is cut off with a 408 once the request timeout passes, and nothing is stored', async () => {
    const body = JSON.stringify(record());
    const c = open(port);
    await c.ready;
    c.socket.write(headers(Buffer.byteLength(body)));
    const sent = await drip(c.socket, c.closed, body);
    assert.ok(sent < body.length, 'the server waited for the whole slow body');
    assert.match(c.received(), /^HTTP\/1\.1 408/);
    assert.match(c.received(), /"code":"request_timeout"/);
    assert.equal(await store.count(), 0);
  });

  test('headers sent a byte at a time are cut off too', async () => {
    const c = open(port);
    await c.ready;
    const text = `${headers(2)}{}`;
    const sent = await drip(c.socket, c.closed, text);
    assert.ok(sent < text.length);
  });

  test('one address holds at most its cap of connections: the next is answered 503 + Retry-After; a freed place serves again', async () => {
    const held = Array.from({ length: 4 }, () => open(port));
    await Promise.all(held.map((c) => c.ready));
    const extra = open(port);
    await extra.closed;
    assert.match(extra.received(), /^HTTP\/1\.1 503/);
    assert.match(extra.received(), /retry-after: 5/i);
    assert.match(extra.received(), /too_many_connections/);
    held[0].socket.destroy();
    await held[0].closed;
    const again = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(again.status, 200);
    for (const c of held) c.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
  });

  test('an address with an empty bucket is refused before its body is read', async () => {
    // Batches empty the bucket (100 records, refilled at 0.01/s).
    let status = 0;
    for (let i = 0; i < 5 && status !== 429; i++) {
      const batch = await fetch(`http://127.0.0.1:${port}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Array.from({ length: 40 }, () => record())) });
      status = batch.status;
    }
    assert.equal(status, 429);
    // Then single records take what is left, to the last one.
    for (let i = 0; i < 100; i++) {
      const single = await fetch(`http://127.0.0.1:${port}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record()) });
      if (single.status === 429) break;
    }
    const c = open(port);
    await c.ready;
    // Headers only: a body of 1 MB announced and never sent.
    c.socket.write(headers(1_000_000));
    while (!/\r\n\r\n/.test(c.received())) await new Promise((r) => setTimeout(r, 10));
    assert.match(c.received(), /^HTTP\/1\.1 429/);
    assert.match(c.received(), /retry-after: \d+/i);
    c.socket.destroy();
  });
});

describe('SIGTERM with slow clients connected', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cx-slow-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the collector stops cleanly (exit 0) without waiting for bodies that never finish, and keeps what it acknowledged', async () => {
    writeFileSync(join(dir, 'services.json'), SERVICES_JSON);
    const db = join(dir, 'slow.sqlite');
    const args = ['--services', join(dir, 'services.json'), '--admin-token', ADMIN, '--token-secret', SECRET, '--log-level', 'warn'];
    const server = await startCollector([...args, '--db', db]);
    const port = Number(new URL(server.url).port);
    const slow = Array.from({ length: 40 }, () => open(port));
    await Promise.all(slow.map((c) => c.ready));
    for (const c of slow) c.socket.write(`${headers(5000)}{"id":`);
    const good = record();
    const res = await fetch(`${server.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(good) });
    assert.equal(res.status, 201);
    server.proc.kill('SIGTERM');
    const exit = await server.exited;
    assert.equal(exit.code, 0, server.output());
    for (const c of slow) c.socket.destroy();
    const again = await startCollector([...args, '--db', db]);
    try {
      const stored = await fetch(`${again.url}/v1/responses/${good.id}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      assert.equal(stored.status, 200);
    } finally {
      again.proc.kill('SIGTERM');
      await again.exited;
    }
  });
});
