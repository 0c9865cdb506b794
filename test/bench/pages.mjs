// The benchmark pages. Each starts with the same probe, then loads its library
// the way its documentation does it and renders the A-11 survey.
import { readFileSync } from 'node:fs';
import { surveyJsDefinition } from './surveyjs-definition.mjs';

/**
 * Runs first on every page. It marks the start, then checks after every task
 * (a MessageChannel loop: not rounded to animation frames, no 4 ms timer clamp,
 * and blind to which library it watches) until Q1's choices exist, clicks
 * "Agree", and waits for the Q2a checklist. `window.__bench` resolves with the
 * times in milliseconds since the mark; `window.__benchQ2` is the checklist's first box.
 */
function probe(q1, q2) {
  return `
window.__bench = new Promise((resolve, reject) => {
  const start = performance.mark('bench:start').startTime;
  const q1 = ${q1};
  const q2 = ${q2};
  const channel = new MessageChannel();
  let q1At = null;
  channel.port1.onmessage = () => {
    try {
      const now = performance.now() - start;
      if (now > 20000) return reject(new Error('survey not interactive after 20 s'));
      if (q1At === null) {
        const choice = q1();
        if (choice) {
          q1At = now;
          // Since navigation start, as the floor is measured; and what had been fetched by then.
          window.__benchQ1 = { q1FromNav: performance.now(), files: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname) };
          if (window.__benchNoClick) return resolve({ q1At, interactiveAt: null });
          choice.click();
        }
      } else if ((window.__benchQ2 = q2())) {
        return resolve({ q1At, interactiveAt: now });
      }
      channel.port2.postMessage(0);
    } catch (err) {
      reject(err);
    }
  };
  channel.port2.postMessage(0);
});`;
}

const head = (title, lang = 'en') => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>`;

const host = `document.querySelector('cx-survey')`;
const q1Radio = `() => ${host}?.shadowRoot?.querySelector('[part~=q1] input[type=radio]')`;
const q2Box = `() => ${host}.shadowRoot.querySelector('[part~=q2] input[type=checkbox]')`;

/**
 * <cx-survey>: one module script, one element, as examples/basic.html. `attrs` adds
 * settings for the optional pieces; `wrap` puts the survey in a launcher.
 */
export function cxSurveyPage({ service = 'bench', attrs = '', lang = 'en', q1 = q1Radio, q2 = q2Box, wrap = (s) => s, noClick = false, endpoint = '/v1/responses', preload = false } = {}) {
  return `${head('cx-survey bench', lang)}
<script>${noClick ? 'window.__benchNoClick = true;' : ''}${probe(q1, q2)}</script>
${preload ? preloadHint() : ''}<script type="module" src="/lib/cx/cx-survey.min.js"></script>
</head>
<body>
<main>
${wrap(`<cx-survey service="${service}" agency="Example Agency" endpoint="${endpoint}"${attrs}></cx-survey>`)}
</main>
</body>
</html>`;
}

/**
 * docs/getting-started.md's hint: the shared chunk the entry imports (named by its content hash), fetched
 * beside the entry instead of after it.
 */
function preloadHint() {
  const entry = readFileSync(new URL('../../packages/elements/dist/cx-survey.min.js', import.meta.url), 'utf8');
  const chunk = /["']\.\/(chunks\/bundle-[\w-]+\.js)["']/.exec(entry)?.[1];
  if (!chunk) throw new Error('cx-survey.min.js imports no chunks/bundle-*.js');
  return `<link rel="modulepreload" href="/lib/cx/${chunk}">\n`;
}

const BENCH_WORDING = { en: { q3: 'Anything else about your renewal?' } };

/**
 * What the bench's collector publishes at GET /v1/services/:id (#14: a page shows the collector's survey,
 * narrowed): the thumbs survey, and the five-point and agency-worded ones the optional pieces need.
 */
export const PUBLISHED = {
  bench: {},
  'bench-five': { scale: 'five-point' },
  'bench-worded': { wording: BENCH_WORDING },
};

/** The optional pieces, each on the thumbs survey, and what counts as ready on each page. */
export const OPTIONAL_PIECES = {
  'five-point': { service: 'bench-five', attrs: ' scale="five-point"' },
  kiosk: { attrs: ' kiosk', q1: `() => ${host}?.shadowRoot?.querySelector('[part=start-button]')`, noClick: true },
  launcher: {
    wrap: (s) => `<cx-survey-button>${s}</cx-survey-button>`,
    q1: `() => document.querySelector('cx-survey-button')?.shadowRoot?.querySelector('[part=button]')`,
    noClick: true,
  },
  'one language (es)': { lang: 'es' },
  // Not a feature: what the page's modulepreload hint (getting-started) saves on the same thumbs survey.
  'modulepreload hint': { preload: true },
  'agency wording (i18next)': { service: 'bench-worded', attrs: ` config='{"wording":${JSON.stringify(BENCH_WORDING)}}'` },
};

/**
 * The floor: plain HTML with the same Q1 sentence and two buttons, no script but the probe.
 * Nothing can be ready sooner or lighter than this.
 */
export function floorPage() {
  const q1 = `() => document.querySelector('#q1 button')`;
  return `${head('floor bench')}
<script>${probe(q1, q1)}</script>
</head>
<body>
<main>
<fieldset id="q1"><legend>This interaction increased my trust in Example Agency.</legend>
<button type="button">Agree</button> <button type="button">Disagree</button></fieldset>
</main>
</body>
</html>`;
}

/**
 * The ceilings (lit-floor.js): a minimal Lit element with the same Q1 sentence and two radios in its
 * shadow root, one module script; with `service`, it first reads GET /v1/services/:service. Probed as
 * the floor is: Q1 is clicked, and there is no Q2a to wait for.
 */
export function litFloorPage({ service } = {}) {
  const q1 = `() => document.querySelector('bench-lit-q1')?.shadowRoot?.querySelector('input[type=radio]')`;
  return `${head('Lit floor bench')}
<script>${probe(q1, q1)}</script>
<script type="module" src="/lib/ceiling/lit-floor.js"></script>
</head>
<body>
<main>
<bench-lit-q1${service ? ` service="${service}"` : ''}></bench-lit-q1>
</main>
</body>
</html>`;
}

/** SurveyJS: theme CSS, survey-core and survey-js-ui as classic UMD scripts, then the model. */
export function surveyJsPage() {
  const json = JSON.stringify(surveyJsDefinition());
  return `${head('SurveyJS bench')}
<script>${probe(
    `() => document.querySelector('[data-name="q1"] input[type=radio][value="true"]')`,
    `() => document.querySelector('[data-name="q2a"] input[type=checkbox]')`,
  )}</script>
<link rel="stylesheet" href="/lib/surveyjs/survey-core.fontless.min.css">
<script src="/lib/surveyjs/survey.core.min.js"></script>
<script src="/lib/surveyjs/survey-js-ui.min.js"></script>
</head>
<body>
<main>
<div id="survey"></div>
</main>
<script>
${setupScript(json)}
</script>
</body>
</html>`;
}

/** The page's own SurveyJS set-up, kept apart so the bench can report its size. */
export function setupScript(json = JSON.stringify(surveyJsDefinition())) {
  return `const survey = new Survey.Model(${json});
// Same delivery as the element: POST the answers to the collector.
survey.onComplete.add((sender) => {
  fetch('/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sender.data), credentials: 'omit' });
});
SurveyUI.renderSurvey(survey, document.getElementById('survey'));`;
}

