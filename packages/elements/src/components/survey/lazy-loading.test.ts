// What a page downloads: English ships in the main bundle; another language
// is one small chunk; i18next comes only with agency wording; each optional
// feature only with a survey that uses it.
import { expect, fixture, html } from '@open-wc/testing';
import './cx-survey.js';
import type { CxSurvey } from './survey.js';
import { endpoint, until } from '../../../../../test/browser/helpers.js';

const requested = () => performance.getEntriesByType('resource').map((e) => e.name);
const shown = (el: CxSurvey) => until(() => el.shadowRoot!.querySelector('form'), 'survey shown', { timeout: 8000 });

describe('<cx-survey config-source="page"> loads only what it needs', () => {
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
    const features = () => requested().filter((u) => /\/features\//.test(u)).map((u) => u.replace(/^.*\/features\/([\w-]+)\..*$/, '$1'));
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
