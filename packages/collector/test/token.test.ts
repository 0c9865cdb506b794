import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { decodeWindowToken } from '@cx-survey/protocol';
import { createWindowTokenVerifier, issueWindowToken, WindowTokenError, type VerifyingKeyInput } from '@cx-survey/protocol/token';
import { SignJWT, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/store/index.js';
import { backends, collector, record, SECRET } from './helpers.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const hs = { alg: 'HS256' as const, secret: SECRET };

async function rejects(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof WindowTokenError, String(e));
    assert.equal(e.code, code, e.message);
    return true;
  });
}

describe('window token: issue and verify', () => {
  let es: { privatePem: string; publicPem: string };
  before(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    es = { privatePem: await exportPKCS8(pair.privateKey), publicPem: await exportSPKI(pair.publicKey) };
  });

  const verifier = (keys: VerifyingKeyInput[] = [hs], graceSeconds?: number) => createWindowTokenVerifier({ keys, graceSeconds });

  test('HS256 and ES256 tokens verify; the browser decodes without a key', async () => {
    const t0 = new Date(Date.now() - HOUR);
    const token = await issueWindowToken({ key: hs, service: 'svc', transactionAt: t0, id: 'tx-1' });
    const v = await (await verifier()).verify(token, { service: 'svc', answeredAt: new Date() });
    assert.equal(v.id, 'tx-1');
    assert.equal(v.service, 'svc');
    assert.equal(v.expiresAt.getTime() - v.transactionAt.getTime(), 48 * HOUR);
    const decoded = decodeWindowToken(token)!;
    assert.equal(decoded.service, 'svc');
    assert.equal(decoded.id, 'tx-1');
    assert.equal(decoded.transactionAt.getTime(), Math.floor(t0.getTime() / 1000) * 1000);
    assert.equal(decodeWindowToken('not.a.token'), null);
    assert.equal(decodeWindowToken('abc'), null);

    const esToken = await issueWindowToken({ key: { alg: 'ES256', privateKey: es.privatePem, kid: 'k1' }, service: 'svc' });
    const esV = await (await verifier([{ alg: 'ES256', publicKey: es.publicPem, kid: 'k1' }])).verify(esToken, { service: 'svc', answeredAt: new Date() });
    assert.equal(esV.service, 'svc');
  });

  test('issuing refuses windows over 48 hours and short secrets', async () => {
    await assert.rejects(issueWindowToken({ key: hs, service: 'svc', windowSeconds: 48 * 3600 + 1 }), RangeError);
    await assert.rejects(issueWindowToken({ key: { alg: 'HS256', secret: 'short' }, service: 'svc' }), RangeError);
  });

  test('forged tokens are refused: other key, altered claims, alg none, algorithm confusion', async () => {
    const v = await verifier([hs, { alg: 'ES256', publicKey: es.publicPem }]);
    const input = { service: 'svc', answeredAt: new Date() };
    const other = await issueWindowToken({ key: { alg: 'HS256', secret: 'another-secret-another-secret-0123456' }, service: 'svc' });
    await rejects(v.verify(other, input), 'token_invalid');
    const good = await issueWindowToken({ key: hs, service: 'svc' });
    const [h, p, s] = good.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, svc: 'other' })).toString('base64url');
    await rejects(v.verify(`${h}.${altered}.${s}`, { ...input, service: 'other' }), 'token_invalid');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'cx-window+jwt' })).toString('base64url')}.${p}.`;
    await rejects(v.verify(none, input), 'token_invalid');
    // HS256 signed with the public key as the HMAC secret: only works where keys are not pinned to an algorithm.
    const confused = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'cx-window+jwt' }).sign(new TextEncoder().encode(es.publicPem));
    await rejects(v.verify(confused, input), 'token_invalid');
    const wrongType = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(SECRET));
    await rejects(v.verify(wrongType, input), 'token_invalid');
    await rejects(v.verify('a.b', input), 'token_malformed');
  });

  test('service, window and grace period', async () => {
    const v = await verifier();
    const now = Date.now();
    const txn = new Date(now - 10 * DAY);
    const token = await issueWindowToken({ key: hs, service: 'svc', transactionAt: txn, now: txn });
    const insideWindow = new Date(txn.getTime() + 47 * HOUR);
    await rejects(v.verify(token, { service: 'other', answeredAt: insideWindow }), 'token_wrong_service');
    // Answered inside the window, delivered eight days after it closed (an offline kiosk): accepted.
    assert.equal((await v.verify(token, { service: 'svc', answeredAt: insideWindow })).service, 'svc');
    await rejects(v.verify(token, { service: 'svc', answeredAt: new Date(txn.getTime() + 49 * HOUR) }), 'token_expired');
    await rejects(v.verify(token, { service: 'svc', answeredAt: new Date(txn.getTime() - HOUR) }), 'token_not_yet_valid');
    const strict = await verifier([hs], 7 * 86400);
    await rejects(strict.verify(token, { service: 'svc', answeredAt: insideWindow }), 'token_late');
    const long = await new SignJWT({ svc: 'svc', txn: Math.floor(txn.getTime() / 1000) })
      .setProtectedHeader({ alg: 'HS256', typ: 'cx-window+jwt' })
      .setIssuedAt(Math.floor(txn.getTime() / 1000))
      .setExpirationTime(Math.floor(txn.getTime() / 1000) + 72 * 3600)
      .setJti(randomUUID())
      .sign(new TextEncoder().encode(SECRET));
    await rejects(v.verify(long, { service: 'svc', answeredAt: insideWindow }), 'token_window_too_long');
  });
});

for (const backend of backends()) {
  describe(`window tokens at the collector: ${backend.name}`, () => {
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
    const post = (body: unknown) => app.inject({ method: 'POST', url: '/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

    test('one response per token; retries of it are duplicates', async () => {
      const token = await issueWindowToken({ key: hs, service: 't-token', transactionAt: new Date(Date.now() - HOUR) });
      const r = record({ service: 't-token', token });
      assert.equal((await post(r)).statusCode, 201);
      assert.equal((await post(r)).statusCode, 200);
      const reuse = await post(record({ service: 't-token', token }));
      assert.equal(reuse.statusCode, 409);
      assert.equal(reuse.json().error.code, 'token_reused');
      assert.equal(reuse.json().error.field, 'token');
      const both = await post([record({ service: 't-token', token: await issueWindowToken({ key: hs, service: 't-token' }) }), record({ service: 't-token', token })]);
      assert.deepEqual(both.json().results.map((x: { status: number }) => x.status), [201, 409]);
    });

    test('forged, expired, wrong-service and late tokens are refused; a late kiosk inside the grace period is not', async () => {
      const before = await store.count();
      const forged = await issueWindowToken({ key: { alg: 'HS256', secret: 'x'.repeat(40) }, service: 't-token' });
      const f = await post(record({ service: 't-token', token: forged }));
      assert.equal(f.statusCode, 401);
      assert.equal(f.json().error.code, 'token_invalid');
      const wrong = await post(record({ service: 't-token', token: await issueWindowToken({ key: hs, service: 't-thumbs' }) }));
      assert.equal(wrong.statusCode, 422);
      assert.equal(wrong.json().error.code, 'token_wrong_service');
      const txn = new Date(Date.now() - 5 * DAY);
      const old = await issueWindowToken({ key: hs, service: 't-token', transactionAt: txn, now: txn });
      const expired = await post(record({ service: 't-token', token: old }));
      assert.equal(expired.statusCode, 422);
      assert.equal(expired.json().error.code, 'token_expired');
      const ancient = new Date(Date.now() - 40 * DAY);
      const late = await post(
        record({ service: 't-token', answeredAt: new Date(ancient.getTime() + HOUR).toISOString(), token: await issueWindowToken({ key: hs, service: 't-token', transactionAt: ancient, now: ancient }) }),
      );
      assert.equal(late.statusCode, 422);
      assert.equal(late.json().error.code, 'token_late');
      assert.equal(await store.count(), before);
      const kiosk = await post(record({ service: 't-token', answeredAt: new Date(txn.getTime() + HOUR).toISOString(), token: old }));
      assert.equal(kiosk.statusCode, 201, kiosk.body);
    });

    test('a token on a service that does not require one is still verified', async () => {
      const forged = await issueWindowToken({ key: { alg: 'HS256', secret: 'y'.repeat(40) }, service: 't-thumbs' });
      assert.equal((await post(record({ token: forged }))).statusCode, 401);
      assert.equal((await post(record({ token: await issueWindowToken({ key: hs, service: 't-thumbs' }) }))).statusCode, 201);
    });
  });
}
