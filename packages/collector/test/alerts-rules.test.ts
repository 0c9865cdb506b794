import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalUpperTail, poissonCdf, twoProportionZ, wilson, zForAlpha } from '../src/domain/statistics.js';
import {
  AlertConfigError,
  noResponses,
  parseAlertConfig,
  trustDrop,
  volumeDrop,
  type NoResponsesRule,
  type TrustDropRule,
  type VolumeDropRule,
} from '../src/alerts/rules.js';

const config = parseAlertConfig({
  rules: [
    { id: 'v', type: 'volume-drop' },
    { id: 't', type: 'trust-drop' },
    { id: 'w', type: 'trust-drop', method: 'wilson' },
    { id: 's', type: 'no-responses', hours: 6 },
  ],
});
const [volume, trust, trustWilson, silence] = config.rules as [VolumeDropRule, TrustDropRule, TrustDropRule, NoResponsesRule];

describe('statistics', () => {
  test('Wilson interval matches worked values', () => {
    // 40 of 50 at 95 %: 0.6696 to 0.8876 (Wilson 1927; Newcombe 1998, method 3).
    const i = wilson(40, 50)!;
    assert.equal(i.low.toFixed(4), '0.6696');
    assert.equal(i.high.toFixed(4), '0.8876');
    // Stays within 0-1 at the extremes, where the normal interval would not.
    const all = wilson(10, 10)!;
    assert.equal(all.high, 1);
    assert.equal(all.low.toFixed(4), '0.7225');
    assert.equal(wilson(0, 0), null);
  });

  test('normal tail and its inverse', () => {
    assert.ok(Math.abs(normalUpperTail(1.959964) - 0.025) < 1e-6);
    assert.ok(Math.abs(zForAlpha(0.01) - 2.3263) < 1e-3);
    assert.ok(Math.abs(normalUpperTail(-1) - 0.8413) < 1e-4);
  });

  test('two-proportion z', () => {
    // 80/100 vs 60/100: pooled 0.7, se = sqrt(0.21 * 0.02) = 0.0648, z = 3.086.
    assert.equal(twoProportionZ({ positive: 80, n: 100 }, { positive: 60, n: 100 })!.toFixed(3), '3.086');
    assert.equal(twoProportionZ({ positive: 0, n: 0 }, { positive: 1, n: 2 }), null);
    assert.equal(twoProportionZ({ positive: 5, n: 5 }, { positive: 5, n: 5 }), null);
  });

  test('Poisson cdf', () => {
    assert.ok(Math.abs(poissonCdf(0, 2) - Math.exp(-2)) < 1e-12);
    assert.ok(Math.abs(poissonCdf(2, 2) - 5 * Math.exp(-2)) < 1e-12);
    assert.ok(poissonCdf(50, 100) < 1e-6);
    assert.ok(poissonCdf(95, 100) > 0.3);
  });
});

describe('volume-drop', () => {
  test('fires on a halving of a steady weekly volume', () => {
    const v = volumeDrop(volume, 40, [100, 96, 104, 100]);
    assert.equal(v.firing, true);
    assert.equal(v.detail.baseline, 100);
    assert.match(v.message, /fell to 40/);
  });
  test('quiet on ordinary noise, on small services and on a rise', () => {
    assert.equal(volumeDrop(volume, 88, [100, 96, 104, 100]).firing, false);
    // 2 against a baseline of 6: a 67 % drop, but below minBaseline (20): noise.
    assert.equal(volumeDrop(volume, 2, [6, 5, 7, 6]).firing, false);
    assert.equal(volumeDrop(volume, 300, [100, 100, 100, 100]).firing, false);
    assert.equal(volumeDrop(volume, 0, []).firing, false);
  });
  test('the Poisson check keeps a borderline drop quiet', () => {
    // 50 % below a baseline of 22 passes the threshold, but P(X <= 11 | 22) ≈ 0.0076 — fires at alpha 0.01, not at 0.001.
    assert.equal(volumeDrop(volume, 11, [22, 22, 22, 22]).firing, true);
    assert.equal(volumeDrop({ ...volume, alpha: 0.001 }, 11, [22, 22, 22, 22]).firing, false);
  });
});

