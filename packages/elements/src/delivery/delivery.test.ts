// Delivery end to end: real IndexedDB, a real collector process, faults
// injected between them. Every test ends by asserting that the collector
// holds each submitted record exactly once.
import { expect, fixture, html, aTimeout } from '@open-wc/testing';
import { createStore, set } from 'idb-keyval';
import '../components/survey/cx-survey.js';
import type { CxSurvey } from '../components/survey/survey.js';
import type { CxSubmitEvent } from '../events/index.js';
import { responses } from './load.js';
import { DB_NAME, type QueuedRecord } from './storage.js';
import {
  endpoint,
  expectStoredOnce,
  fault,
  forget,
  frame,
  mintToken,
  setOffline,
  startCollector,
  stopCollector,
  uniqueLocation,
  until,
} from '../../../../test/browser/helpers.js';

const faulty = '/faulty/v1/responses';

async function survey(loc: string, url = endpoint(), extra = {}) {
  const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-thumbs" agency="Example Agency" location=${loc} endpoint=${url} .config=${extra}></cx-survey>`);
  return el;
}

/** Answers and submits; resolves with the record id once the thank-you shows. */
async function answer(el: CxSurvey, q1 = 1): Promise<string> {
  const root = el.shadowRoot!;
  root.querySelector<HTMLInputElement>(`input[name=q1][value="${q1}"]`)!.click();
  await el.updateComplete;
  const submitted = new Promise<CxSubmitEvent>((r) => el.addEventListener('cx-submit', r, { once: true }));
  root.querySelector<HTMLButtonElement>('[part=submit]')!.click();
  const id = (await submitted).detail.id as string;
  await until(() => root.querySelector('[part=thanks]'), 'thank-you shown');
  return id;
}

const statusText = (el: CxSurvey) => el.shadowRoot!.querySelector('[part=status]')?.textContent?.trim() ?? '';
const pendingIds = async () => (await responses.pending()).map((p) => p.record.id);

/** Every cx-delivery event each survey fired, kept from the start so a fast outcome is never missed. */
const deliveries = new WeakMap<EventTarget, CustomEvent[]>();
document.addEventListener('cx-delivery', (e) => {
  const list = deliveries.get(e.target!) ?? [];
  list.push(e as CustomEvent);
  deliveries.set(e.target!, list);
});

/** Resolves with the survey's first cx-delivery event of that status, past or future. */
async function deliveryOf(el: CxSurvey, status: string): Promise<CustomEvent> {
  let found: CustomEvent | undefined;
  await until(() => (found = deliveries.get(el)?.find((e) => e.detail.status === status)), `cx-delivery ${status}`, { timeout: 9000 });
  return found!;
}

afterEach(async () => {
  await fault(null);
  await startCollector().catch(() => {}); // already running: start fails harmlessly
  await setOffline(false);
});

