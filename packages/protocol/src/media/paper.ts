/** The printable paper survey: one HTML page with a print stylesheet, from a SurveyScript. */
import { fill } from '../a11.js';
import type { SurveyScript } from './wording.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Print first: A4 and US Letter both fit; boxes big enough to tick with a pen; black on white.
const STYLE = `
  @page { size: auto; margin: 14mm 16mm; }
  * { box-sizing: border-box; }
  body { font: 12pt/1.4 "Helvetica Neue", Arial, "Noto Sans", sans-serif; color: #111; background: #fff; max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
  header { display: flex; justify-content: space-between; gap: 1rem; align-items: flex-start; border-bottom: 2px solid #111; padding-bottom: .5rem; }
  h1 { font-size: 15pt; margin: 0; }
  .agency { margin: .2rem 0 0; }
  .response-id { border: 2px solid #111; padding: .3rem .5rem; min-width: 11rem; }
  .response-id span { display: block; font-size: 9pt; }
  .response-id .box { display: block; height: 1.6rem; }
  fieldset { border: 1px solid #555; border-radius: 4px; margin: .8rem 0; padding: .5rem .8rem .6rem; break-inside: avoid; }
  legend { font-weight: 700; padding: 0 .3rem; }
  .when, .hint { margin: .1rem 0 .4rem; font-style: italic; }
  ul { list-style: none; margin: 0; padding: 0; }
  li { display: flex; gap: .5rem; align-items: flex-start; margin: .25rem 0; }
  .q1 li { display: inline-flex; margin-inline-end: 1.2rem; }
  input[type=checkbox], input[type=radio] { width: 1.1rem; height: 1.1rem; margin: .15rem 0 0; flex: none; accent-color: #111; }
  textarea { width: 100%; height: 6.5rem; border: 1px solid #555; font: inherit; }
  footer { font-size: 9.5pt; border-top: 1px solid #555; margin-top: .8rem; padding-top: .4rem; }
  footer p { margin: .2rem 0; }
  @media print { body { margin: 0; max-width: none; padding: 0; } fieldset { margin: .5rem 0; } }
`;

/** A complete HTML document; `title` is the service's name. */
export function paperSurveyHtml(s: SurveyScript, title: string, phone?: string): string {
  const m = s.media;
  const opt = (type: 'radio' | 'checkbox', name: string, value: string | number, label: string, i: number) =>
    `<li><input type="${type}" id="${name}-${i}" name="${name}" value="${escape(String(value))}"><label for="${name}-${i}">${escape(label)}</label></li>`;
  const q2 = (branch: 'positive' | 'negative', n: string) => {
    const b = s.q2[branch];
    const name = branch === 'positive' ? 'q2a' : 'q2b';
    return `<fieldset class="${name}"><legend>${n}. ${escape(b.question)}</legend>
      <p class="when">${escape(fill(m['paper.branch'], { answers: b.after.map((o) => o.label).join(' / ') }))}</p>
      <p class="hint">${escape(s.hint)}</p>
      <ul>${b.options.map((o, i) => opt('checkbox', name, o.value, o.label, i)).join('')}</ul></fieldset>`;
  };
  return `<!doctype html>
<html lang="${escape(s.lang)}" dir="${s.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — ${escape(s.agency)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
  <div><h1>${escape(title)}</h1><p class="agency">${escape(s.agency)}</p></div>
  <div class="response-id"><label for="response-id"><span>${escape(m['paper.responseId'])}</span></label><input id="response-id" class="box" name="response-id" style="border:0;width:100%;font:inherit"></div>
</header>
<form>
<fieldset class="q1"><legend>1. ${escape(s.q1)}</legend>
  <ul>${s.q1Options.map((o, i) => opt('radio', 'q1', o.value, o.label, i)).join('')}</ul></fieldset>
${q2('positive', '2a')}
${q2('negative', '2b')}
${s.q3 === null ? '' : `<div><label for="q3"><strong>3. ${escape(s.q3)}</strong></label><textarea id="q3" name="q3"></textarea></div>`}
</form>
</main>
<footer>
  <p>${escape(m['paper.return'])}${phone ? ` ${escape(fill(m['paper.phone'], { phone }))}` : ''}</p>
  ${s.pra ? `<p>${escape(s.pra.line)}</p>${s.pra.burden ? `<p>${escape(s.pra.burden)}</p>` : ''}${s.pra.burdenUrl ? `<p>${escape(s.pra.burdenUrl)}</p>` : ''}` : ''}
</footer>
</body>
</html>
`;
}
