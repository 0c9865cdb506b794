import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serviceEntryProblems } from './service-entry.js';

const good = {
  id: 'passport-renewal',
  name: 'Passport renewal',
  agency: 'Example Agency',
  scale: 'five-point',
  positiveCut: 4,
  drivers: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', { key: 'employee', positive: 'Staff helped', negative: 'Staff did not help' }],
  pra: { controlNumber: '1234-5678', expiration: '2099-12-31' },
  origins: ['https://www.example.gov'],
};
const paths = (entry: unknown) => serviceEntryProblems(entry).map((p) => p.path);

test('a complete services entry has no problems', () => {
  assert.deepEqual(serviceEntryProblems(good), []);
});

test('each problem of an entry is reported at its setting, as the collector words it', () => {
  assert.deepEqual(paths({ ...good, id: 'bad id' }), ['id']);
  assert.match(serviceEntryProblems({ ...good, id: undefined })[0].message, /^id is required/);
  assert.deepEqual(paths({ ...good, drivers: ['effectiveness', 'ease'] }), ['drivers', 'drivers', 'drivers', 'drivers']);
  assert.deepEqual(paths({ ...good, pra: undefined }), ['pra']);
  assert.deepEqual(paths({ ...good, pra: { controlNumber: '1234-5678', expiration: '2099-02-30' } }), ['pra.expiration']);
  assert.deepEqual(paths({ ...good, praExempt: 'internal' }), ['pra']);
  assert.deepEqual(paths({ ...good, origins: ['https://www.example.gov/', 'www.example.gov'] }), ['origins[0]', 'origins[1]']);
  // URL parses "*" as a host: a wildcard must still be refused, not taken as a literal host.
  assert.deepEqual(paths({ ...good, origins: ['https://*.gov', 'https://*', 'http://localhost:8765'] }), ['origins[0]', 'origins[1]']);
  assert.deepEqual(paths({ ...good, drivers: [...good.drivers.slice(0, 3), 'humanity', 'employee'], notApplicable: { transparency: ' ' } }), ['notApplicable.transparency']);
  assert.deepEqual(paths({ ...good, drivers: [...good.drivers.slice(0, 3), 'humanity', 'employee'], notApplicable: { transparency: 'No decisions are made.' } }), []);
});
