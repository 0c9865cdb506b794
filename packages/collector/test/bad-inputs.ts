/**
 * More bad inputs for the ingest suite (ingest.test.ts): every field missing, of the wrong type or
 * shape, malformed bodies and encodings, and what the attack report of issue 15 sent.
 */
import { gzipSync } from 'node:zlib';
import { recordSchema, WINDOW_TOKEN_TYPE } from '@cx-survey/protocol';
import { SignJWT } from 'jose';
import { record, SECRET } from './helpers.js';

export interface BadInput {
  name: string;
  body: unknown;
  raw?: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  code: string;
  field?: string;
}

const REQUIRED = recordSchema.required as readonly string[];

/** A value of the wrong JSON type for each field. */
const WRONG_TYPE: Record<string, unknown[]> = {
  id: [42, null, ['a']],
  schemaVersion: ['1', null],
  service: [7, null, { id: 't-thumbs' }],
  surveyType: [1, null],
  channel: [true, null],
  scale: [5, null],
  q1: ['1', true, [1], 1.5],
  branch: [1, true],
  q2: ['ease', null, { 0: 'ease' }],
  offered: ['ease', null],
  q3: [5, false, ['text']],
  answers: [[], 'x', null],
  locale: [1, null],
  answeredAt: [1735689600000, null],
  pagePath: [1, null],
  location: [1, null],
  token: [1, null],
  positiveCut: ['5', 1.5],
};

async function token(claims: Record<string, unknown>, secret = SECRET, alg = 'HS256'): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ svc: 't-token', txn: now - 60, iat: now - 60, exp: now + 3600, jti: 'j-1', ...claims })
    .setProtectedHeader({ alg, typ: WINDOW_TOKEN_TYPE })
    .sign(new TextEncoder().encode(secret));
}

