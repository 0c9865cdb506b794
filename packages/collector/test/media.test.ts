/**
 * The survey on other media: the paper form renders in Chromium with no axe violations and prints
 * on one or two pages; the IVR script (text and SSML) and the SMS flow exist for every language
 * the element supports, in that language's wording.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { puppeteerCore } from '../../../test/support/processes.mjs';
import { fill, type Templates } from '@cx-survey/protocol';
import { SUPPORTED_LOCALES } from '../../elements/src/internal/locales.js';
import { MEDIA_LANGUAGES, mediaDocument } from '../src/cli/commands/media.js';
import { services } from './helpers.js';
import { runCli } from './process.js';

const AXE = fileURLToPath(new URL('../../../test/node_modules/axe-core/axe.min.js', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../../../docs/paper-survey.png', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const thumbs = services().get('t-thumbs')!;
const five = services().get('t-five')!;

async function templates(lang: string): Promise<Templates> {
  if (lang === 'en') return (await import('@cx-survey/protocol')).ENGLISH;
  return ((await import(`../../protocol/src/locales/${lang}.ts`)) as { templates: Templates }).templates;
}

describe('IVR script and SMS flow', () => {
  test('the media texts cover exactly the languages the element supports', () => {
    assert.deepEqual([...MEDIA_LANGUAGES].sort(), [...SUPPORTED_LOCALES].sort());
  });

  test('the IVR script is generated for every language the element supports: Q1 on the keypad, the drivers as yes/no, no Q3', async () => {
    for (const lang of SUPPORTED_LOCALES) {
      const t = await templates(lang);
      const text = await mediaDocument({ service: thumbs, channel: 'ivr', lang });
      assert.ok(text.includes(fill(t['q1.interaction'], { agency: 'Test Agency' })), `${lang}: Q1 in its own language`);
      assert.ok(text.includes(t['ease.0.positive']) && text.includes(t['ease.0.negative']), `${lang}: drivers`);
      assert.ok(!text.includes(t.q3), `${lang}: no Q3 on IVR`);
      assert.match(text, /^\[q1\] {2}keys: 1=1 2=0$/m);
      assert.match(text, /^\[q2b\.efficiency\] {2}keys: 1=1 2=0$/m);
      const ssml = await mediaDocument({ service: thumbs, channel: 'ivr', lang, format: 'ssml' });
      assert.match(ssml, new RegExp(`xml:lang="${lang}"`));
      assert.equal((ssml.match(/<p>/g) ?? []).length, 2 + 1 + 2 * thumbs.drivers.length, `${lang}: intro, Q1, each driver twice, end`);
      const sms = await mediaDocument({ service: thumbs, channel: 'sms', lang });
      assert.ok(sms.includes(t.q3) && sms.includes(t.q2a) && sms.includes(t.q2b), `${lang}: SMS asks Q2a, Q2b and Q3`);
    }
  });

  test('a five-point service keys 1-5 and branches at the cut', async () => {
    const text = await mediaDocument({ service: five, channel: 'ivr', lang: 'es' });
    assert.match(text, /^\[q1\] {2}keys: 1=1 2=2 3=3 4=4 5=5$/m);
    assert.match(text, /Q2a: Q1 =\n# 5; Q2b: Q1 = 1\/2\/3\/4\)/);
  });

  test('the CLI prints them, and refuses an unknown language or a PRA number without its date', async () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const servicesFile = `${dir}../../../.tmp-media-services.json`;
    writeFileSync(servicesFile, JSON.stringify({ services: [{ id: 'benefits', agency: 'Test Agency', scale: 'thumbs', name: 'Benefits application', pra: { controlNumber: '1111-2222', expiration: '2099-01-31' } }] }));
    try {
      const ok = await runCli(['paper', '--services', servicesFile, '--service', 'benefits', '--lang', 'es', '--omb-number', '1234-5678', '--expires', '2027-06-30']);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /<html lang="es" dir="ltr">/);
      assert.match(ok.stdout, /Número de control de la OMB 1234-5678/);
      const own = await runCli(['sms', '--services', servicesFile, '--service', 'benefits']);
      assert.match(own.stdout, /OMB Control No\. 1111-2222\. Expires 2099-01-31\./, "the services file's clearance by default");
      const lang = await runCli(['ivr', '--services', servicesFile, '--service', 'benefits', '--lang', 'de']);
      assert.equal(lang.code, 2);
      assert.match(lang.stderr, /--lang "de" is not a survey language/);
      const pra = await runCli(['paper', '--services', servicesFile, '--service', 'benefits', '--omb-number', '1234-5678']);
      assert.equal(pra.code, 2);
      assert.match(pra.stderr, /--expires/);
    } finally {
      (await import('node:fs')).rmSync(servicesFile, { force: true });
    }
  });
});

type Browser = Awaited<ReturnType<typeof puppeteerCore.launch>>;

describe('paper survey in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  before(async () => {
    browser = await puppeteerCore.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  after(() => browser?.close());

  async function check(html: string) {
    const page = await browser.newPage();
    await page.setViewport({ width: 900, height: 1200 });
    // Any request the page makes (a font, an image, a third party) is refused and recorded.
    const requests: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      requests.push(r.url());
      void r.abort();
    });
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(readFileSync(AXE, 'utf8'));
    const violations = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: Array<{ id: string }> }> } }).axe.run(document);
      return r.violations.map((v) => v.id);
    });
    const pages = [];
    for (const format of ['letter', 'a4'] as const) {
      const pdf = Buffer.from(await page.pdf({ format, printBackground: true })).toString('latin1');
      pages.push((pdf.match(/\/Type\s*\/Page\b/g) ?? []).length);
    }
    return { page, violations, pages, requests };
  }

  for (const lang of ['en', 'es', 'ar', 'zh-Hant']) {
    test(`${lang}: axe finds nothing, it prints on one or two pages (Letter and A4), and it fetches nothing`, async () => {
      const html = await mediaDocument({ service: { ...thumbs, name: 'Passport renewal', agency: 'Department of State' }, channel: 'paper', lang, ombNumber: '1234-5678', expires: '2027-06-30', burden: 'Public reporting burden for this collection of information is estimated to average 2 minutes per response.', phone: '1-800-555-0100' });
      const { page, violations, pages, requests } = await check(html);
      assert.deepEqual(violations, []);
      for (const n of pages) assert.ok(n >= 1 && n <= 2, `printed on ${pages.join(' / ')} pages`);
      assert.deepEqual(requests, []);
      if (lang === 'en' && process.env.CX_UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await page.close();
    });
  }

  test('the checks are real: a form with an unlabelled box fails axe, and a long form is counted as more pages', async () => {
    const html = await mediaDocument({ service: thumbs, channel: 'paper', lang: 'en' });
    const broken = await check(html.replace(/<label for="q1-0">[^<]*<\/label>/, ''));
    assert.ok(broken.violations.includes('label'), broken.violations.join());
    const long = await check(html.replace('</form>', `${'<p>filler line</p>'.repeat(300)}</form>`));
    assert.ok(long.pages[0] > 2);
    await broken.page.close();
    await long.page.close();
  });
});