describe('delivery', () => {
  it('stores the record on the device before thanking, and removes it once acknowledged', async () => {
    const loc = uniqueLocation();
    await fault({ delayMs: 800 });
    const el = await survey(loc, faulty);
    const id = await answer(el);
    // Thanked while the collector has not yet answered: the record is on this device.
    expect(await pendingIds()).to.include(id);
    await deliveryOf(el, 'sent');
    expect(await pendingIds()).not.to.include(id);
    await el.updateComplete;
    expect(statusText(el)).to.equal('Your feedback was sent.');
    await expectStoredOnce('demo-thumbs', loc, [id]);
  });

  it('offline, then online: saved on the device, sent when the network returns', async () => {
    const loc = uniqueLocation();
    // Chromium goes really offline; engines that cannot emulate it lose the collector instead.
    const reallyOffline = await setOffline(true);
    if (!reallyOffline) await stopCollector();
    const el = await survey(loc);
    const id = await answer(el);
    await deliveryOf(el, 'retrying');
    await el.updateComplete;
    expect(statusText(el)).to.equal('Your feedback is saved on this device and will be sent when you are back online.');
    if (reallyOffline) expect(navigator.onLine).to.equal(false);
    const sent = deliveryOf(el, 'sent');
    if (reallyOffline) await setOffline(false);
    else {
      await startCollector();
      window.dispatchEvent(new Event('online'));
    }
    await sent;
    await el.updateComplete;
    expect(statusText(el)).to.equal('Your feedback was sent.');
    await expectStoredOnce('demo-thumbs', loc, [id]);
  });

  it('collector down, then up: a backlog goes out in one batch, each record once', async () => {
    const loc = uniqueLocation();
    await stopCollector();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const el = await survey(loc);
      ids.push(await answer(el, i % 2));
      await deliveryOf(el, 'retrying');
    }
    expect(await pendingIds()).to.include.members(ids);
    await startCollector();
    await responses.flush(true);
    await expectStoredOnce('demo-thumbs', loc, ids);
    expect(await pendingIds()).not.to.include.members(ids);
  });

  it('a storm of 500s is retried with backoff until it passes', async () => {
    const loc = uniqueLocation();
    await fault({ status: 500, count: 3 });
    const el = await survey(loc, faulty);
    const id = await answer(el);
    const retrying = (await deliveryOf(el, 'retrying')).detail;
    expect(retrying.attempts).to.equal(1);
    // About 1 s after the failure: half fixed, half jitter.
    expect(Date.parse(retrying.nextAttemptAt) - Date.parse(retrying.timestamp)).to.be.within(450, 1050);
    const [entry] = (await responses.pending()).filter((p) => p.record.id === id);
    expect(entry.lastError).to.contain('500');
    for (let i = 0; i < 3; i++) await responses.flush(true);
    await expectStoredOnce('demo-thumbs', loc, [id]);
  });

  it('429 with Retry-After is honoured', async () => {
    const loc = uniqueLocation();
    await fault({ status: 429, retryAfter: 30, count: 1 });
    const el = await survey(loc, faulty);
    const id = await answer(el);
    const retrying = (await deliveryOf(el, 'retrying')).detail;
    expect(Date.parse(retrying.nextAttemptAt) - Date.parse(retrying.timestamp)).to.be.within(29000, 30100);
    const [entry] = (await responses.pending()).filter((p) => p.record.id === id);
    expect(entry.lastError).to.contain('429');
    await responses.flush(true);
    await expectStoredOnce('demo-thumbs', loc, [id]);
  });

  it('commit, then the answer is lost: the retry is recognised, one row', async () => {
    const loc = uniqueLocation();
    await fault({ dropAfterCommit: true, count: 1 });
    const el = await survey(loc, faulty);
    const id = await answer(el);
    await deliveryOf(el, 'retrying');
    // The collector already has it; the browser does not know.
    await expectStoredOnce('demo-thumbs', loc, [id]);
    expect(await pendingIds()).to.include(id);
    await responses.flush(true);
    expect(await pendingIds()).not.to.include(id);
    await expectStoredOnce('demo-thumbs', loc, [id]);
  });

  it('a refused record becomes a dead letter: reported, listed, never dropped silently', async () => {
    const loc = uniqueLocation();
    const letters: CustomEvent[] = [];
    const listen = (e: Event) => letters.push(e as CustomEvent);
    window.addEventListener('cx-dead-letter', listen);
    try {
      // The collector knows no such service: a 422 that no retry can fix.
      const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="not-declared" agency="A" location=${loc} endpoint=${endpoint()}></cx-survey>`);
      const errors: CustomEvent[] = [];
      el.addEventListener('cx-error', (e) => errors.push(e as CustomEvent));
      const id = await answer(el);
      await deliveryOf(el, 'rejected');
      await el.updateComplete;
      expect(statusText(el)).to.equal('Your feedback could not be sent.');
      expect(errors[0].detail).to.include({ code: 'delivery' });
      expect(letters[0].detail).to.include({ id, reason: 'rejected', code: 'unknown_service', status: 422 });
      const dead = await responses.deadLetters();
      expect(dead.map((d) => d.record.id)).to.include(id);
      expect(await pendingIds()).not.to.include(id);
      await responses.discardDeadLetter(id);
      expect((await responses.deadLetters()).map((d) => d.record.id)).not.to.include(id);
    } finally {
      window.removeEventListener('cx-dead-letter', listen);
    }
  });

  it('records past the grace period are reported as expired, not deleted', async () => {
    const loc = uniqueLocation();
    const id = crypto.randomUUID();
    const old = new Date(Date.now() - 31 * 24 * 3600 * 1000).toISOString();
    const entry: QueuedRecord = {
      v: 1,
      endpoint: endpoint(),
      queuedAt: Date.now(),
      attempts: 40,
      nextAt: 0,
      record: { id, schemaVersion: 1, service: 'demo-thumbs', surveyType: 'post-interaction', channel: 'web', scale: 'thumbs', q1: 1, branch: 'positive', q2: [], offered: ['effectiveness', 'ease', 'efficiency'], q3: null, answers: {}, locale: 'en', answeredAt: old, pagePath: '/', location: loc },
    };
    await set(`q:${id}`, entry, createStore(DB_NAME, 'v1'));
    const expired = new Promise<CustomEvent>((r) => window.addEventListener('cx-dead-letter', (e) => r(e as CustomEvent), { once: true }));
    await responses.flush();
    expect((await expired).detail).to.include({ id, reason: 'expired', code: 'past_grace' });
    expect((await responses.deadLetters()).map((d) => d.record.id)).to.include(id);
    await forget(id);
    await expectStoredOnce('demo-thumbs', loc, []);
  });

  it('a page reloaded mid-flush sends its backlog on start-up, still once', async () => {
    const loc = uniqueLocation();
    await fault({ delayMs: 1500, count: 1 });
    const f = await frame({ location: loc });
    const id = await answer(f.el());
    await aTimeout(300); // the slow request is in flight
    f.iframe.contentWindow!.location.reload();
    await aTimeout(100);
    await until(() => f.win()?.cxReady, 'frame reloaded', { timeout: 10000 });
    await expectStoredOnce('demo-thumbs', loc, [id]);
    await until(async () => !(await pendingIds()).includes(id), 'queue emptied', { timeout: 10000 });
    f.iframe.remove();
  });

  it('two pages flushing one backlog at once send each record once', async () => {
    const loc = uniqueLocation();
    await stopCollector();
    const a = await frame({ location: loc });
    const b = await frame({ location: loc });
    const ids = [await answer(a.el()), await answer(b.el())];
    await until(async () => (await pendingIds()).filter((x) => ids.includes(x)).length === 2, 'both queued');
    for (let i = 0; i < 3; i++) {
      const el = await survey(loc);
      ids.push(await answer(el));
    }
    await startCollector();
    await Promise.all([a.win().cxResponses.flush(true), b.win().cxResponses.flush(true), responses.flush(true)]);
    await expectStoredOnce('demo-thumbs', loc, ids);
    expect((await pendingIds()).filter((x) => ids.includes(x))).to.deep.equal([]);
    a.iframe.remove();
    b.iframe.remove();
  });

  it('without IndexedDB it keeps responses in memory, warns, says so honestly, and still delivers', async () => {
    const loc = uniqueLocation();
    await stopCollector();
    const f = await frame({ location: loc, break: 'idb', endpoint: endpoint() });
    const id = await answer(f.el());
    await until(() => f.win().cxEvents.some((e) => e.type === 'cx-delivery' && e.detail.status === 'retrying'), 'retrying');
    await f.el().updateComplete;
    expect(statusText(f.el())).to.equal('Your feedback will be sent when you are back online, if this page stays open.');
    const events = f.win().cxEvents;
    expect(events.find((e) => e.type === 'cx-storage-warning')?.detail.code).to.equal('storage-unavailable');
    expect(events.find((e) => e.type === 'cx-error')?.detail.code).to.equal('storage');
    await startCollector();
    await f.win().cxResponses.flush(true);
    await expectStoredOnce('demo-thumbs', loc, [id]);
    f.iframe.remove();
  });

  it('when the disk is full it keeps the response in memory, warns, and still delivers', async () => {
    const loc = uniqueLocation();
    const f = await frame({ location: loc, break: 'quota', endpoint: endpoint() });
    const id = await answer(f.el());
    await expectStoredOnce('demo-thumbs', loc, [id]);
    expect(f.win().cxEvents.find((e) => e.type === 'cx-storage-warning')?.detail.code).to.equal('storage-full');
    f.iframe.remove();
  });
});

describe('48-hour window token', () => {
  it('travels with the record and is verified by the collector', async () => {
    const loc = uniqueLocation();
    const token = await mintToken({ service: 'demo-token' });
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-token" agency="A" location=${loc} token=${token} endpoint=${endpoint()}></cx-survey>`);
    const id = await answer(el);
    await deliveryOf(el, 'sent');
    await expectStoredOnce('demo-token', loc, [id]);
  });

  it('is read from the cx_token URL parameter; a second response with it is refused', async () => {
    const loc = uniqueLocation();
    const token = await mintToken({ service: 'demo-token' });
    history.replaceState(null, '', `${location.pathname}?cx_token=${token}`);
    try {
      const first = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-token" agency="A" location=${loc} endpoint=${endpoint()}></cx-survey>`);
      const id = await answer(first);
      await deliveryOf(first, 'sent');
      const second = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-token" agency="A" location=${loc} endpoint=${endpoint()}></cx-survey>`);
      const again = await answer(second);
      const rejected = await deliveryOf(second, 'rejected');
      expect(rejected.detail.id).to.equal(again);
      const letter = (await responses.deadLetters()).find((d) => d.record.id === again)!;
      expect(letter.code).to.equal('token_reused');
      await responses.discardDeadLetter(again);
      await expectStoredOnce('demo-token', loc, [id]);
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('once the window has closed, the survey says so politely and records nothing', async () => {
    const loc = uniqueLocation();
    const token = await mintToken({ service: 'demo-token', windowSeconds: 60, issuedSecondsAgo: 120 });
    const closed: CustomEvent[] = [];
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-token" agency="A" location=${loc} token=${token} endpoint=${endpoint()}
      @cx-closed=${(e: CustomEvent) => closed.push(e)}></cx-survey>`);
    expect(el.shadowRoot!.querySelector('[part=closed]')?.textContent).to.contain('This survey has closed');
    expect(el.shadowRoot!.querySelector('form') === null, 'no form').to.equal(true);
    expect(closed).to.have.length(1);
    await expect(el).to.be.accessible();
    await expectStoredOnce('demo-token', loc, []);
  });
});
