import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DRIVER_KEYS } from '@cx-survey/protocol';
import { chartLabel, ci, DRIVER_NAMES, num, pct } from './format.js';

test('driver names are the seed\'s, one per driver, and their chart labels are distinct', () => {
  assert.deepEqual(Object.keys(DRIVER_NAMES).sort(), [...DRIVER_KEYS].sort());
  assert.equal(DRIVER_NAMES.humanity, 'Humanity / Equity');
  const labels = DRIVER_KEYS.map(chartLabel);
  assert.equal(new Set(labels).size, labels.length, labels.join(', '));
  assert.equal(chartLabel('other'), 'Something else');
  assert.equal(chartLabel('none'), 'None of the above');
  assert.equal(chartLabel('employee'), 'Employee');
});

test('percentages, intervals and counts as the tables show them', () => {
  assert.equal(pct(66.66), '66.7 %');
  assert.equal(pct(null), '—');
  assert.equal(ci({ ci: { low: 40.04, high: 80 } }), '40.0–80.0 %');
  assert.equal(ci({ ci: null }), '—');
  assert.equal(num(3000), '3,000');
});
