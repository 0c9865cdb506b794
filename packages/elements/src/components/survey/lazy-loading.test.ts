// What a page downloads: English ships in the main bundle; another language
// is one small chunk; i18next comes only with agency wording; each optional
// feature only with a survey that uses it.
import { expect, fixture, html } from '@open-wc/testing';
import './cx-survey.js';
import type { CxSurvey } from './survey.js';
import { endpoint, until } from '../../../../../test/browser/helpers.js';

const requested = () => performance.getEntriesByType('resource').map((e) => e.name);
const shown = (el: CxSurvey) => until(() => el.shadowRoot!.querySelector('form'), 'survey shown', { timeout: 8000 });

/** The modules that come after Q1 (#16): the checklist, Submit's record check, the thank-you and its status line. */
const AFTER_Q1 = /\/(features\/answered|templates\/q2|templates\/thanks|internal\/content-q2|controllers\/delivery-status)\.ts/;
/** Resolves with what the page had fetched the moment the survey was first shown. */
const fetchedAtShow = (el: CxSurvey) =>
  new Promise<string[]>((resolve) => el.addEventListener('cx-show', () => resolve(requested()), { once: true }));

describe('<cx-survey config-source="page"> loads only what it needs', () => {
  // First in this file: no other survey on the page has loaded the code after Q1 yet.
  it('a thumbs survey shows Q1 without the code after Q1, fetches it while idle, and then shows Q2 on a tap without waiting for the network', async () => {
    const el = document.createElement('cx-survey') as CxSurvey;
    Object.assign(el, { configSource: 'page', lang: 'en', service: 'demo-thumbs', agency: 'A', endpoint: endpoint() });
    const atShow = fetchedAtShow(el);
    document.body.append(el);
    try {
      expect((await atShow).filter((u) => AFTER_Q1.test(u))).to.deep.equal([]);
      await until(() => requested().some((u) => /\/features\/answered\.ts/.test(u)), 'the code after Q1 prefetched while idle', { timeout: 8000 });
      await el.updateComplete;
      const before = requested().length;
      // Q2 in the same task as the tap: only microtasks (Lit's update) in between, no network round trip.
      let anotherTask = false;
      setTimeout(() => (anotherTask = true), 0);
      el.shadowRoot!.querySelector<HTMLInputElement>('[part~=q1] input[value="1"]')!.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~=q2] input[type=checkbox]'), 'Q2 shown').to.exist;
      expect(anotherTask, 'Q2 waited for another task').to.equal(false);
      expect(requested().slice(before).filter((u) => AFTER_Q1.test(u))).to.deep.equal([]);
    } finally {
      el.remove();
    }
  });

  it('English without agency wording: no locale chunk, no i18next; Spanish: only its chunk; agency wording: i18next', async () => {
    const en = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="en" service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey>`);
    await shown(en);
    expect(requested().filter((u) => /\/locales\/|i18next/.test(u))).to.deep.equal([]);

    const es = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="es" service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey>`);
    await shown(es);
    const afterEs = requested().filter((u) => /\/locales\/|i18next/.test(u));
    expect(afterEs).to.have.length(1);
    // The language chunk is the protocol's module (built .js), the same the collector reads for paper and phone.
    expect(afterEs[0]).to.match(/\/locales\/es\.(ts|js)/);

    const worded = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="es" service="demo-thumbs" agency="A" endpoint=${endpoint()}
      .config=${{ wording: { es: { q3: '¿Algo más?' } } }}></cx-survey>`);
    await until(() => worded.shadowRoot!.querySelector('[part~=q3] [part=label]')?.textContent === '¿Algo más?', 'agency wording shown', { timeout: 8000 });
    expect(requested().some((u) => /i18next/.test(u))).to.equal(true);
  });

  it('the thumbs survey fetches no feature chunk; a five-point survey with a PRA notice fetches exactly those two, before it is shown', async () => {
    // Every survey fetches the code after Q1 while idle (tested above): the other features are what this counts.
    const features = () => requested().filter((u) => /\/features\//.test(u)).map((u) => u.replace(/^.*\/features\/([\w-]+)\..*$/, '$1')).filter((f) => f !== 'answered');
    const thumbs = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="en" service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey>`);
    await shown(thumbs);
    expect(features()).to.deep.equal([]);

    const five = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="en" service="demo-five" agency="A" scale="five-point" endpoint=${endpoint()}
      pra-control-number="1234-5678" pra-expiration="2099-12-31"></cx-survey>`);
    // updateComplete waits for the chunks: the survey is whole when the fixture resolves.
    expect(five.shadowRoot!.querySelectorAll('[part~=q1] input[type=radio]')).to.have.length(5);
    expect(five.shadowRoot!.querySelector('[part=pra]')).to.exist;
    expect(features().sort()).to.deep.equal(['five-point', 'pra']);
  });
});
