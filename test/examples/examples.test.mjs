// Each example page in Chromium against the real collector that `npm start` runs: a survey completed
// through the page is stored, axe finds nothing, no request leaves the origin. Plus the strict-CSP
// page's violations, the modal launcher's keyboard focus, and the kiosk's resets.
// Run: npm run test:examples (after npm run build).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { axe, completeSurvey, deep, launchBrowser, openPage, root, startCollector, storedRecord, until } from './harness.mjs';

const { fiscalQuarterOf } = await import(pathToFileURL(join(root, 'packages/protocol/dist/index.js')).href);

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
const openDialog = async (page) => {
  await (await deep(page, 'button[part=button]')).click();
  await until(page, () => document.querySelector('cx-survey-button').shadowRoot.querySelector('dialog').open);
};
const startKiosk = async (page) => (await deep(page, '[part=start-button]')).click();

const pages = [
  { path: '/basic.html', service: 'demo-thumbs' },
  { path: '/five-point.html', service: 'demo-journey' },
  { path: '/languages.html', service: 'demo-thumbs' },
  { path: '/strict-csp.html', service: 'demo-thumbs' },
  { path: '/esm-import-map.html', service: 'demo-five', shows: '#submitted' },
  { path: '/kiosk.html', service: 'demo-thumbs', prepare: startKiosk, expect: { channel: 'kiosk', location: 'springfield-042' } },
  { path: '/webview.html', service: 'demo-thumbs', expect: { channel: 'mobile-app' } },
  { path: '/uswds.html', service: 'demo-thumbs', prepare: openDialog },
  { path: '/bundler/', service: 'demo-thumbs', shows: '#submitted' },
  // The framework apps set config (with an extra question) as a property, and show the id their cx-submit handler got.
  { path: '/react/', service: 'demo-apps', shows: '#submitted', configured: '[part~=extra]' },
  { path: '/vue/', service: 'demo-apps', shows: '#submitted', configured: '[part~=extra]' },
  { path: '/angular/', service: 'demo-apps', shows: '#submitted', configured: '[part~=extra]' },
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
        await example.prepare?.(page);
        await deep(page, '[part~=q1] [part=option]');
        if (example.configured) await deep(page, example.configured);
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
        for (const [key, value] of Object.entries(example.expect ?? {})) assert.equal(record[key], value, `${example.path}: ${key}`);
        if (!example.prepare || example.prepare === openDialog) {
          await deep(page, '[part=thanks] [part=status].sent');
          assert.deepEqual(await axe(page), [], `axe on ${example.path}'s thank-you`);
        }
        if (example.shows) {
          await until(page, ([sel, id]) => document.querySelector(sel)?.textContent.includes(id), [example.shows, submitted.id]);
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
      await deep(page, '[part=thanks] [part=status].sent');
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
      await deep(page, '[part~=q1] [part=option]');
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

/** The focused element, through shadow roots, as "tag.class" plus its text, for assertions and messages. */
const focused = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    const path = [];
    while (el) {
      const part = el.getAttribute('part');
      path.push(`${el.localName}${part ? `[part=${part}]` : ''}${el.name ? `[name=${el.name}]` : ''}`);
      el = el.shadowRoot?.activeElement ?? null;
    }
    return path.join(' > ');
  });

