import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { ResponseRecord } from '@cx-survey/protocol';
import { contentHash } from '../src/domain/content-hash.js';
import { redactText, truncateCodePoints, type RedactionKind } from '../src/ingest/redact.js';
import type { Store } from '../src/store/index.js';
import { admin, backends, collector, record } from './helpers.js';

// ---- generated identifiers, written the ways people and keyboards write them ----

const SCRIPTS = [0x30, 0xff10, 0x660, 0x966]; // ASCII, full-width, Arabic-Indic, Devanagari digits
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u00ad', '\u2060', '\ufeff'];
const SEPARATORS = ['', '-', ' ', '  ', '\u2013', '\u2014', '\u00a0', '.', '\u2009', '\u202f', '\uff0d', '-\u200b', ' - ', '\u2212'];

/** n digits in one script, an invisible character slipped in after some of them. */
const digits = (n: number) =>
  fc
    .tuple(fc.constantFrom(...SCRIPTS), fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.option(fc.constantFrom(...INVISIBLE), { freq: 6 })), { minLength: n, maxLength: n }))
    .map(([zero, ds]) => ds.map(([d, inv]) => String.fromCodePoint(zero + d) + (inv ?? '')).join(''));

const sep = fc.constantFrom(...SEPARATORS);
const ssn = fc.tuple(digits(3), sep, digits(2), sep, digits(4)).map((p) => p.join(''));
const phone = fc
  .tuple(fc.constantFrom('', '+1 ', '1-', '+1', '\uff0b\uff11 '), fc.boolean(), digits(3), sep, digits(3), sep, digits(4))
  .map(([cc, paren, a, s1, b, s2, c]) => `${cc}${paren ? `(${a})` : a}${paren ? s1 || ' ' : s1}${b}${s2}${c}`);

const LOCAL_CHARS = [...'abcxyzABC019._+-', 'é', 'ü', 'ж', 'д', '用', '户', 'ñ'];
const LABEL_CHARS = [...'abcmnoxyz019-', 'ä', 'é', 'ж', '例', '子'];
const withInvisible = (chars: string[]) => fc.array(fc.tuple(fc.constantFrom(...chars), fc.option(fc.constantFrom(...INVISIBLE), { freq: 8 })), { minLength: 1, maxLength: 12 }).map((cs) => cs.map(([c, i]) => c + (i ?? '')).join(''));
const label = withInvisible(LABEL_CHARS).filter((l) => /^[^-]/u.test(l));
const email = fc
  .tuple(withInvisible(LOCAL_CHARS), fc.constantFrom('@', '\uff20'), fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'gov', 'co', 'рф', '中国', 'xn--p1ai', 'museum'))
  .map(([local, at, labels, tld]) => `${local}${at}${labels.join('.')}.${tld}`);

/** Free text around the identifier: letters, spaces, punctuation and dashes of every kind, never a digit or an at sign. */
const TEXT_CHARS = [...'abc XYZ,;:!?()"\'/-.\n', '\u00a0', '\u2013', '\u2014', 'é', 'ß', '用', '😀', '\u200b', '\u3000'];
const text = fc.string({ unit: fc.constantFrom(...TEXT_CHARS), maxLength: 40 });

const leftOver = (out: string) => /[\p{Nd}@\uff20\ufe6b]/u.exec(out)?.[0];

describe('redaction, property-based (fast-check)', () => {
  const never = (name: string, kind: RedactionKind, identifier: fc.Arbitrary<string>) =>
    test(`a generated ${name} in generated text is never kept`, () => {
      fc.assert(
        fc.property(text, identifier, text, (before, id, afterText) => {
          const found = new Set<RedactionKind>();
          const out = redactText(`${before}${id}${afterText}`, found);
          assert.equal(leftOver(out), undefined, `kept from ${JSON.stringify(id)}: ${JSON.stringify(out)}`);
          assert.ok(found.has(kind), `${JSON.stringify(id)} found as ${[...found]}`);
        }),
        { numRuns: 2000 },
      );
    });
  never('SSN', 'ssn', ssn);
  never('phone number', 'phone', phone);
  never('e-mail address', 'email', email);

  test('text without identifiers is stored exactly as written', () => {
    fc.assert(
      fc.property(text, (t) => {
        const found = new Set<RedactionKind>();
        assert.equal(redactText(t, found), t);
        assert.equal(found.size, 0);
      }),
      { numRuns: 2000 },
    );
  });

  test('the forms the attack report found stored in clear', () => {
    const forms = [
      '123-45-6789--please',
      'SSN 123-45-6789-thanks',
      'SSN 123  45  6789',
      'SSN 123\u201345\u20136789',
      'SSN 123\u00a045\u00a06789',
      'SSN \uff11\uff12\uff13-\uff14\uff15-\uff16\uff17\uff18\uff19',
      'mail jos\u00e9@b\u00fccher.de',
      'mail jo\u200bhn.doe@exam\u200bple.com',
      'mail \u7528\u6237@\u4f8b\u5b50.\u5e7f\u544a',
    ];
    for (const form of forms) assert.equal(leftOver(redactText(form, new Set())), undefined, form);
  });

  test('truncation counts code points and never leaves half a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 0, max: 60 }), (s, max) => {
        const cut = truncateCodePoints(s, max);
        assert.ok(s.startsWith(cut));
        assert.equal([...cut].length, Math.min(max, [...s].length));
        assert.doesNotMatch(cut, /\p{Cs}/u, 'a lone surrogate');
      }),
    );
    assert.equal(truncateCodePoints('ab😀', 3), 'ab😀');
    assert.equal(truncateCodePoints('ab😀c', 3), 'ab😀');
  });
});

