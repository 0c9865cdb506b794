/** The dashboard page driven in Chromium (puppeteer): shared by the dashboard's browser tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// Through the shared test helper: puppeteer-core is one of the test tools in test/node_modules.
import { puppeteerCore } from '../../../test/support/processes.mjs';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const AXE = fileURLToPath(new URL('../../../test/node_modules/axe-core/axe.min.js', import.meta.url));

export const launchChromium = () =>
  puppeteerCore.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

export type Browser = Awaited<ReturnType<typeof puppeteerCore.launch>>;
export type Page = Awaited<ReturnType<Browser['newPage']>>;

/** Text of the element matching a selector inside <cx-dashboard>'s shadow root. */
export const shadowText = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector('cx-dashboard')!.shadowRoot!.querySelector(s)?.textContent?.trim() ?? null, selector);

/** Waits for an element in the shadow root, optionally with text containing or equal to a value (no eval: the page's CSP forbids it). */
export const waitShadow = (page: Page, selector: string, text: { includes?: string; equals?: string } = {}) =>
  page.waitForFunction(
    (s, t) => {
      const el = document.querySelector('cx-dashboard')?.shadowRoot?.querySelector(s);
      if (!el) return false;
      const content = el.textContent ?? '';
      return (t.includes === undefined || content.includes(t.includes)) && (t.equals === undefined || content.trim() === t.equals);
    },
    { timeout: 15_000 },
    selector,
    text,
  );

export async function choose(page: Page, name: string, value: string) {
  await page.evaluate(
    (n, v) => {
      const select = document.querySelector('cx-dashboard')!.shadowRoot!.querySelector(`select[name="${n}"]`) as HTMLSelectElement;
      select.value = v;
      select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    },
    name,
    value,
  );
}

export async function axe(page: Page): Promise<Array<{ id: string; nodes: unknown[] }>> {
  // Evaluated through DevTools, which the page's CSP (script-src 'self') does not govern; a script tag would be refused.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run(document);
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes }));
  });
}

/** Opens the dashboard and signs in with the admin token. */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/dashboard/`);
  await waitShadow(page, 'input[name="token"]');
  await page.evaluate((t) => {
    const root = document.querySelector('cx-dashboard')!.shadowRoot!;
    (root.querySelector('input[name="token"]') as HTMLInputElement).value = t;
    (root.querySelector('form') as HTMLFormElement).requestSubmit();
  }, token);
}

/** A new page at 1280×900 whose console errors, page errors and failed requests are collected into `errors`. */
export async function openPage(browser: Browser, errors: string[]): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  return page;
}
