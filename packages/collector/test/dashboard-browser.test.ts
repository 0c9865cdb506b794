/**
 * The dashboard in Chromium against a real collector: sign in, page through
 * thousands of services, filter by quarter and channel, open a service with
 * the keyboard, download its CSV, and axe finds nothing — and axe does find
 * a deliberately broken fixture, so the check is real.
 * Set CX_SCREENSHOTS=<dir> to also save screenshots (docs/ uses them).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ADMIN } from './helpers.js';
import { openPage, axe, CHROMIUM, choose, launchChromium, shadowText, waitShadow, type Browser, type Page } from './dashboard-page.js';
import { startCollector, type Running } from './process.js';
import { DAY, HISTORY_GRACE, Q2_FROM, Q2_TO, admin, fivePoint, post, servicesFile, thumbs } from './dashboard-fixtures.js';

const BUNDLE = fileURLToPath(new URL('../../dashboard/dist/dashboard.js', import.meta.url));
const SHOTS = process.env.CX_SCREENSHOTS;
const SERVICE_COUNT = 3000;

describe('dashboard in Chromium', { timeout: 180_000 }, () => {
  let collector: Running;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const downloads = mkdtempSync(join(tmpdir(), 'cx-dl-'));

  before(async () => {
    assert.ok(existsSync(BUNDLE), `${BUNDLE} is missing: run "npm run build" first`);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    // Thousands of declared services; a few hundred with responses.
    const ids = Array.from({ length: SERVICE_COUNT }, (_, i) => ({ id: `svc-${String(i).padStart(4, '0')}`, name: `Benefit service ${i}` }));
    ids[0] = { id: 'passport-renewal', name: 'Passport renewal' };
    ids[1] = { id: 'tax-help', name: 'Tax help line', scale: 'five-point' } as (typeof ids)[number];
    const dir = mkdtempSync(join(tmpdir(), 'cx-browser-'));
    collector = await startCollector(['--db', join(dir, 'r.sqlite'), '--services', servicesFile(ids), '--admin-token', ADMIN, '--rate-per-second', '0', ...HISTORY_GRACE, '--dashboard', '--log-level', 'warn']);
    const records = [
      ...thumbs('passport-renewal', 400, 0.72, Q2_FROM, Q2_TO - 40 * DAY),
      ...thumbs('passport-renewal', 200, 0.55, Q2_TO - 40 * DAY, Q2_TO),
      ...thumbs('passport-renewal', 300, 0.8, Q2_FROM - 90 * DAY, Q2_FROM),
      ...fivePoint('tax-help', Array.from({ length: 300 }, (_, i) => (i % 7 === 6 ? null : (i % 5) + 1)), Q2_FROM, Q2_TO),
    ];
    for (let i = 2; i < 300; i++) records.push(...thumbs(ids[i].id, 5 + (i % 17), (i % 10) / 10, Q2_FROM, Q2_TO));
    await post(collector.url, records);
    browser = await launchChromium();
    page = await openPage(browser, errors);
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  });

  after(async () => {
    await browser?.close();
    collector?.proc.kill('SIGTERM');
    await collector?.exited;
  });

  test('asks for the token, then loads; numbers match the report API', async () => {
    const origins = new Set<string>();
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    await page.goto(`${collector.url}/dashboard/`);
    await waitShadow(page, 'input[name="token"]');
    assert.equal(await shadowText(page, 'table'), null, 'no data before signing in');
    await page.evaluate((t) => {
      const root = document.querySelector('cx-dashboard')!.shadowRoot!;
      (root.querySelector('input[name="token"]') as HTMLInputElement).value = t;
      (root.querySelector('form') as HTMLFormElement).requestSubmit();
    }, ADMIN);
    await waitShadow(page, 'table[data-field="services"] tbody tr');
    await choose(page, 'fy', '2025');
    await choose(page, 'quarter', '2');
    await waitShadow(page, 'table[data-field="services"] caption', { includes: 'FY 2025 Q2' });
    await waitShadow(page, 'tr[data-service="passport-renewal"]');
    const caption = await shadowText(page, 'table[data-field="services"] caption');
    assert.match(caption!, /1–25 of 3,000/);
    const rows = await page.evaluate(() => document.querySelector('cx-dashboard')!.shadowRoot!.querySelectorAll('table[data-field="services"] tbody tr').length);
    assert.equal(rows, 25, 'one page of services, not thousands of rows');
    const { reports } = await admin<{ reports: Array<{ responses: number; trust: { answered: number; percent: number } }> }>(collector.url, '/v1/reports?fy=2025&quarter=2&service=passport-renewal');
    assert.equal(await shadowText(page, 'tr[data-service="passport-renewal"] [data-field="responses"]'), reports[0].responses.toLocaleString('en-US'));
    assert.equal(await shadowText(page, 'tr[data-service="passport-renewal"] [data-field="trust"]'), `${reports[0].trust.percent.toFixed(1)} %`);
    const overview = await admin<{ responses: number }>(collector.url, '/v1/dashboard/overview?fy=2025&quarter=2');
    assert.equal(await shadowText(page, '[data-field="total-responses"]'), overview.responses.toLocaleString('en-US'));
    assert.deepEqual([...origins], [collector.url], 'no third-party requests');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'dashboard-overview.png'), fullPage: true });
  });

  test('filters by channel and pages through services', async () => {
    await choose(page, 'channel', 'kiosk');
    await waitShadow(page, '.status', { includes: 'channel kiosk' });
    const { reports } = await admin<{ reports: Array<{ byChannel: Record<string, { responses: number; trust: { percent: number } }> }> }>(
      collector.url,
      '/v1/reports?fy=2025&quarter=2&service=passport-renewal',
    );
    await waitShadow(page, 'tr[data-service="passport-renewal"] [data-field="responses"]', { equals: reports[0].byChannel.kiosk.responses.toLocaleString('en-US') });
    assert.equal(await shadowText(page, 'tr[data-service="passport-renewal"] [data-field="trust"]'), `${reports[0].byChannel.kiosk.trust.percent.toFixed(1)} %`);
    await page.evaluate(() => (document.querySelector('cx-dashboard')!.shadowRoot!.querySelectorAll('.pager button')[1] as HTMLButtonElement).click());
    await waitShadow(page, 'table[data-field="services"] caption', { includes: '26–50 of 3,000' });
    await choose(page, 'channel', '');
    await page.evaluate(() => (document.querySelector('cx-dashboard')!.shadowRoot!.querySelectorAll('.pager button')[0] as HTMLButtonElement).click());
    await waitShadow(page, 'table[data-field="services"] caption', { includes: '1–25 of 3,000' });
  });

  test('opens a service with the keyboard and downloads its CSV', async () => {
    await waitShadow(page, 'tr[data-service="passport-renewal"] button');
    await page.evaluate(() => (document.querySelector('cx-dashboard')!.shadowRoot!.querySelector('tr[data-service="passport-renewal"] button') as HTMLButtonElement).focus());
    await page.keyboard.press('Enter');
    await waitShadow(page, '[data-field="detail-responses"]');
    const d = await admin<{ responses: number; trust: { percent: number } }>(collector.url, '/v1/dashboard/services/passport-renewal?fy=2025&quarter=2');
    assert.equal(await shadowText(page, '[data-field="detail-responses"]'), d.responses.toLocaleString('en-US'));
    assert.equal(await shadowText(page, '[data-field="detail-trust"]'), `${d.trust.percent.toFixed(1)} %`);
    // The channel mix: each channel's share of the quarter's responses, from the same figures.
    const byChannel = await admin<{ byChannel: Array<{ value: string; responses: number }> }>(collector.url, '/v1/dashboard/services/passport-renewal?fy=2025&quarter=2');
    for (const c of byChannel.byChannel)
      assert.equal(await shadowText(page, `table[data-field="by-channel"] tr[data-value="${c.value}"] [data-field="share"]`), `${((100 * c.responses) / d.responses).toFixed(1)} %`, c.value);
    // Focus moved to the detail heading, so keyboard and screen-reader users land on what they opened.
    assert.equal(await page.evaluate(() => document.querySelector('cx-dashboard')!.shadowRoot!.activeElement?.id), 'detail-heading');
    const charts = await page.evaluate(() => document.querySelector('cx-dashboard')!.shadowRoot!.querySelectorAll('cx-chart').length);
    assert.equal(charts, 5, 'volume, weekly trust, quarterly trust and two driver plots');
    const canvases = await page.evaluate(() => [...document.querySelector('cx-dashboard')!.shadowRoot!.querySelectorAll('cx-chart')].filter((c) => c.shadowRoot!.querySelector('canvas')).length);
    assert.equal(canvases, 5, 'every plot is drawn');
    await page.evaluate(() => {
      const b = [...document.querySelector('cx-dashboard')!.shadowRoot!.querySelectorAll('button')].find((x) => x.textContent!.includes('CSV'))!;
      b.click();
    });
    const file = join(downloads, 'cx-passport-renewal-fy2025-q2.csv');
    const end = Date.now() + 15_000;
    while (!existsSync(file) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    assert.ok(existsSync(file), `no download in ${downloads}: ${readdirSync(downloads).join(', ')}`);
    const api = await (await fetch(`${collector.url}/v1/export.csv?service=passport-renewal&fy=2025&quarter=2`, { headers: { authorization: `Bearer ${ADMIN}` } })).text();
    assert.equal(readFileSync(file, 'utf8'), api);
    assert.equal(api.trim().split('\r\n').length, 1 + d.responses);
    if (SHOTS) {
      await page.evaluate(() => document.querySelector('cx-dashboard')!.shadowRoot!.querySelectorAll('details').forEach((x, i) => (x.open = i === 1)));
      const el = await page.evaluateHandle(() => document.querySelector('cx-dashboard')!.shadowRoot!.querySelector('[data-field="detail"]')!);
      await (el as unknown as { screenshot: (o: object) => Promise<unknown> }).screenshot({ path: join(SHOTS, 'dashboard-service.png') });
    }
  });

  test('axe finds no violations, and does find a broken fixture', async () => {
    await page.evaluate(() => document.querySelector('cx-dashboard')!.shadowRoot!.querySelectorAll('details').forEach((x) => (x.open = true)));
    const violations = await axe(page);
    assert.deepEqual(violations.map((v) => `${v.id} (${v.nodes.length})`), []);
    // The same check on a nameless button in the same shadow root must fail.
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'broken-fixture';
      document.querySelector('cx-dashboard')!.shadowRoot!.querySelector('main')!.append(b);
    });
    assert.ok((await axe(page)).some((v) => v.id === 'button-name'), 'axe must report the nameless button');
    await page.evaluate(() => document.querySelector('cx-dashboard')!.shadowRoot!.querySelector('#broken-fixture')!.remove());
    assert.deepEqual(errors, [], 'no console errors, CSP violations or failed requests');
  });
});