const IDENTIFIERS = ['123-45-6789', '202 555 0143', 'john.doe@example.com', '987654321', '4155550123'];
const SSN_DIGITS = /1\D{0,3}2\D{0,3}3\D{0,3}4\D{0,3}5\D{0,3}6\D{0,3}7\D{0,3}8\D{0,3}9/u;

for (const backend of backends()) {
  describe(`redaction before storage: ${backend.name}`, () => {
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

    test('identifiers in Q3, text answers, choice answers, the page path and the location are never stored', async () => {
      const r = record({
        q3: 'SSN 123-45-6789--please, or \uff11\uff12\uff13 \uff14\uff15 \uff16\uff17\uff18\uff19, mail jo\u200bhn@exam\u200bple.com',
        answers: { note: 'call 202\u00a0555\u00a00143', picked: ['987654321', 'other'] },
        pagePath: '/case/123-45-6789/status/john.doe%40example.com',
        location: '123-45-6789',
        channel: 'kiosk',
      });
      const res = await post(r);
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json().redacted, ['email', 'phone', 'ssn']);
      const rows = (await backend.rawRows()).filter((row) => row.id === r.id);
      assert.equal(rows.length, 1);
      const raw = JSON.stringify(rows[0]);
      for (const id of IDENTIFIERS) assert.ok(!raw.includes(id), `${id} stored: ${raw}`);
      assert.doesNotMatch(raw, SSN_DIGITS);
      assert.doesNotMatch(raw.normalize('NFKC'), SSN_DIGITS);
      const stored = (await app.inject({ url: `/v1/responses/${r.id}`, headers: admin })).json() as ResponseRecord;
      assert.equal(stored.pagePath, '/case/[SSN]/status/[email]');
      assert.equal(stored.location, '[SSN]');
      assert.deepEqual(stored.answers.picked, ['[SSN]', 'other']);
    });

    test('the stored content hash cannot be inverted to the removed SSN, and retries and conflicts are still told apart', async () => {
      const secret = '078-05-1120';
      const r = record({ q3: `my SSN is ${secret}, the form kept timing out` });
      assert.equal((await post(r)).statusCode, 201);
      const row = (await backend.rawRows()).find((x) => x.id === r.id)!;
      // The attacker's search: every candidate SSN put back where the marker is, hashed as sent.
      // (A real search runs 10^9 candidates in minutes; 2,000 around the true one show the point.)
      const storedRecord = JSON.parse(row.record as string) as ResponseRecord;
      const matches: string[] = [];
      for (let n = 78_051_000; n < 78_053_000; n++) {
        const s = String(n).padStart(9, '0');
        const guess = `${s.slice(0, 3)}-${s.slice(3, 5)}-${s.slice(5)}`;
        if (contentHash({ ...storedRecord, q3: storedRecord.q3!.replace('[SSN]', guess) }) === row.content_hash) matches.push(guess);
      }
      assert.deepEqual(matches, [], 'the content hash gives the SSN away');
      assert.ok(!JSON.stringify(row).includes('078-05-1120'));
      // A retry is a duplicate; other content under the same id is still a 409.
      assert.equal((await post(r)).statusCode, 200);
      const conflict = await post({ ...r, q3: 'something else entirely' });
      assert.equal(conflict.statusCode, 409);
      assert.equal(conflict.json().error.code, 'id_conflict');
    });
  });
}
