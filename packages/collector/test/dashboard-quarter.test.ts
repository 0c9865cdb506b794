/**
 * The dashboard shows a quarter as it was reported (issue #14) in Chromium against a real collector: a
 * closed quarter's frozen figures, not the live ones, with its late arrivals apart; and a quarter in
 * which the service moved from thumbs to five-point, each scale's figures side by side. axe finds nothing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ADMIN, PRA } from './helpers.js';
import { startCollector, type Running } from './process.js';
import { HISTORY_GRACE, Q2_FROM, Q2_TO, admin, fivePoint, post, thumbs } from './dashboard-fixtures.js';
import { openPage, axe, choose, launchChromium, shadowText, signIn, waitShadow, type Browser, type Page } from './dashboard-page.js';

const BUNDLE = fileURLToPath(new URL('../../dashboard/dist/dashboard.js', import.meta.url));
/** The move: thumbs until February 15, 2025, then five-point with 4-5 positive. */
const MOVE = Date.UTC(2025, 1, 15);

describe('dashboard: a closed quarter with a scale change', { timeout: 120_000 }, () => {
  let collector: Running;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    assert.ok(existsSync(BUNDLE), `${BUNDLE} is missing: run "npm run build" first`);
    const dir = mkdtempSync(join(tmpdir(), 'cx-dash-quarter-'));
    const services = join(dir, 'services.json');
    const ALL = ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other', 'none'];
    writeFileSync(services, JSON.stringify({ services: [{ id: 'moving', name: 'Moving service', agency: 'Test Agency', drivers: ALL, pra: PRA, scale: 'five-point', positiveCut: 4, scaleHistory: [{ until: '2025-02-15', scale: 'thumbs' }] }] }));
    collector = await startCollector(['--db', join(dir, 'r.sqlite'), '--services', services, '--admin-token', ADMIN, '--rate-per-second', '0', ...HISTORY_GRACE, '--dashboard', '--log-level', 'warn']);
    // By hand: thumbs 6 up of 10 (60 %); five-point 5, 4, 3, 1 at cut 4: 2 of 4 (50 %).
    await post(collector.url, [...thumbs('moving', 10, 0.6, Q2_FROM, MOVE), ...fivePoint('moving', [5, 4, 3, 1], MOVE, Q2_TO)]);
    const closing = await fetch(`${collector.url}/v1/quarters/close?fy=2025&quarter=2&service=moving`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
    assert.equal(closing.status, 201, await closing.text());
    // Two late kiosk uploads answered in March, ratings 1 and 2: they must not change the submitted figures.
    await post(collector.url, fivePoint('moving', [1, 2], Date.UTC(2025, 2, 20), Date.UTC(2025, 2, 21)));
    browser = await launchChromium();
    page = await openPage(browser, errors);
  });

  after(async () => {
    await browser?.close();
    collector?.proc.kill('SIGTERM');
    await collector?.exited;
  });

  test("the service shows the frozen figures as submitted, the late arrivals apart, and each scale's trust side by side", async () => {
    await signIn(page, collector.url, ADMIN);
    await waitShadow(page, 'table[data-field="services"] tbody tr');
    await choose(page, 'fy', '2025');
    await choose(page, 'quarter', '2');
    await waitShadow(page, 'table[data-field="services"] caption', { includes: 'FY 2025 Q2' });
    await waitShadow(page, 'tr[data-service="moving"] button');
    await page.evaluate(() => (document.querySelector('cx-dashboard')!.shadowRoot!.querySelector('tr[data-service="moving"] button') as HTMLButtonElement).click());
    await waitShadow(page, '[data-field="report-status"]', { includes: 'Closed on' });

    const { reports } = await admin<{ reports: Array<{ responses: number; closed: { records: number }; lateArrivals: { responses: number } }> }>(collector.url, '/v1/reports?fy=2025&quarter=2&service=moving');
    assert.deepEqual([reports[0].responses, reports[0].closed.records, reports[0].lateArrivals.responses], [14, 14, 2]);
    // Frozen, not live: 14 submitted, while the live figures count all 16 received.
    assert.equal(await shadowText(page, '[data-field="report-responses"]'), '14');
    assert.match((await shadowText(page, '[data-field="report-status"]'))!, /with 14 responses: these are the figures as submitted.* 2 response\(s\) of the quarter arrived after closing/);
    assert.equal(await shadowText(page, '[data-field="detail-responses"]'), '16');
    // Side by side, never added up: thumbs 60 %, five-point 50 % at its cut.
    const rows = await page.evaluate(() =>
      [...document.querySelector('cx-dashboard')!.shadowRoot!.querySelectorAll('table[data-field="trust-by-scale"] tbody tr')].map((tr) => [
        tr.getAttribute('data-scale'),
        ...[...tr.children].map((c) => c.textContent!.trim()),
      ]),
    );
    assert.deepEqual(rows, [
      ['thumbs:', 'thumbs', '10', '10', '60.0 % (6 of 10 thumbs up)'],
      ['five-point:4', 'five-point with 4-5 positive', '4', '4', '50.0 % (4-5 of 4 ratings)'],
    ]);
    assert.equal(await shadowText(page, '[data-field="report-trust"]'), '50.0 % (4-5 of 4 ratings)');
    assert.match((await shadowText(page, '[data-field="report-warnings"]'))!, /more than one scale.*never add them up/);
  });

  test('axe finds no violations in the report block; no console errors or failed requests', async () => {
    await page.evaluate(() => document.querySelector('cx-dashboard')!.shadowRoot!.querySelectorAll('details').forEach((x) => (x.open = true)));
    assert.deepEqual((await axe(page)).map((v) => `${v.id} (${v.nodes.length})`), []);
    assert.deepEqual(errors, []);
  });
});
