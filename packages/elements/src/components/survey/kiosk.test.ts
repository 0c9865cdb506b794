// Kiosk mode on a shared field-office tablet.
import { expect, fixture, html, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cx-survey.js';
import type { CxSubmitEvent } from '../../events/index.js';
import type { CxSurvey } from './survey.js';
import { responses } from '../../delivery/load.js';
import { endpoint, expectStoredOnce, startCollector, stopCollector, storedRecord, uniqueLocation, until } from '../../../../../test/browser/helpers.js';

const $ = <T extends HTMLElement = HTMLElement>(el: CxSurvey, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const kiosk = (loc: string, resetAfter = 10, idleAfter = 90) =>
  fixture<CxSurvey>(html`<cx-survey config-source="page" kiosk reset-after=${resetAfter} idle-after=${idleAfter} location=${loc} service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()}></cx-survey>`);
const started = async (el: CxSurvey) => {
  await until(() => $(el, '[part=start-button]'), 'start screen');
  $<HTMLButtonElement>(el, '[part=start-button]')!.click();
  await until(() => $(el, 'form'), 'survey shown');
};

afterEach(() => startCollector());

describe('<cx-survey config-source="page" kiosk>', () => {
  it('opens on a start screen; Start shows the survey with focus on the first question', async () => {
    const el = await kiosk(uniqueLocation());
    await until(() => $(el, '[part=start]'), 'start screen');
    expect($(el, 'form') === null, 'no form yet').to.equal(true);
    await expect(el).to.be.accessible();
    const shows: Event[] = [];
    el.addEventListener('cx-show', (e) => shows.push(e));
    await started(el);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement === $(el, 'input[name=q1]'), 'focus on Q1').to.equal(true);
    expect(shows).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('records channel kiosk and the office location, then returns to the start screen after the thank-you', async () => {
    const loc = uniqueLocation();
    const el = await kiosk(loc, 1);
    await started(el);
    $<HTMLInputElement>(el, 'input[name=q1][value="1"]')!.click();
    const submitted = new Promise<CxSubmitEvent>((r) => el.addEventListener('cx-submit', r, { once: true }));
    $<HTMLButtonElement>(el, '[part=submit]')!.click();
    const id = (await submitted).detail.id;
    await until(() => $(el, '[part=thanks]'), 'thank-you');
    await until(() => $(el, '[part=start]'), 'back to the start screen', { timeout: 5000 });
    expect(el.value.q1).to.equal(null);
    const stored = await storedRecord(id);
    expect(stored).to.include({ channel: 'kiosk', location: loc });
  });

  it('warns before wiping: an announced modal dialog, at least 20 s ahead, whose "I need more time" keeps the answers', async function () {
    this.timeout(20000);
    const el = await kiosk(uniqueLocation(), 10, 1);
    await started(el);
    $<HTMLInputElement>(el, 'input[name=q1][value="0"]')!.click();
    await el.updateComplete;
    $<HTMLInputElement>(el, 'input[name=q1][value="0"]')!.focus();
    await until(() => $<HTMLDialogElement>(el, 'dialog[part=idle-warning]')?.open, 'warning shown', { timeout: 5000 });
    const dialog = $<HTMLDialogElement>(el, 'dialog[part=idle-warning]')!;
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    expect(el.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.equal('Do you need more time?');
    const seconds = Number(/(\d+) seconds/.exec(el.shadowRoot!.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent!)![1]);
    expect(seconds).to.be.at.least(20);
    await until(() => el.shadowRoot!.activeElement === $(el, '[part=more-time]'), 'focus on "I need more time"');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await until(() => !$(el, '[part=idle-warning]'), 'warning gone');
    expect(el.value.q1, 'answer kept').to.equal(0);
    await until(() => el.shadowRoot!.activeElement === $(el, 'input[name=q1][value="0"]'), 'focus back where it was');
    // The clock starts again: the warning returns after another quiet second.
    await until(() => $<HTMLDialogElement>(el, 'dialog[part=idle-warning]')?.open, 'warned again', { timeout: 5000 });
    el.restart();
  });

  it('wipes a walked-away respondent’s answers once the warning has run out, with focus on Start, not <body>', async function () {
    this.timeout(60000);
    const el = await kiosk(uniqueLocation(), 10, 1);
    await started(el);
    $<HTMLInputElement>(el, 'input[name=q1][value="0"]')!.click();
    const box = $<HTMLTextAreaElement>(el, 'textarea')!;
    box.value = 'my case number is 12345';
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    await until(() => $(el, '[part=idle-warning]'), 'warning shown', { timeout: 5000 });
    expect(el.value.q3, 'not wiped while warning').to.contain('12345');
    await until(() => $(el, '[part=start]'), 'back to the start screen', { timeout: 45000 });
    expect(el.value).to.deep.include({ q1: null, q3: '' });
    expect(el.shadowRoot!.innerHTML).not.to.contain('12345');
    await until(() => el.shadowRoot!.activeElement === $(el, '[part=start-button]'), 'focus on Start');
    expect(document.activeElement).to.equal(el);
  });

  it('after the thank-you returns to the start screen, focus is on Start', async () => {
    const el = await kiosk(uniqueLocation(), 1);
    await started(el);
    $<HTMLInputElement>(el, 'input[name=q1][value="1"]')!.click();
    $<HTMLButtonElement>(el, '[part=submit]')!.click();
    await until(() => $(el, '[part=thanks]'), 'thank-you');
    await until(() => $(el, '[part=start]'), 'back to the start screen', { timeout: 5000 });
    await until(() => el.shadowRoot!.activeElement === $(el, '[part=start-button]'), 'focus on Start');
  });

  it('keeps working while someone answers: each touch restarts the inactivity clock', async () => {
    const el = await kiosk(uniqueLocation(), 10, 2);
    await started(el);
    for (let i = 0; i < 4; i++) {
      await aTimeout(800);
      $<HTMLInputElement>(el, `input[name=q1][value="${i % 2}"]`)!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    }
    expect($(el, 'form'), 'still answering after 3.2 s of activity').to.exist;
  });

  it('shows staff how many responses wait to be sent, and a dismiss returns to the start screen', async () => {
    const loc = uniqueLocation();
    await stopCollector();
    const el = await kiosk(loc, 30);
    await started(el);
    $<HTMLInputElement>(el, 'input[name=q1][value="1"]')!.click();
    const submitted = new Promise<CxSubmitEvent>((r) => el.addEventListener('cx-submit', r, { once: true }));
    $<HTMLButtonElement>(el, '[part=submit]')!.click();
    const id = (await submitted).detail.id;
    await until(() => /Waiting to be sent: [1-9]/.test($(el, '[part=backlog]')?.textContent ?? ''), 'backlog shown');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part=thanks] [part=dismiss]')!.click();
    await until(() => $(el, '[part=start]'), 'dismiss → start screen');
    await startCollector();
    await responses.flush(true);
    await until(async () => !(await responses.pending()).some((p) => p.record.id === id), 'sent');
    await expectStoredOnce('demo-thumbs', loc, [id]);
  });
});