export async function moreBadInputs(): Promise<BadInput[]> {
  const bad: BadInput[] = [];
  for (const field of REQUIRED) {
    const { [field]: _dropped, ...rest } = record() as unknown as Record<string, unknown>;
    bad.push({ name: `a record without ${field}`, body: rest, status: 400, code: 'missing_field', field });
  }
  for (const [field, values] of Object.entries(WRONG_TYPE))
    for (const value of values) bad.push({ name: `${field} as ${JSON.stringify(value)}`, body: { ...record(), [field]: value }, status: 400, code: 'invalid_field', field });

  const shape = (name: string, overrides: Record<string, unknown>, field: string) => bad.push({ name, body: { ...record(), ...overrides }, status: 400, code: 'invalid_field', field });
  shape('an id in capitals', { id: '0F8FAD5B-D9CB-469F-A165-70867728950E' }, 'id');
  shape('an id with version nibble 0', { id: '0f8fad5b-d9cb-069f-a165-70867728950e' }, 'id');
  shape('an id with a bad variant', { id: '0f8fad5b-d9cb-469f-c165-70867728950e' }, 'id');
  shape('an id of 2,000,000 characters', { id: 'x'.repeat(2_000_000) }, 'id');
  shape('an id holding an SSN', { id: 'my ssn is 123-45-6789' }, 'id');
  shape('an id with a NUL', { id: '0f8fad5b-d9cb-469f-a165-70867728950\u0000' }, 'id');
  shape('a service id with a space', { service: 't thumbs' }, 'service');
  shape('a service id of 65 characters', { service: 'a'.repeat(65) }, 'service');
  shape('a service id starting with a dash', { service: '-thumbs' }, 'service');
  shape('a service id in another script', { service: 'тест' }, 'service');
  shape('a channel in capitals', { channel: 'Web' }, 'channel');
  shape('a channel of 33 characters', { channel: 'a'.repeat(33) }, 'channel');
  shape('an unknown scale', { scale: 'ten-point' }, 'scale');
  shape('a Q1 of 6', { q1: 6 }, 'q1');
  shape('a Q1 below 0', { q1: -1 }, 'q1');
  shape('an unknown branch', { branch: 'neutral' }, 'branch');
  shape('nine drivers', { q2: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other', 'none', 'ease'] }, 'q2');
  shape('an empty Q3', { q3: '' }, 'q3');
  shape('an empty text answer', { answers: { note: '' } }, 'answers.note');
  shape('an answer that is an object', { answers: { note: { a: 1 } } }, 'answers.note');
  shape('an empty choice answer', { answers: { pick: [] } }, 'answers.pick');
  shape('a repeated choice', { answers: { pick: ['a', 'a'] } }, 'answers.pick');
  shape('a choice with a space', { answers: { pick: ['a b'] } }, 'answers.pick');
  shape('21 choices', { answers: { pick: Array.from({ length: 21 }, (_, i) => `c${i}`) } }, 'answers.pick');
  shape('an answer id starting with a digit', { answers: { '1x': 'x' } }, 'answers');
  shape('an answer id of 33 characters', { answers: { ['a'.repeat(33)]: 'x' } }, 'answers');
  shape('a locale with an underscore', { locale: 'en_US' }, 'locale');
  shape('a locale of one letter', { locale: 'e' }, 'locale');
  shape('a locale of 36 characters', { locale: `en-${'abcdefgh-'.repeat(4)}` }, 'locale');
  shape('an answeredAt without a time', { answeredAt: '2025-01-02' }, 'answeredAt');
  shape('an answeredAt without a zone', { answeredAt: '2025-01-02T10:00:00' }, 'answeredAt');
  shape('an answeredAt in epoch text', { answeredAt: '1735689600' }, 'answeredAt');
  shape('an answeredAt of 41 characters', { answeredAt: `2025-01-02T10:00:00.${'0'.repeat(20)}Z` }, 'answeredAt');
  shape('a page path without a leading slash', { pagePath: 'apply/done' }, 'pagePath');
  shape('a page path with a fragment', { pagePath: '/done#ssn=123456789' }, 'pagePath');
  shape('a page path of 2001 characters', { pagePath: `/${'a'.repeat(2000)}` }, 'pagePath');
  shape('a location with an e-mail address', { location: 'jo@example.com' }, 'location');
  shape('a location with a space', { location: 'office 12' }, 'location');
  shape('an empty token', { token: '' }, 'token');
  shape('a token of 4097 characters', { token: 'a'.repeat(4097) }, 'token');
  shape('a positive cut of 6', { positiveCut: 6 }, 'positiveCut');
  shape('a schema version of 0', { schemaVersion: 0 }, 'schemaVersion');

  const body = (name: string, raw: string | Buffer, status: number, code: string, headers?: Record<string, string>) => bad.push({ name, body: null, raw, status, code, headers });
  body('a string for a body', '"a record"', 400, 'invalid_record');
  body('true for a body', 'true', 400, 'invalid_record');
  body('trailing garbage after the JSON', `${JSON.stringify(record())} trailing`, 400, 'invalid_json');
  body('NaN in the JSON', '{"q1": NaN}', 400, 'invalid_json');
  body('a comment in the JSON', '/* hi */ {}', 400, 'invalid_json');
  body('single quotes', "{'id': 'x'}", 400, 'invalid_json');
  body('a constructor.prototype key', `{"constructor": {"prototype": {"admin": true}}, "id": "x"}`, 400, 'invalid_json');
  body('a __proto__ key inside answers', `{"answers": {"__proto__": {"x": 1}}}`, 400, 'invalid_json');
  body('JSON nested 10,000 deep', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, 400, 'missing_field');
  body('an unterminated string', '{"id": "abc', 400, 'invalid_json');
  body('a form-encoded body', 'id=1&q1=1', 415, 'unsupported_media_type', { 'content-type': 'application/x-www-form-urlencoded' });
  body('a multipart body', '--x\r\n\r\n--x--', 415, 'unsupported_media_type', { 'content-type': 'multipart/form-data; boundary=x' });
  body('an HTML body', '<p>hi</p>', 415, 'unsupported_media_type', { 'content-type': 'text/html' });
  body('a gzip body that is not gzip', 'not gzip at all', 400, 'invalid_encoding', { 'content-encoding': 'gzip' });
  body('a truncated gzip body', gzipSync(JSON.stringify(record({ q3: 'x'.repeat(3000) }))).subarray(0, 40), 400, 'invalid_encoding', { 'content-encoding': 'gzip' });
  body('a body in an unknown encoding', JSON.stringify(record()), 415, 'unsupported_encoding', { 'content-encoding': 'compress' });
  body('a body in zstd', JSON.stringify(record()), 415, 'unsupported_encoding', { 'content-encoding': 'zstd' });
  body('a gzip bomb past the body limit', gzipSync(Buffer.alloc(30_000_000, 32)), 413, 'body_too_large', { 'content-encoding': 'gzip' });
  body('a Content-Length larger than the body', JSON.stringify(record()), 400, 'bad_request', { 'content-length': '99999' });

  const tokenCase = (name: string, tok: string, status: number, code: string) => bad.push({ name, body: record({ service: 't-token', token: tok }), status, code, field: 'token' });
  tokenCase('a token whose jti holds a NUL', await token({ jti: 'abc\u0000def' }), 400, 'token_malformed');
  tokenCase('a token whose jti holds a line break', await token({ jti: 'abc\ndef' }), 400, 'token_malformed');
  tokenCase('a token signed with another secret', await token({}, 'another-secret-another-secret-another-0'), 401, 'token_invalid');
  tokenCase('a token for another service', await token({ svc: 't-thumbs' }), 422, 'token_wrong_service');
  tokenCase('an expired token', await token({ txn: 1_000_000, iat: 1_000_000, exp: 1_000_100 }), 422, 'token_expired');
  tokenCase('a token without a jti', await token({ jti: undefined }), 400, 'token_malformed');
  tokenCase('a token of type JWT', await new SignJWT({ svc: 't-token' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(SECRET)), 401, 'token_invalid');
  tokenCase('a token with alg none', `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"svc":"t-token"}').toString('base64url')}.`, 401, 'token_invalid');

  const origin = (name: string, value: string) => bad.push({ name, body: record(), headers: { origin: value }, status: 403, code: 'origin_not_allowed' });
  origin('the origin "null"', 'null');
  origin('an allowed origin with a path', 'http://localhost:8765/x');
  origin('an allowed origin on another port', 'http://localhost:8766');
  origin('an allowed origin over https', 'https://localhost:8765');
  return bad;
}

/** One part of a multipart/form-data body: a text field, or a file when it has a filename. */
export interface FormPart {
  name: string;
  value: string | Buffer;
  filename?: string;
  type?: string;
}

export const FORM_BOUNDARY = 'cx-form-boundary';

/** A multipart/form-data body as a browser's upload form sends it. */
export function formBody(parts: FormPart[], { end = true } = {}): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const head = `--${FORM_BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  if (end) chunks.push(Buffer.from(`--${FORM_BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

/** Bad uploads to the admin POST /v1/imports form (import.test.ts): each a 4xx with a clear message, nothing stored. */
export function badImportUploads(bodyLimit: number): BadInput[] {
  const csv = 'external_id,answered_at,q1\nU-1,2026-11-02,1\n';
  const fields = [
    { name: 'service', value: 't-thumbs' },
    { name: 'channel', value: 'paper' },
  ];
  const file = (extra: Partial<FormPart> = {}): FormPart => ({ name: 'file', value: csv, filename: 'paper.csv', type: 'text/csv', ...extra });
  const form = (name: string, parts: FormPart[], status: number, code: string, field?: string, options?: { end?: boolean }) =>
    ({ name, body: null, raw: formBody(parts, options), headers: { 'content-type': `multipart/form-data; boundary=${FORM_BOUNDARY}` }, status, code, field }) satisfies BadInput;
  return [
    form('a form without a file', fields, 400, 'invalid_upload', 'file'),
    form('a form whose file is empty', [...fields, file({ value: '' })], 400, 'invalid_import', 'data'),
    form('a PNG for a file', [...fields, file({ filename: 'scan.png', type: 'image/png', value: Buffer.from([0x89, 0x50, 0x4e, 0x47]) })], 415, 'unsupported_file_type', 'file'),
    form('a PDF for a file', [...fields, file({ filename: 'forms.pdf', type: 'application/pdf', value: '%PDF-1.7' })], 415, 'unsupported_file_type', 'file'),
    form('a file over the body limit', [...fields, file({ value: `${csv}${'U-2,2026-11-02,1\n'.repeat(Math.ceil(bodyLimit / 16))}` })], 413, 'file_too_large', 'file'),
    form('two files', [...fields, file(), file({ filename: 'more.csv' })], 400, 'invalid_upload', 'file'),
    form('the file in another field', [...fields, file({ name: 'upload' })], 400, 'invalid_upload', 'upload'),
    form('an unknown form field', [...fields, { name: 'overwrite', value: 'true' }, file()], 400, 'invalid_upload', 'overwrite'),
    form('an unknown service', [{ name: 'service', value: 'nope' }, { name: 'channel', value: 'paper' }, file()], 400, 'invalid_import', 'service'),
    form('a web channel', [{ name: 'service', value: 't-thumbs' }, { name: 'channel', value: 'web' }, file()], 400, 'invalid_import', 'channel'),
    form('a form cut off before its end', [...fields, file()], 400, 'invalid_upload', undefined, { end: false }),
    { name: 'a multipart body without a boundary', body: null, raw: formBody([...fields, file()]), headers: { 'content-type': 'multipart/form-data' }, status: 400, code: 'invalid_upload' },
  ];
}