describe('trust-drop', () => {
  test('fires on a drop beyond noise (z-test and Wilson)', () => {
    const v = trustDrop(trust, { positive: 320, n: 400 }, { positive: 60, n: 100 });
    assert.equal(v.firing, true);
    assert.equal(v.detail.currentPercent, 60);
    assert.equal(v.detail.baselinePercent, 80);
    assert.equal(trustDrop(trustWilson, { positive: 320, n: 400 }, { positive: 60, n: 100 }).firing, true);
  });
  test('quiet when the drop is within noise', () => {
    // 80 % → 74 % on 100 answers: z ≈ 1.3, p ≈ 0.1.
    assert.equal(trustDrop(trust, { positive: 320, n: 400 }, { positive: 74, n: 100 }).firing, false);
    assert.equal(trustDrop(trustWilson, { positive: 320, n: 400 }, { positive: 74, n: 100 }).firing, false);
  });
  test('quiet with too few answers, even on a large drop', () => {
    const v = trustDrop(trust, { positive: 320, n: 400 }, { positive: 2, n: 10 });
    assert.equal(v.firing, false);
    assert.match(v.message, /too few answers/);
  });
  test('quiet on a significant but tiny drop (minDropPoints)', () => {
    // 80 % → 78 % on huge samples is significant, yet below the 5-point floor.
    assert.equal(trustDrop(trust, { positive: 800_000, n: 1_000_000 }, { positive: 78_000, n: 100_000 }).firing, false);
    assert.equal(trustDrop({ ...trust, minDropPoints: 1 }, { positive: 800_000, n: 1_000_000 }, { positive: 78_000, n: 100_000 }).firing, true);
  });
  test('quiet on a rise', () => {
    assert.equal(trustDrop(trust, { positive: 60, n: 100 }, { positive: 90, n: 100 }).firing, false);
  });
});

describe('no-responses', () => {
  test('fires when a service that had responses goes silent, and stays firing', () => {
    assert.equal(noResponses(silence, 0, 120, false).firing, true);
    // The last response has left the lookback: still firing because it was.
    assert.equal(noResponses(silence, 0, 0, true).firing, true);
  });
  test('resolves when responses return; quiet for never-seen services unless asked', () => {
    assert.equal(noResponses(silence, 1, 0, true).firing, false);
    assert.equal(noResponses(silence, 0, 0, false).firing, false);
    assert.equal(noResponses({ ...silence, includeNeverSeen: true }, 0, 0, false).firing, true);
  });
});

describe('configuration', () => {
  test('defaults are filled in', () => {
    assert.equal(config.intervalSeconds, 300);
    assert.deepEqual(volume, { id: 'v', type: 'volume-drop', services: undefined, windowHours: 168, trailingWindows: 4, dropPercent: 50, minBaseline: 20, alpha: 0.01 });
    assert.equal(trust.method, 'z-test');
    assert.equal(silence.lookbackHours, 168);
  });
  test('mistakes are named', () => {
    const bad = (data: unknown, re: RegExp) => assert.throws(() => parseAlertConfig(data, new Set(['a'])), (e: Error) => e instanceof AlertConfigError && re.test(e.message));
    bad({ rules: [{ id: 'x', type: 'nope' }] }, /rules\[0\]\.type/);
    bad({ rules: [{ id: 'x', type: 'volume-drop', dropPercent: 0 }] }, /rules\[0\]\.dropPercent/);
    bad({ rules: [{ id: 'x', type: 'volume-drop', hours: 3 }] }, /unknown setting "hours"/);
    bad({ rules: [{ id: 'x', type: 'no-responses' }, { id: 'x', type: 'no-responses' }] }, /used twice/);
    bad({ rules: [{ id: 'x', type: 'no-responses', services: ['b'] }] }, /"b" is not in the services file/);
    bad({ webhook: 'ftp://x', rules: [] }, /http/);
    bad({ rules: [], extra: 1 }, /unknown setting "extra"/);
  });
});
