// What a page downloads: English ships in the main bundle; another language
// is one small chunk; i18next comes only with agency wording.
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
    expect(afterEs[0]).to.match(/\/locales\/es\.ts/);

    const worded = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="es" service="demo-thumbs" agency="A" endpoint=${endpoint()}
      .config=${{ wording: { es: { q3: '¿Algo más?' } } }}></cx-survey>`);
    await until(() => worded.shadowRoot!.querySelector('[part~=q3] [part=label]')?.textContent === '¿Algo más?', 'agency wording shown', { timeout: 8000 });
    expect(requested().some((u) => /i18next/.test(u))).to.equal(true);
  });
});
