// What a respondent meets beyond what axe sees: keyboard, dark pages, focus, text size (issue #17).
import { expect, fixture, html, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cx-survey.js';
import type { CxSurvey } from './survey.js';
import { endpoint, recordEvents, until } from '../../../../../test/browser/helpers.js';

const $ = <T extends Element = HTMLElement>(el: CxSurvey, sel: string) => el.shadowRoot!.querySelector<T & HTMLElement>(sel);
const thumbs = (extra = {}) =>
  fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()} .config=${extra}></cx-survey>`);

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

describe('<cx-survey> on a dark-mode page', () => {
  it('native radios and checkboxes draw in the survey’s own light scheme, unless the host sets --cx-color-scheme', async () => {
    const page = await fixture<HTMLElement>(html`<div style="color-scheme: dark; background: #111; color: #eee">
      <cx-survey config-source="page" service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()}></cx-survey></div>`);
    const el = page.querySelector('cx-survey') as CxSurvey;
    await until(() => $(el, 'form'), 'shown');
    await el.updateComplete;
    $<HTMLInputElement>(el, 'input[name=q1][value="0"]')!.click();
    await el.updateComplete;
    for (const input of [$(el, 'input[name=q1]')!, $(el, 'input[name=q2]')!, $(el, 'textarea')!]) {
      expect(getComputedStyle(input).colorScheme, input.localName).to.equal('light');
    }
    el.style.setProperty('--cx-color-scheme', 'dark');
    expect(getComputedStyle($(el, 'input[name=q1]')!).colorScheme, 'host opted in').to.equal('dark');
  });

  it('a selected choice differs by more than colour: its border is drawn thicker', async () => {
    const el = await thumbs();
    $<HTMLInputElement>(el, 'input[name=q1][value="0"]')!.click();
    await el.updateComplete;
    const tile = (v: number) => $(el, `input[name=q1][value="${v}"]`)!.closest('label')!;
    expect(getComputedStyle(tile(0)).boxShadow, 'selected tile').to.contain('inset');
    expect(getComputedStyle(tile(1)).boxShadow, 'unselected tile').to.equal('none');
    $<HTMLInputElement>(el, 'input[name=q2][value="ease"]')!.click();
    await el.updateComplete;
    const check = $(el, 'input[name=q2][value="ease"]')!.closest('label')!;
    expect(getComputedStyle(check).boxShadow, 'selected checkbox').to.contain('inset');
  });
});

describe('<cx-survey> focus after "No thanks" and "Close"', () => {
  it('leaves a short confirmation, focused and announced, instead of dropping focus to <body>', async () => {
    const el = await thumbs();
    $<HTMLButtonElement>(el, '[part=dismiss]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[part=dismissed]'), 'confirmation shown');
    const note = $(el, '[part=dismissed]')!;
    expect(note.textContent).to.equal('The survey is closed.');
    expect(note.getAttribute('role')).to.equal('status');
    await until(() => el.shadowRoot!.activeElement === note, 'focus on the confirmation');
    expect(document.activeElement).to.equal(el);
    expect($(el, 'form') === null, 'questions gone').to.equal(true);
    await expect(el).to.be.accessible();

    el.reset();
    await el.updateComplete;
    $<HTMLInputElement>(el, 'input[name=q1][value="1"]')!.click();
    $<HTMLButtonElement>(el, '[part=submit]')!.click();
    await until(() => $(el, '[part=thanks]'), 'thank-you');
    $<HTMLButtonElement>(el, '[part=thanks] [part=dismiss]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement === $(el, '[part=dismissed]'), 'focus on the confirmation after Close');
  });

  it('a page that moves focus itself on cx-dismiss keeps it there', async () => {
    const page = await fixture<HTMLElement>(html`<div><cx-survey config-source="page" service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()}></cx-survey>
      <a id="next" href="#next">Next step</a></div>`);
    const el = page.querySelector('cx-survey') as CxSurvey;
    await until(() => $(el, 'form'), 'shown');
    el.addEventListener('cx-dismiss', () => page.querySelector<HTMLElement>('#next')!.focus());
    $<HTMLButtonElement>(el, '[part=dismiss]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[part=dismissed]'), 'confirmation shown');
    await el.updateComplete;
    await aTimeout(0);
    expect(document.activeElement!.id).to.equal('next');
  });
});

describe('<cx-survey> short labels’ icons', () => {
  it('Q2b’s icons do not contradict its labels: no tick beside "Need not met", no smile beside "Difficult"', async () => {
    const el = await thumbs({ labels: 'short', drivers: ['effectiveness', 'ease', 'efficiency', 'humanity'] });
    const icons = () => Object.fromEntries([...el.shadowRoot!.querySelectorAll('[part~=q2] [part=option]')].map((o) => [(o.querySelector('input') as HTMLInputElement).value, o.querySelector('svg path')!.getAttribute('d')]));
    $<HTMLInputElement>(el, 'input[name=q1][value="1"]')!.click();
    await el.updateComplete;
    const positive = icons();
    $<HTMLInputElement>(el, 'input[name=q1][value="0"]')!.click();
    await el.updateComplete;
    const negative = icons();
    for (const key of ['effectiveness', 'ease', 'humanity']) expect(negative[key], key).not.to.equal(positive[key]);
    // The tick (M8 12l3 3 5-6) and the smile (M8 14c2 2.5 6 2.5 8 0) appear only in Q2a.
    expect(Object.values(negative).join(' ')).not.to.contain('M8 12l3 3 5-6').and.not.to.contain('M8 14c2 2.5 6 2.5 8 0');
    expect(positive.effectiveness).to.contain('M8 12l3 3 5-6');
    await expect(el).to.be.accessible();
  });
});

describe('<cx-survey> smaller things a respondent meets', () => {
  const typeQ3 = async (el: CxSurvey, value: string) => {
    const box = $<HTMLTextAreaElement>(el, 'textarea')!;
    box.value = value;
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
  };
  const live = (el: CxSurvey) => $(el, '[role=status][aria-live]')!.textContent!.trim();

  it('the characters-left counter is spoken only near the limit', async () => {
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-thumbs" agency="A" endpoint=${endpoint()} q3-max-length="100"></cx-survey>`);
    await typeQ3(el, 'a few words');
    await aTimeout(1500); // past the pause after which the counter would be spoken
    expect(live(el), 'silent far from the limit').to.equal('');
    await typeQ3(el, 'x'.repeat(85));
    await until(() => live(el) === '15 characters left', 'spoken near the limit', { timeout: 4000 });
  });

  it('five-point choices are named with the number they show (2.5.3)', async () => {
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-five" agency="A" scale="five-point" endpoint=${endpoint()}></cx-survey>`);
    await until(() => $(el, 'form'), 'shown');
    const option = $(el, 'input[name=q1][value="3"]')!.closest('label')!;
    expect(option.querySelector('[aria-hidden]') === null, 'nothing hidden from the name').to.equal(true);
    expect(option.textContent!.replace(/\s+/g, ' ').trim()).to.equal('3 Neither agree nor disagree');
  });

  it('radios and checkboxes grow with the text size', async () => {
    const el = await thumbs();
    el.style.fontSize = '34px'; // 200 % of the default 17 px
    $<HTMLInputElement>(el, 'input[name=q1][value="0"]')!.click();
    await el.updateComplete;
    for (const input of [$(el, 'input[name=q1]')!, $(el, 'input[name=q2]')!]) expect(input.getBoundingClientRect().width, input.name).to.be.at.least(40);
  });

  it('the OMB number and "согласен(‑на)" never break at their hyphen', async () => {
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="ru" service="demo-five" agency="A" scale="five-point" endpoint=${endpoint()}
      pra-control-number="1234-5678" pra-expiration="2099-12-31"></cx-survey>`);
    await until(() => $(el, 'form'), 'shown');
    const pra = $(el, '[part=pra]')!.textContent!;
    expect(pra).to.contain('1234\u20115678').and.not.contain('1234-5678');
    const labels = [...el.shadowRoot!.querySelectorAll('[part~=q1] .text')].map((t) => t.textContent!);
    expect(labels.join(' ')).to.contain('(\u2011на)').and.not.contain('(-на)');
  });

  it('after a language switch the live region speaks the new language', async () => {
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" languages="en es" service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey>`);
    await until(() => $(el, 'form'), 'shown');
    $<HTMLInputElement>(el, 'input[name=q1][value="1"]')!.click();
    await el.updateComplete;
    expect(live(el)).to.contain('A follow-up question appeared');
    const select = $<HTMLSelectElement>(el, 'select')!;
    select.value = 'es';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => live(el) === 'Idioma: Español', 'announced in Spanish', { timeout: 5000 });
    expect($(el, '[part=base]')!.lang).to.equal('es');
  });

  it('the thank-you heading follows heading-level; the kiosk title is a heading; the kiosk picker is 56 px tall', async () => {
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" heading-level="3" service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey>`);
    await until(() => $(el, 'form'), 'shown');
    $<HTMLInputElement>(el, 'input[name=q1][value="1"]')!.click();
    $<HTMLButtonElement>(el, '[part=submit]')!.click();
    await until(() => $(el, '[part=thanks]'), 'thank-you');
    const heading = $(el, '[part=thanks] [role=heading]')!;
    expect(heading.getAttribute('aria-level')).to.equal('3');
    const kiosk = await fixture<CxSurvey>(html`<cx-survey config-source="page" kiosk languages="en es" service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey>`);
    await until(() => $(kiosk, '[part=start]'), 'start screen');
    const title = $(kiosk, '[part=start] [role=heading]')!;
    expect(title.textContent).to.equal('Tell us about your visit today.');
    expect(title.getAttribute('aria-level')).to.equal('2');
    expect($(kiosk, 'select')!.getBoundingClientRect().height).to.be.at.least(56);
    await expect(kiosk).to.be.accessible();
  });

  it('Haitian Creole names its language and writes the PRA date in Kreyòl, not English', async () => {
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="ht" languages="en ht" service="demo-thumbs" agency="A" endpoint=${endpoint()}
      pra-control-number="1234-5678" pra-expiration="2099-12-31"></cx-survey>`);
    await until(() => $(el, 'form'), 'shown');
    const pra = $(el, '[part=pra]')!.textContent!;
    expect(pra).to.contain('31 desanm 2099').and.not.contain('December');
    expect($(el, 'option[value=ht]')!.textContent).to.equal('Kreyòl ayisyen');
  });
});
