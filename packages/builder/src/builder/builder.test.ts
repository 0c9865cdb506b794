/**
 * <cx-survey-builder> in a real browser: a CX lead builds a five-point survey in two languages with a
 * custom driver pair, sees it in the preview, and the outputs work for real: the services-file entry
 * starts a real collector process, and the embed snippet, pasted into a blank page, renders the
 * survey and posts a response that this collector stores.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { ENGLISH, resolveConfig, type ResponseRecord } from '@cx-survey/protocol';
import { templates as es } from '@cx-survey/protocol/locales/es.js';
import './cx-survey-builder.js';
import type { CxSurveyBuilder } from './builder.js';
import { STORAGE_KEY } from './draft.js';

const BUNDLE = '/packages/elements/dist/cx-survey.min.js';
const AXE = '/test/node_modules/axe-core/axe.min.js';
const PAIR = { positive: 'Staff helped me.', negative: 'Staff did not help me.' };
const PAIR_ES = { positive: 'El personal me ayudó.', negative: 'El personal no me ayudó.' };

const root = (el: Element) => (el as HTMLElement).shadowRoot!;
const q = <T extends Element = HTMLElement>(el: Element, selector: string) => {
  const found = root(el).querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};

/** Types into a field as a person does: the field changes, then the builder checks the draft. */
async function type(el: CxSurveyBuilder, id: string, text: string) {
  const field = q<HTMLInputElement | HTMLTextAreaElement>(el, `#${id}`);
  field.focus();
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function choose(el: CxSurveyBuilder, id: string) {
  q<HTMLInputElement>(el, `#${id}`).click();
  await el.updateComplete;
}

async function select(el: CxSurveyBuilder, id: string, value: string) {
  const s = q<HTMLSelectElement>(el, `#${id}`);
  s.value = value;
  s.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** The problems shown at a field (its list tied by aria-describedby). */
function problemsAt(el: CxSurveyBuilder, id: string): string[] {
  const by = q(el, `#${id}`).getAttribute('aria-describedby') ?? '';
  return by
    .split(' ')
    .filter((i) => i.endsWith('-errors'))
    .flatMap((i) => [...root(el).querySelectorAll(`#${i} li`)].map((li) => li.textContent!.trim()));
}

const preview = (el: CxSurveyBuilder) => root(el).querySelector('.frame cx-survey') as HTMLElement | null;
const output = (el: CxSurveyBuilder, key: string) => q(el, `[data-output="${key}"] pre`).textContent!;

async function builder(): Promise<CxSurveyBuilder> {
  return fixture<CxSurveyBuilder>(html`<cx-survey-builder script-url=${BUNDLE} axe-src=${AXE}></cx-survey-builder>`);
}

function clearDraft() {
  localStorage.removeItem(STORAGE_KEY);
  history.replaceState(null, '', location.pathname + location.search);
}

/** Fills every step for a five-point survey in English and Spanish with a custom pair for row 6. */
async function buildFivePoint(el: CxSurveyBuilder, id: string) {
  await type(el, 'f-id', id);
  await type(el, 'f-name', 'Passport renewal');
  await type(el, 'f-agency', 'Example Agency');
  await choose(el, 'f-scale-five-point');
  await select(el, 'f-positiveCut', '4');
  await select(el, 'f-driver_employee-statement', 'own');
  await type(el, 'f-driver_employee_positive', PAIR.positive);
  await type(el, 'f-driver_employee_negative', PAIR.negative);
  await choose(el, 'f-language_es');
  await type(el, 'f-wording_es_drivers_employee_positive', PAIR_ES.positive);
  await type(el, 'f-wording_es_drivers_employee_negative', PAIR_ES.negative);
  await type(el, 'f-pra_controlNumber', '1234-5678');
  await type(el, 'f-pra_expiration', '2099-12-31');
  await type(el, 'f-origins', location.origin);
}

describe('<cx-survey-builder>', () => {
  beforeEach(clearDraft);
  after(clearDraft);

  it('shows each problem at its field as the person types, in the words of the protocol check', async () => {
    const el = await builder();
    await type(el, 'f-pra_controlNumber', '12-34');
    const expected = resolveConfig({ service: 'x', agency: 'x', pra: { controlNumber: '12-34', expiration: '2099-12-31' } });
    expect(expected.ok).to.equal(false);
    expect(problemsAt(el, 'f-pra_controlNumber')).to.deep.equal([!expected.ok && expected.problems[0].message]);
    expect(q(el, '#f-pra_controlNumber').getAttribute('aria-invalid')).to.equal('true');
    await type(el, 'f-pra_controlNumber', '1234-5678');
    expect(problemsAt(el, 'f-pra_controlNumber')).to.deep.equal([]);
    // Rows 1-3 are required; rows 4-6 need a reason when left out.
    await choose(el, 'f-driver_ease');
    expect(problemsAt(el, 'f-driver_ease').join()).to.match(/driver "ease" is required by A-11 Section 280.14/);
    await choose(el, 'f-driver_transparency');
    expect(root(el).textContent).to.match(/"transparency" is "Required if applicable"/);
    await type(el, 'f-driver_transparency_reason', 'No decisions are made on this service.');
    expect(root(el).textContent).not.to.match(/"transparency" is "Required if applicable"/);
    expect(q(el, '#status').textContent).to.match(/problems/);
  });

  it('builds a five-point survey in two languages with a custom pair flagged for PRA approval, and previews it', async function () {
    this.timeout(60000);
    const el = await builder();
    await buildFivePoint(el, `builder-${Date.now()}`);
    expect(q(el, '#summary').textContent).to.contain('No problems');
    expect(q(el, '.driver .flag').textContent).to.match(/PRA approval/);
    const entry = JSON.parse(output(el, 'entry'));
    expect(entry).to.include({ scale: 'five-point', positiveCut: 4, agency: 'Example Agency' });
    expect(entry.drivers).to.deep.include({ key: 'employee', ...PAIR });
    expect(entry.wording.es).to.deep.equal({ 'drivers.employee.positive': PAIR_ES.positive, 'drivers.employee.negative': PAIR_ES.negative });

    // A required window token brings the agency backend's snippet.
    expect(root(el).querySelector('[data-output="token"]')).to.equal(null);
    await choose(el, 'f-requireToken');
    expect(output(el, 'token')).to.contain(`service: '${entry.id}'`).and.to.contain('issueWindowToken');
    expect(JSON.parse(output(el, 'entry')).requireToken).to.equal(true);
    await choose(el, 'f-requireToken');

    // The preview is the real survey: five ratings; the negative branch shows Q2b with the custom pair.
    await waitUntil(() => preview(el)?.shadowRoot?.querySelectorAll('input[name="q1"]').length === 5, 'five-point preview');
    await choose(el, 'f-preview-branch-negative');
    await waitUntil(() => preview(el)?.shadowRoot?.textContent?.includes(PAIR.negative), 'negative branch with the custom pair');
    expect(preview(el)!.shadowRoot!.textContent).to.contain(ENGLISH.q2b);
    // Spanish: the seed's translation, and the agency's Spanish pair.
    await choose(el, 'f-preview-language-es');
    await waitUntil(() => preview(el)?.shadowRoot?.textContent?.includes(PAIR_ES.negative), 'Spanish preview');
    expect(preview(el)!.shadowRoot!.textContent).to.contain(es.q2b);
    // Phone width and kiosk mode.
    await choose(el, 'f-preview-width-phone');
    expect(q(el, '.frame').getBoundingClientRect().width).to.be.at.most(320);
    await choose(el, 'preview-kiosk');
    await waitUntil(() => preview(el)?.hasAttribute('kiosk'), 'kiosk preview');

    // axe on demand, results inline.
    await choose(el, 'f-preview-width-desktop');
    q<HTMLButtonElement>(el, '.axe button').click();
    await waitUntil(() => /axe-core/.test(q(el, '#axe-status').textContent ?? ''), 'axe result', { timeout: 30000 });
    expect(q(el, '#axe-status').textContent).to.match(/No accessibility violations/);

    // A reload (a new builder on this page) restores the draft from the link and this device.
    expect(location.hash).to.match(/^#draft=/);
    const again = await builder();
    expect(q<HTMLInputElement>(again, '#f-id').value).to.equal(entry.id);
  });

  it('has no axe violations, in English and in Spanish, with problems and without', async function () {
    this.timeout(60000);
    const el = await builder();
    await type(el, 'f-pra_controlNumber', '12');
    await expect(el).to.be.accessible();
    await buildFivePoint(el, 'axe-check');
    await expect(el).to.be.accessible();
    el.lang = 'es';
    await waitUntil(() => q(el, 'h1').textContent === 'Creador de encuestas', 'Spanish builder');
    await expect(el).to.be.accessible();
  });

  it('reflows at 320 px: nothing scrolls sideways', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px"><cx-survey-builder script-url=${BUNDLE}></cx-survey-builder></div>`);
    const el = wrap.querySelector('cx-survey-builder')!;
    await buildFivePoint(el, 'narrow');
    await waitUntil(() => preview(el)?.shadowRoot?.querySelector('input[name="q1"]'), 'preview');
    const wide = [...root(el).querySelectorAll<HTMLElement>('*')].filter((n) => n.getBoundingClientRect().right > wrap.getBoundingClientRect().right + 1 && !n.closest('pre'));
    expect(wide.map((n) => n.tagName + (n.id ? `#${n.id}` : ''))).to.deep.equal([]);
  });

  it('reaches every step with the keyboard alone', async () => {
    const el = await builder();
    q(el, '#f-id').focus();
    await sendKeys({ type: 'kb-1' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Name' });
    await el.updateComplete;
    expect(q<HTMLInputElement>(el, '#f-id').value).to.equal('kb-1');
    expect(q<HTMLInputElement>(el, '#f-name').value).to.equal('Name');
  });

  it('its services entry starts a real collector, and its snippet in a blank page renders and posts there', async function () {
    this.timeout(90000);
    const el = await builder();
    const id = `snippet-${Date.now()}`;
    await buildFivePoint(el, id);
    const started = (await executeServerCommand('cx-collector-from-services', { services: JSON.stringify({ services: [JSON.parse(output(el, 'entry'))] }) })) as { url?: string; error?: string };
    expect(started.error).to.equal(undefined);
    const collector = started.url!;
    await type(el, 'f-endpoint', collector);
    const snippet = output(el, 'embed');
    expect(snippet).to.contain(`<script type="module" src="${BUNDLE}"></script>`);
    expect(snippet).to.contain(`service="${id}"`);

    const frame = document.createElement('iframe');
    frame.src = '/test/browser/fixtures/blank.html';
    frame.style.width = '600px';
    frame.style.height = '900px';
    document.body.append(frame);
    try {
      await new Promise((r) => frame.addEventListener('load', r, { once: true }));
      const doc = frame.contentDocument!;
      doc.body.append(doc.createRange().createContextualFragment(snippet));
      const survey = () => doc.querySelector('cx-survey')?.shadowRoot;
      // The questions come from the collector (its entry), not the page: five ratings.
      await waitUntil(() => survey()?.querySelectorAll('input[name="q1"]').length === 5, 'snippet survey rendered', { timeout: 20000 });
      survey()!.querySelector<HTMLInputElement>('input[name="q1"][value="4"]')!.click();
      await waitUntil(() => survey()?.querySelector('input[name="q2"][value="employee"]'), 'Q2a');
      survey()!.querySelector<HTMLInputElement>('input[name="q2"][value="employee"]')!.click();
      await new Promise((r) => setTimeout(r, 50));
      survey()!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
      let stored: ResponseRecord[] = [];
      await waitUntil(
        async () => {
          const { status, body } = (await executeServerCommand('cx-collector-from-services-get', { url: collector, path: `/v1/export.json?service=${id}` })) as { status: number; body: ResponseRecord[] };
          stored = status === 200 ? body : [];
          return stored.length === 1;
        },
        'the collector stored the response',
        { timeout: 20000, interval: 300 },
      );
      expect(stored[0]).to.include({ service: id, q1: 4, scale: 'five-point' });
      expect(stored[0].q2).to.deep.equal(['employee']);
      expect(stored[0].instrument!.drivers).to.deep.include({ key: 'employee', ...PAIR });
    } finally {
      frame.remove();
    }
  });
});
