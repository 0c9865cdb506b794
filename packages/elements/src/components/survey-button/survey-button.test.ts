import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cx-survey-button.js';
import '../survey/cx-survey.js';
import type { CxSurveyButton } from './survey-button.js';
import type { CxSurvey } from '../survey/survey.js';
import { endpoint, mintToken, until } from '../../../../../test/browser/helpers.js';

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

  it('the corner launcher never covers the element that has focus (2.4.11)', async function () {
    if (!matchMedia('(min-width: 48em)').matches) this.skip(); // the launcher floats only on wide screens
    const page = await fixture<HTMLElement>(html`<div>
      ${Array.from({ length: 40 }, (_, i) => html`<p style="margin: 0 0 1.5rem; text-align: end"><a href="#l${i}" id="l${i}">Link ${i}</a></p>`)}
      <cx-survey-button placement="corner"><cx-survey service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()}></cx-survey></cx-survey-button>
    </div>`);
    const launcher = page.querySelector('cx-survey-button')!;
    await launcher.updateComplete;
    const button = launcher.shadowRoot!.querySelector<HTMLElement>('[part=button]')!;
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const hidden: string[] = [];
    for (const link of page.querySelectorAll<HTMLElement>('a')) {
      link.focus();
      await frame();
      const b = button.getBoundingClientRect();
      const t = link.getBoundingClientRect();
      if (t.bottom > b.top && t.top < b.bottom && t.right > b.left && t.left < b.right) hidden.push(link.id);
    }
    window.scrollTo(0, 0);
    expect(hidden, 'focused links under the launcher').to.deep.equal([]);
  });

  it('never opens an empty dialog: hidden while its survey cannot be shown, back once it can', async () => {
    const errors = console.error;
    console.error = () => {};
    try {
      const el = await fixture<CxSurveyButton>(html`<cx-survey-button><cx-survey service="demo-thumbs" agency="Example Agency"></cx-survey></cx-survey-button>`);
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!;
      const survey = el.querySelector('cx-survey') as CxSurvey;
      await until(() => button.hidden, 'hidden with a configuration problem');
      expect(button.getClientRects().length, 'not drawn').to.equal(0);
      await el.show();
      expect(el.shadowRoot!.querySelector('dialog')!.open, 'no empty dialog').to.equal(false);
      survey.endpoint = endpoint();
      await until(() => !button.hidden, 'shown once the survey is');
      await el.show();
      expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
      el.hide();

      const expired = await fixture<CxSurveyButton>(html`<cx-survey-button><cx-survey service="demo-thumbs" agency="A" endpoint=${endpoint()}
        pra-control-number="1234-5678" pra-expiration="2001-01-01"></cx-survey></cx-survey-button>`);
      await until(() => expired.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.hidden, 'hidden after the PRA expiration');
      await expired.show();
      expect(expired.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
    } finally {
      console.error = errors;
    }
  });

  it('a closed survey opens on its "has closed" message, focused so it is read out', async () => {
    const token = await mintToken({ service: 'demo-thumbs', windowSeconds: 60, issuedSecondsAgo: 120 });
    const el = await fixture<CxSurveyButton>(html`<cx-survey-button><cx-survey service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()} token=${token}></cx-survey></cx-survey-button>`);
    const survey = el.querySelector('cx-survey') as CxSurvey;
    await until(() => survey.shadowRoot?.querySelector('[part=closed]'), 'closed message');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
    await until(() => survey.shadowRoot!.activeElement === survey.shadowRoot!.querySelector('[part=closed]'), 'focus on the message');
    await expect(el).to.be.accessible();
    el.hide();
  });
});

describe('<cx-survey-button> language', () => {
  it('the dialog carries the language and direction of its label (Arabic: rtl)', async () => {
    const el = await fixture<CxSurveyButton>(html`<cx-survey-button lang="ar"><cx-survey service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey></cx-survey-button>`);
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await until(() => dialog.getAttribute('lang') === 'ar', 'Arabic loaded');
    expect(dialog.dir).to.equal('rtl');
  });
});
