// The benchmark pages. Each starts with the same probe, then loads its library
// the way its documentation does it and renders the A-11 survey.
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

const head = (title) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>`;

/** <cx-survey>: one module script, one element. Its shadow root holds the questions. */
export function cxSurveyPage() {
  const host = `document.querySelector('cx-survey')`;
  return `${head('cx-survey bench')}
<script>${probe(
    `() => ${host}?.shadowRoot?.querySelector('[part~=q1] input[type=radio]')`,
    `() => ${host}.shadowRoot.querySelector('[part~=q2] input[type=checkbox]')`,
  )}</script>
<script type="module" src="/lib/cx/cx-survey.min.js"></script>
</head>
<body>
<main>
<cx-survey service="bench" agency="Example Agency" endpoint="/v1/responses"></cx-survey>
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

/** The probe alone: the JS heap every page has before any survey library. */
export function emptyPage() {
  return `${head('empty bench')}
<script>${probe(`() => document.body`, `() => document.body`)}</script>
</head>
<body><main></main></body>
</html>`;
}
