#!/usr/bin/env node
// `npm run screenshots`: pictures of <cx-survey> in English, Spanish and Arabic
// at phone width, for review (issue #5). A real collector serves the page
// (--static) and stores what the survey sends; Chromium shows it at 390×844,
// device scale factor 2, and each state is captured from the element alone.
//
// Writes docs/screenshots/<lang>-<state>.png and docs/screenshots/README.md.
// Options (environment): CHROMIUM (default /usr/bin/chromium), SCREENSHOTS_DIR (default docs/screenshots).
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, LOOPBACK_ONLY, startListening } from '../test/support/processes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const elementsDist = join(root, 'packages/elements/dist');
const OUT = resolve(process.env.SCREENSHOTS_DIR ?? join(root, 'docs/screenshots'));
const VIEWPORT = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** What a respondent would type, and the agency's PRA burden statement, in each language. */
const LANGUAGES = {
  en: {
    name: 'English',
    burden: 'We estimate this survey takes 1 minute. You do not have to answer, and your answers do not affect your benefits.',
    comment: 'The upload page timed out twice.',
  },
  es: {
    name: 'Spanish',
    burden: 'Calculamos que esta encuesta toma 1 minuto. No tiene que responder, y sus respuestas no afectan sus beneficios.',
    comment: 'La página para subir documentos se cerró dos veces.',
  },
  ar: {
    name: 'Arabic',
    burden: 'نقدّر أن هذا الاستبيان يستغرق دقيقة واحدة. لست ملزمًا بالإجابة، ولا تؤثر إجاباتك على مزاياك.',
    comment: 'انتهت مهلة صفحة التحميل مرتين.',
  },
};

const STATES = {
  initial: 'As first shown: Q1 (thumbs up / down), the buttons and the PRA notice.',
  negative: 'Thumbs down picked, one Q2b driver ticked, Q3 text typed (focus in the text box).',
  'five-point': 'The five-point agreement scale (service demo-five, short driver labels) with 5 picked, so Q2a is shown.',
  thanks: 'After Submit on the thumbs survey, once the collector acknowledged the record.',
};

if (!existsSync(join(elementsDist, 'cx-survey.min.js'))) {
  console.error('packages/elements/dist/cx-survey.min.js is missing: run `npm run build` first (or `npm run screenshots`).');
  process.exit(1);
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function page(lang, scale) {
  const five = scale === 'five-point';
  const l = LANGUAGES[lang];
  return `<!doctype html>
<html lang="${lang}"${lang === 'ar' ? ' dir="rtl"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>cx-survey ${lang} ${scale}</title>
<style>body { margin: 0; font-family: system-ui, sans-serif; } main { padding: 8px; }</style>
<script type="module" src="/cx-survey.min.js"></script>
</head>
<body>
<main>
<cx-survey lang="${lang}" service="${five ? 'demo-five' : 'demo-thumbs'}" agency="Example Agency"${five ? ' scale="five-point" labels="short"' : ''}
  endpoint="/v1/responses" pra-control-number="1234-5678" pra-expiration="2099-12-31"
  pra-burden="${escape(l.burden)}"></cx-survey>
</main>
</body>
</html>`;
}

/** A temp folder for --static: the page per language and scale, the bundle and the chunks it imports. */
function staticDir() {
  const dir = mkdtempSync(join(tmpdir(), 'cx-screenshots-'));
  const www = join(dir, 'www');
  mkdirSync(join(www, 'chunks'), { recursive: true });
  const main = readFileSync(join(elementsDist, 'cx-survey.min.js'), 'utf8');
  writeFileSync(join(www, 'cx-survey.min.js'), main);
  // Only this build's chunks (dist/chunks keeps those of earlier builds too).
  for (const [, name] of main.matchAll(/import\("\.\/chunks\/([\w-]+\.js)"\)/g)) copyFileSync(join(elementsDist, 'chunks', name), join(www, 'chunks', name));
  for (const lang of Object.keys(LANGUAGES)) {
    for (const scale of ['thumbs', 'five-point']) writeFileSync(join(www, `${lang}-${scale}.html`), page(lang, scale));
  }
  return dir;
}

function startCollector(dir) {
  return startListening([
    join(root, 'packages/collector/dist/cli.js'), 'serve', '--port', '0', '--db', join(dir, 'screenshots.sqlite'),
    '--services', join(root, 'examples/services.json'), '--static', join(dir, 'www'), '--admin-token', randomUUID(),
    // examples/services.json has a token-only service; a throwaway secret lets the collector start.
    '--token-secret', randomUUID() + randomUUID(), '--log-level', 'warn',
  ]);
}

// ---------------------------------------------------------------------------

const dir = staticDir();
const { child, origin } = await startCollector(dir);
const browser = await launchChromium(['--font-render-hinting=none', LOOPBACK_ONLY]);
const chromium = await browser.version();
const shots = [];

/** A fresh context (empty outbox) and page showing the survey in `lang`, ready to answer. */
async function open(lang, scale) {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (err) => errors.push(err.message));
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await tab.setViewport(VIEWPORT);
  await tab.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await tab.goto(`${origin}/${lang}-${scale}.html`, { waitUntil: 'load' });
  await tab.waitForFunction(
    (l) => {
      const base = document.querySelector('cx-survey')?.shadowRoot?.querySelector('[part=base]');
      return base?.lang === l && base.querySelector('form');
    },
    { timeout: 10000 },
    lang,
  );
  await tab.evaluate(() => document.fonts.ready);
  const el = await tab.$('cx-survey');
  const inShadow = (selector) => tab.evaluateHandle((e, s) => e.shadowRoot.querySelector(s), el, selector).then((h) => h.asElement());
  return { context, tab, el, inShadow, errors };
}

