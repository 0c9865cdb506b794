// What the examples test needs: the collector started exactly as `npm start` starts it (scripts/start.mjs),
// on a free port with a throwaway SQLite file, and a headless Chromium driven through puppeteer-core.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/processes.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const axeSource = readFileSync(join(root, 'test/node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs `node scripts/start.mjs` with PORT=0 and a temp database; resolves once the collector listens. */
export async function startCollector() {
  const dir = mkdtempSync(join(tmpdir(), 'cx-examples-'));
  const adminToken = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CX_DB: join(dir, 'examples.sqlite'),
      CX_ADMIN_TOKEN: adminToken,
      CX_TOKEN_SECRET: randomBytes(32).toString('base64url'),
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /"listening":"(http[^"]+)"/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`scripts/start.mjs exited (${code}) before listening:\n${out}`)));
  });
  return {
    url,
    adminToken,
    /** What scripts/start.mjs printed so far (the collector's log and the banner). */
    output: () => out,
    /** GET an admin route; returns { status, body }. */
    async admin(path) {
      const res = await fetch(url + path, { headers: { authorization: `Bearer ${adminToken}` } });
      const text = await res.text();
      let body = text;
      try {
        body = JSON.parse(text);
      } catch {}
      return { status: res.status, body };
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser() {
  return launchChromium();
}

/**
 * A fresh page (own browser context: own IndexedDB) that records every cx-submit detail on
 * window.__cxSubmits, every request to another origin, and page errors.
 */
export async function openPage(browser, origin) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const foreign = [];
  const errors = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'about:blank') foreign.push(u);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // Failed loads are reported below with their URL instead.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('response', (r) => {
    // Chromium asks for /favicon.ico by itself; the examples have none.
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
  });
  // Injected through the DevTools protocol, so it is not an inline script in the page's eyes (CSP).
  await page.evaluateOnNewDocument(() => {
    window.__cxSubmits = [];
    window.__cxAnswers = [];
    document.addEventListener('cx-submit', (e) => window.__cxSubmits.push(e.detail), true);
    document.addEventListener('cx-answer', (e) => window.__cxAnswers.push(e.detail), true);
  });
  return { page, context, foreign, errors };
}

/** Runs axe-core on the whole document (it enters open shadow roots); returns its violations. */
export async function axe(page) {
  // Runtime.evaluate, not a <script> tag: a strict CSP page would refuse an injected inline script.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Waits, with a generous ceiling that only turns a hang into a failure, until fn() in the page is truthy. */
export const until = (page, fn, arg) => page.waitForFunction(fn, { timeout: 20_000, polling: 50 }, arg);

/** The survey's shadow-DOM element for a selector, through any number of shadow roots. */
export const deep = (page, selector) => page.waitForSelector(`pierce/${selector}`, { visible: true, timeout: 20_000 });

/**
 * Answers a survey the way a respondent does, with real clicks: Q1 (first choice, "Agree" on thumbs),
 * the first driver of the checklist that appears, then Submit. Returns the cx-submit detail.
 */
export async function completeSurvey(page, { before = 0 } = {}) {
  await (await deep(page, 'label.tile')).click();
  await (await deep(page, '.q2 label.check')).click();
  await (await deep(page, 'button[part=submit]')).click();
  await until(page, (n) => window.__cxSubmits.length > n, before);
  return page.evaluate((n) => window.__cxSubmits[n], before);
}

/** Polls the collector's admin API until the record is stored (delivery is asynchronous). */
export async function storedRecord(collector, id) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { status, body } = await collector.admin(`/v1/responses/${encodeURIComponent(id)}`);
    if (status === 200) return body;
    if (status !== 404) throw new Error(`GET /v1/responses/${id}: ${status} ${JSON.stringify(body)}`);
    if (Date.now() > deadline) throw new Error(`record ${id} was not stored`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
