#!/usr/bin/env node
// `npm run screenshots:builder`: a picture of each step of the survey builder (issue #20), for
// docs/builder.md. A real collector serves /builder/ (with --dashboard); Chromium fills the steps
// for a five-point survey in English and Spanish with a custom driver pair, and captures each step,
// the preview (after its accessibility check) and the outputs from the page itself.
// Writes docs/screenshots/builder-<step>.png. Options (environment): CHROMIUM, SCREENSHOTS_DIR.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, LOOPBACK_ONLY, startListening } from '../test/support/processes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(process.env.SCREENSHOTS_DIR ?? join(root, 'docs/screenshots'));
if (!existsSync(join(root, 'packages/builder/dist/builder.js'))) {
  console.error('packages/builder/dist/builder.js is missing: run `npm run build` first.');
  process.exit(1);
}

const STEPS = ['service', 'q1', 'scale', 'drivers', 'q3', 'questions', 'languages', 'pra', 'access', 'presentation'];

const dir = mkdtempSync(join(tmpdir(), 'cx-builder-shots-'));
const admin = join(dir, 'admin');
writeFileSync(admin, randomUUID());
const { child, origin } = await startListening([
  join(root, 'packages/collector/dist/cli.js'), 'serve', '--port', '0', '--db', join(dir, 'shots.sqlite'),
  '--services', join(root, 'examples/services.json'), '--dashboard', '--admin-token-file', admin, '--log-level', 'warn',
], { env: { ...process.env, CX_TOKEN_SECRET: randomUUID() + randomUUID() } });
const browser = await launchChromium(['--font-render-hinting=none', LOOPBACK_ONLY]);

try {
  mkdirSync(OUT, { recursive: true });
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (err) => errors.push(err.message));
  await tab.setViewport({ width: 1400, height: 1000, deviceScaleFactor: 1 });
  await tab.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await tab.goto(`${origin}/builder/`, { waitUntil: 'load' });
  await tab.waitForFunction(() => document.querySelector('cx-survey-builder')?.shadowRoot?.querySelector('#f-id'));
  const el = await tab.$('cx-survey-builder');
  const inShadow = (selector) => tab.evaluateHandle((e, s) => e.shadowRoot.querySelector(s), el, selector).then((h) => h.asElement());
  /** Sets a field as a person would and lets the builder check the draft: `input` for text, `change` for a select. */
  const set = (event) => (id, value) =>
    el.evaluate(async (e, id, value, event) => {
      const f = e.shadowRoot.getElementById(id);
      f.value = value;
      f.dispatchEvent(new Event(event, { bubbles: true, composed: true }));
      await e.updateComplete;
    }, id, value, event);
  const type = set('input');
  const select = set('change');
  const click = (id) => el.evaluate(async (e, id) => (e.shadowRoot.getElementById(id).click(), await e.updateComplete), id);

  await type('f-id', 'passport-renewal');
  await type('f-name', 'Passport renewal');
  await type('f-agency', 'Example Agency');
  await click('f-scale-five-point');
  await select('f-positiveCut', '4');
  await select('f-driver_employee-statement', 'own');
  await type('f-driver_employee_positive', 'Staff helped me.');
  await type('f-driver_employee_negative', 'Staff did not help me.');
  await click('f-driver_transparency');
  await type('f-driver_transparency_reason', 'Renewals involve no decision to explain.');
  await el.evaluate(async (e) => {
    [...e.shadowRoot.querySelectorAll('button')].find((b) => /Add a question/.test(b.textContent)).click();
    await e.updateComplete;
  });
  await type('f-questions_0__label', 'What did you come to do today?');
  await type('f-questions_0__options', 'Renew a passport\nAsk about an application');
  await click('f-language_es');
  await type('f-wording_es_drivers_employee_positive', 'El personal me ayudó.');
  await type('f-wording_es_drivers_employee_negative', 'El personal no me ayudó.');
  await type('f-pra_controlNumber', '1234-5678');
  // One problem left on purpose: the picture of the PRA step shows how a problem is shown at its field.
  await type('f-pra_expiration', '2099-02-30');
  await type('f-origins', 'https://www.example.gov');
  await type('f-endpoint', 'https://collector.example.gov');

  const shot = async (name, selector) => {
    await tab.mouse.move(0, 0);
    await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const file = join(OUT, `builder-${name}.png`);
    await (await inShadow(selector)).screenshot({ path: file });
    console.log(`  ${relative(root, file)}`);
  };
  await shot('problems', '#summary');
  await shot('pra', '#step-pra');
  await type('f-pra_expiration', '2099-12-31');
  for (const step of STEPS) await shot(step === 'pra' ? 'pra-cleared' : step, `#step-${step}`);
  await click('f-preview-branch-negative');
  await click('f-preview-language-es');
  await click('f-preview-width-phone');
  await tab.waitForFunction(() => document.querySelector('cx-survey-builder').shadowRoot.querySelector('.frame cx-survey')?.shadowRoot?.textContent.includes('El personal no me ayudó.'));
  await el.evaluate((e) => e.shadowRoot.querySelector('.axe button').click());
  await tab.waitForFunction(() => /axe-core/.test(document.querySelector('cx-survey-builder').shadowRoot.querySelector('#axe-status').textContent), { timeout: 30000 });
  // Tall enough for the whole preview and its check's result (the preview column scrolls within the screen).
  await tab.setViewport({ width: 1400, height: 2400, deviceScaleFactor: 1 });
  await shot('preview', '.preview');
  await shot('outputs', '.outputs');
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