describe('modal launcher (uswds.html) with the keyboard', () => {
  test('Tab reaches the button, Enter opens with focus inside, Escape closes with focus back on the button', async () => {
    const { page, context } = await load('/uswds.html');
    try {
      await deep(page, 'button[part=button]');
      let at = '';
      for (let i = 0; i < 20 && !at.startsWith('cx-survey-button > button[part=button]'); i++) {
        await page.keyboard.press('Tab');
        at = await focused(page);
      }
      assert.equal(at, 'cx-survey-button > button[part=button]', 'Tab reaches the launcher');
      await page.keyboard.press('Enter');
      await until(page, () => document.querySelector('cx-survey-button').shadowRoot.querySelector('dialog').open);
      await until(page, () => document.activeElement?.localName === 'cx-survey' && document.activeElement.shadowRoot.activeElement?.name === 'q1');
      assert.match(await focused(page), /^cx-survey > input\[name=q1\]$/, 'focus is on Q1 inside the dialog');
      assert.deepEqual(await axe(page), [], 'axe with the dialog open');
      // Tab stays inside the modal dialog: the page behind it is inert.
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const where = await focused(page);
        assert.ok(where.startsWith('cx-survey ') || where.startsWith('cx-survey-button > button[part=close]') || where === 'body' , `focus left the dialog: ${where}`);
      }
      await page.keyboard.press('Escape');
      await until(page, () => !document.querySelector('cx-survey-button').shadowRoot.querySelector('dialog').open);
      assert.equal(await focused(page), 'cx-survey-button > button[part=button]', 'focus is back on the launcher');
    } finally {
      await context.close();
    }
  });
});

describe('kiosk.html', () => {
  /** Whether the kiosk shows its start screen, and what is checked in the survey. */
  const state = (page) =>
    page.evaluate(() => {
      const s = document.querySelector('cx-survey');
      return { start: !!s.shadowRoot.querySelector('[part=start]'), checked: s.shadowRoot.querySelectorAll('input:checked').length, q1: s.value.q1 };
    });

  test('after the thank-you it returns to the start screen, and the next respondent starts blank', async () => {
    const { page, context } = await load('/kiosk.html');
    try {
      await deep(page, '[part=start-button]');
      assert.equal(await page.$eval('cx-survey', (s) => s.shadowRoot.querySelector('[part=languages] select').options.length), 11, 'language picker');
      assert.deepEqual(await axe(page), [], 'axe on the start screen');
      // A tablet on a stand, either way round: nothing wider than the screen, Start within it.
      for (const [width, height] of [[800, 1280], [1280, 800]]) {
        await page.setViewport({ width, height });
        const fits = await page.evaluate(() => {
          const start = document.querySelector('cx-survey').shadowRoot.querySelector('[part=start-button]').getBoundingClientRect();
          return document.documentElement.scrollWidth <= innerWidth && start.right <= innerWidth && start.bottom <= innerHeight;
        });
        assert.equal(fits, true, `kiosk fits ${width}x${height}`);
      }
      await page.$eval('cx-survey', (s) => s.setAttribute('reset-after', '1'));
      await startKiosk(page);
      const submitted = await completeSurvey(page);
      const record = await storedRecord(collector, submitted.id);
      assert.equal(record.location, 'springfield-042');
      // reset-after is 1 s and idle-after 60 s: the start screen can only be back because of the reset.
      await until(page, () => !!document.querySelector('cx-survey').shadowRoot.querySelector('[part=start]'));
      await startKiosk(page);
      await deep(page, '[part~=q1] [part=option]');
      assert.deepEqual(await state(page), { start: false, checked: 0, q1: null });
    } finally {
      await context.close();
    }
  });

  test('inactivity first warns (with "I need more time"), then wipes a half-answered survey and shows the start screen', async () => {
    const { page, context } = await load('/kiosk.html');
    try {
      await startKiosk(page);
      await (await deep(page, '[part~=q1] [part=option]')).click();
      // Only now 1 s: the next key press (focus is on the Q1 choice) arms the inactivity timer with it,
      // so a slow machine cannot wipe the survey before it was answered.
      await page.$eval('cx-survey', (s) => s.setAttribute('idle-after', '1'));
      await page.keyboard.press('Shift');
      // First the announced warning, 30 s before the wipe (WCAG 2.2.1).
      await until(page, () => !!document.querySelector('cx-survey').shadowRoot.querySelector('dialog[part=idle-warning][open] [part=more-time]'));
      // Answered and never submitted (no thank-you): only inactivity can bring the start screen back.
      await page.waitForFunction(() => !!document.querySelector('cx-survey').shadowRoot.querySelector('[part=start]'), { timeout: 45_000, polling: 100 });
      assert.deepEqual(await page.evaluate(() => window.__cxAnswers.map((a) => [a.question, a.value])), [['q1', 1]], 'Q1 had been answered');
      assert.deepEqual(await state(page), { start: true, checked: 0, q1: null });
      assert.equal(await page.evaluate(() => window.__cxSubmits.length), 0, 'nothing was submitted');
    } finally {
      await context.close();
    }
  });
});

