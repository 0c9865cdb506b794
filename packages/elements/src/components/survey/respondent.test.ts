// What a respondent meets beyond what axe sees: keyboard, dark pages, focus, text size (issue #17).
import { expect, fixture, html, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cx-survey.js';
import type { CxSurvey } from './survey.js';
import { endpoint, recordEvents, until } from '../../../../../test/browser/helpers.js';

const $ = <T extends Element = HTMLElement>(el: CxSurvey, sel: string) => el.shadowRoot!.querySelector<T & HTMLElement>(sel);
const thumbs = (extra = {}) =>
  fixture<CxSurvey>(html`<cx-survey service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()} .config=${extra}></cx-survey>`);

describe('<cx-survey> keyboard', () => {
  it('Enter on a Q1 radio, a Q2 checkbox or a text field does not submit; Submit still does', async () => {
    const el = await thumbs({ questions: [{ id: 'zip', type: 'text', label: 'ZIP' }] });
    const events = recordEvents(el, ['cx-submit']);
    $<HTMLInputElement>(el, 'input[name=q1][value="0"]')!.focus();
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    $<HTMLInputElement>(el, 'input[name=q2][value="ease"]')!.focus();
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    $<HTMLInputElement>(el, '#extra-zip')!.focus();
    await sendKeys({ type: '20500' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await aTimeout(50);
    expect(events, 'no submit').to.have.length(0);
    expect($(el, 'form'), 'still on the form').to.exist;
    expect(el.value).to.deep.include({ q1: 0, q2: ['ease'] });
    $<HTMLButtonElement>(el, '[part=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => events.length === 1, 'Submit still submits');
  });
});