async function shoot(lang, state, { tab, el, errors }) {
  // No hover left from the last click; settled layout.
  await tab.mouse.move(0, 0);
  await el.evaluate((e) => e.updateComplete);
  await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  if (errors.length) throw new Error(`${lang} ${state}: page errors: ${errors.join('; ')}`);
  const file = join(OUT, `${lang}-${state}.png`);
  await el.screenshot({ path: file });
  shots.push({ lang, state, file });
  console.log(`  ${relative(root, file)}`);
}

try {
  mkdirSync(OUT, { recursive: true });
  for (const lang of Object.keys(LANGUAGES)) {
    // Thumbs: initial, negative branch, thank-you.
    const s = await open(lang, 'thumbs');
    await shoot(lang, 'initial', s);
    await (await s.inShadow('[part~=q1] input[value="0"]')).evaluateHandle((i) => i.closest('label')).then((h) => h.asElement().click());
    await s.tab.waitForFunction((e) => e.shadowRoot.querySelector('[part~=q2] input[type=checkbox]'), {}, s.el);
    await (await s.inShadow('[part~=q2] [part=option]')).click();
    const text = await s.inShadow('[part=textarea]');
    await text.click();
    await text.type(LANGUAGES[lang].comment);
    await shoot(lang, 'negative', s);
    await (await s.inShadow('[part=submit]')).click();
    // The thank-you says "sent" once the collector has acknowledged the record.
    await s.tab.waitForFunction((e) => e.shadowRoot.querySelector('[part=thanks] [part=status].sent'), { timeout: 15000 }, s.el);
    await shoot(lang, 'thanks', s);
    await s.context.close();

    // Five-point: a rating picked.
    const f = await open(lang, 'five-point');
    await (await f.inShadow('[part~=q1] input[value="5"]')).evaluateHandle((i) => i.closest('label')).then((h) => h.asElement().click());
    await f.tab.waitForFunction((e) => e.shadowRoot.querySelector('[part~=q2] input[type=checkbox]'), {}, f.el);
    await shoot(lang, 'five-point', f);
    await f.context.close();
  }
} finally {
  await browser.close();
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------

const order = Object.keys(STATES);
const lines = [
  '# Screenshots of `<cx-survey>` for review',
  '',
  'Made by `npm run screenshots` (`scripts/screenshots.mjs`): the built bundle served by a real collector',
  '(`--static`), in headless Chromium at phone width (390×844 CSS pixels, device scale factor 2, touch),',
  'each picture of the element alone. Service `demo-thumbs` (and `demo-five` for the five-point scale),',
  'agency "Example Agency", PRA notice `pra-control-number="1234-5678" pra-expiration="2099-12-31"` with a',
  'burden statement in the page\'s language. The typed Q3 text is part of the script.',
  '',
  `Last made ${new Date().toISOString().slice(0, 10)} with ${chromium.replace(/^(Headless)?Chrome\//, 'Chromium ')} (Debian; fonts: the system's DejaVu Sans and Liberation).`,
  'Re-run after any change to the element\'s layout or wording and commit the PNGs that changed.',
  '',
  '| state | what it shows | ' + Object.keys(LANGUAGES).map((l) => LANGUAGES[l].name).join(' | ') + ' |',
  '| --- | --- | ' + Object.keys(LANGUAGES).map(() => '---').join(' | ') + ' |',
  ...order.map((state) => `| ${state} | ${STATES[state]} | ` + Object.keys(LANGUAGES).map((l) => `[${l}-${state}.png](${l}-${state}.png)`).join(' | ') + ' |'),
  '',
  ...Object.keys(LANGUAGES).flatMap((l) => [
    `## ${LANGUAGES[l].name} (\`${l}\`)`,
    '',
    ...order.map((state) => `<img src="${l}-${state}.png" alt="${LANGUAGES[l].name}, ${state}" width="390">`),
    '',
  ]),
];
writeFileSync(join(OUT, 'README.md'), lines.join('\n'));
console.log(`${shots.length} screenshots and README.md in ${relative(root, OUT) || '.'} (${chromium})`);