/** Stand-ins for the app's side of each bridge (docs/webviews.md), in the page; their HTTP part is __nativeDeliver. */
const bridges = {
  'iOS WKWebView': () => {
    window.webkit = { messageHandlers: { cxSurvey: { postMessage: (m) => window.__nativeDeliver(JSON.parse(JSON.stringify(m))) } } };
  },
  'Android WebView': () => {
    window.CxSurveyBridge = {
      deliver(requestId, json) {
        // Returns at once, like an @JavascriptInterface method; the answer comes back later.
        window.__nativeDeliver(JSON.parse(json)).then(
          (outcomes) => window.cxSurveyBridgeReply(requestId, JSON.stringify(outcomes)),
          () => window.cxSurveyBridgeReply(requestId, null),
        );
      },
    };
  },
};

describe('webview.html native bridge', () => {
  for (const [name, install] of Object.entries(bridges)) {
    test(`${name}: the record goes through the app, which posts it to the collector (320 px wide)`, async () => {
      const { page, context } = await openPage(browser, collector.url);
      const viaApp = [];
      try {
        // The app's HTTP side runs here in Node, as the Swift/Kotlin code in docs/webviews.md does: it
        // posts the records to the collector and answers one outcome per record.
        await page.exposeFunction('__nativeDeliver', async (message) => {
          viaApp.push(...message.records.map((r) => r.id));
          const res = await fetch(message.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message.records) });
          const body = await res.json();
          return message.records.map((r, i) => {
            const result = body.results?.[i];
            if (result?.outcome === 'stored' || result?.outcome === 'duplicate') return { id: r.id, outcome: 'delivered', status: result.status };
            if (result && result.status < 500 && result.status !== 429) return { id: r.id, outcome: 'rejected', status: result.status, code: result.error?.code, message: result.error?.message };
            return { id: r.id, outcome: 'retry', status: res.status };
          });
        });
        await page.evaluateOnNewDocument(install);
        await page.setViewport({ width: 320, height: 640 });
        await page.goto(collector.url + '/webview.html', { waitUntil: 'load' });
        const submitted = await completeSurvey(page);
        await storedRecord(collector, submitted.id);
        assert.deepEqual(viaApp, [submitted.id], 'the record went through the bridge');
        await until(page, () => document.getElementById('via').textContent === 'Sent through the app.');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
        assert.equal(overflow, false, 'no horizontal scrolling at 320 px');
      } finally {
        await context.close();
      }
    });
  }
});

describe('npm start shows everything', () => {
  test('the banner gives the dashboard and the current quarter; the gallery links the dashboard, which loads with the admin token', async () => {
    const { fiscalYear, quarter } = fiscalQuarterOf(Date.now());
    for (let i = 0; i < 100 && !collector.output().includes('fy='); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(collector.output(), new RegExp(`dashboard: +${collector.url.replace('127.0.0.1', 'localhost').replace(/[.]/g, '\\.')}/dashboard/`));
    assert.match(collector.output(), new RegExp(`admin token \\(dashboard, reports\\): ${collector.adminToken}`));
    assert.match(collector.output(), new RegExp(`/v1/reports\\?fy=${fiscalYear}&quarter=${quarter}"`), 'the example report URL names the quarter running now');

    const { page, context, foreign, errors } = await load('/');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('a[href="/dashboard/"]')]);
    assert.equal(new URL(page.url()).pathname, '/dashboard/');
    const token = await deep(page, 'input[name="token"]');
    await token.type(collector.adminToken);
    await page.keyboard.press('Enter');
    await until(
      page,
      (label) => document.querySelector('cx-dashboard')?.shadowRoot?.querySelector('table[data-field="services"] caption')?.textContent?.includes(label),
      `FY ${fiscalYear} Q${quarter}`,
    );
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
