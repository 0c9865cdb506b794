import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cx-survey-button.js';
import '../survey/cx-survey.js';
import type { CxSurveyButton } from './survey-button.js';
import type { CxSurvey } from '../survey/survey.js';
import { endpoint, until } from '../../../../../test/browser/helpers.js';

async function launcher(placement = 'inline') {
  const el = await fixture<CxSurveyButton>(html`<cx-survey-button placement=${placement}>
    <cx-survey config-source="page" service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()}></cx-survey>
  </cx-survey-button>`);
  const survey = el.querySelector('cx-survey') as CxSurvey;
  await until(() => survey.shadowRoot?.querySelector('form'), 'survey ready');
  return { el, survey, button: el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!, dialog: el.shadowRoot!.querySelector('dialog')! };
}

describe('<cx-survey-button>', () => {
  it('opens the survey in a modal dialog with focus inside, and Escape closes it back to the button', async () => {
    const { el, survey, button, dialog } = await launcher();
    expect(button.textContent!.trim()).to.equal('Give feedback');
    expect(dialog.open).to.equal(false);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog.open, 'dialog open');
    expect(dialog.getAttribute('aria-label')).to.equal('Give feedback');
    await until(() => survey.shadowRoot!.activeElement === survey.shadowRoot!.querySelector('input[name=q1]'), 'focus on Q1');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'dialog closed');
    await until(() => el.shadowRoot!.activeElement === button, 'focus back on the button');
  });

  it("closes when the survey is dismissed, and opens afresh after a submit", async () => {
    const { el, survey, button, dialog } = await launcher();
    button.click();
    await until(() => dialog.open, 'dialog open');
    survey.shadowRoot!.querySelector<HTMLButtonElement>('button[part=dismiss]')!.click();
    await until(() => !dialog.open, 'closed by No thanks');
    button.click();
    await until(() => dialog.open && survey.shadowRoot!.querySelector('form'), 'survey shown again');
    survey.shadowRoot!.querySelector<HTMLInputElement>('input[name=q1][value="1"]')!.click();
    survey.shadowRoot!.querySelector<HTMLButtonElement>('[part=submit]')!.click();
    await until(() => survey.shadowRoot!.querySelector('[part=thanks]'), 'thanks');
    survey.shadowRoot!.querySelector<HTMLButtonElement>('[part=thanks] [part=dismiss]')!.click();
    await until(() => !dialog.open, 'closed by Close');
    button.click();
    await until(() => dialog.open && survey.shadowRoot!.querySelector('form'), 'a fresh survey');
    expect(survey.value.q1).to.equal(null);
    el.hide();
  });

  it('the corner placement floats only on wide screens, and never over a phone’s content', async () => {
    const { button } = await launcher('corner');
    const wide = matchMedia('(min-width: 48em)').matches;
    expect(getComputedStyle(button).position).to.equal(wide ? 'fixed' : 'static');
    const inline = await launcher('inline');
    expect(getComputedStyle(inline.button).position).to.equal('static');
  });
});
