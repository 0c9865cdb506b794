import { expect, fixture, html } from '@open-wc/testing';
import { fiscalQuarterOf, type PublicServiceConfig, type ResponseRecord } from '@cx-survey/protocol';
import { createStore, get, set } from 'idb-keyval';
import { DB_NAME } from '../../delivery/storage.js';
import './cx-survey.js';
import type { CxSurvey } from './survey.js';
import {
  collectorGet,
  collectorUrl,
  endpoint,
  expectStoredOnce,
  frame,
  recordEvents,
  startCollector,
  stopCollector,
  storedRecord,
  uniqueLocation,
  unreachable,
  until,
} from '../../../../../test/browser/helpers.js';

const $ = (el: CxSurvey, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);

async function published(service: string): Promise<PublicServiceConfig> {
  return (await fetch(`${collectorUrl()}/v1/services/${service}`)).json();
}

/** Records the collector holds for a service at a location (each test uses its own location). */
async function storedAt(service: string, location: string): Promise<ResponseRecord[]> {
  const { body } = await collectorGet<ResponseRecord[]>(`/v1/export.json?service=${service}`);
  return body.filter((r) => r.location === location);
}

async function offeredOn(service: string, channel: string): Promise<number> {
  const { fiscalYear, quarter } = fiscalQuarterOf(Date.now());
  const { body } = await collectorGet<{ reports: Array<{ volumes: { byChannel: Record<string, { offered: number }> } }> }>(`/v1/reports?fy=${fiscalYear}&quarter=${quarter}&service=${service}`);
  return body.reports[0].volumes.byChannel[channel]?.offered ?? 0;
}

describe('<cx-survey> takes its survey from the collector', () => {
  // First in this file: no survey on the page has needed the full config check yet.
  it('a page that only names the service (or repeats what it says) never downloads the full config check; one that contradicts it does, and is told why', async () => {
    const checkLoaded = () => performance.getEntriesByType('resource').some((e) => /\/config-check\.(ts|js)/.test(e.name));
    const plain = await fixture<CxSurvey>(html`<cx-survey service="demo-five" agency="Example Agency" scale="five-point" endpoint=${endpoint()} location=${uniqueLocation()}></cx-survey>`);
    expect(plain.shadowRoot!.querySelectorAll('input[name=q1]').length).to.equal(5);
    expect(checkLoaded(), 'config-check fetched for a plain page').to.equal(false);

    const events = recordEvents(document.body, ['cx-error']);
    const contradicting = await fixture<CxSurvey>(html`<cx-survey service="demo-five" agency="Another Agency" endpoint=${endpoint()}></cx-survey>`);
    expect(contradicting.shadowRoot!.querySelector('form')).to.equal(null);
    expect(checkLoaded(), 'config-check fetched for a contradicting page').to.equal(true);
    const error = events.find((e) => e.target === contradicting);
    expect(error?.detail.problems.map((p: { path: string }) => p.path)).to.deep.equal(['agency']);
  });

  it('renders the service config with only service and endpoint on the page, and the record says what was asked', async () => {
    const location = uniqueLocation();
    const el = await fixture<CxSurvey>(html`<cx-survey service="demo-five" endpoint=${endpoint()} location=${location}></cx-survey>`);
    const config = await published('demo-five');
    // The agency, the five-point scale and "None of the above" come from the services file.
    expect(el.resolvedConfig?.agency).to.equal('Example Agency');
    expect(el.shadowRoot!.querySelectorAll('input[name=q1]').length).to.equal(5);
    (el.shadowRoot!.querySelector('input[name=q1][value="5"]') as HTMLInputElement).click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('input[name=q2][value="none"]')).to.exist;
    const submitted = new Promise<CustomEvent>((r) => el.addEventListener('cx-submit', r as EventListener, { once: true }));
    $(el, '[part=submit]')!.click();
    const id = (await submitted).detail.id as string;
    const stored = await storedRecord(id, 10000);
    expect(stored.instrument?.version).to.equal(config.version);
    expect(stored.instrument?.drivers.map((d) => d.key)).to.deep.equal(config.drivers.map((d) => d.key));
    expect(stored.instrument?.q1).to.equal('seed');
  });

  it('a page that contradicts the service config shows a config error before anyone answers, and sends nothing', async () => {
    const location = uniqueLocation();
    const channel = `c${Math.random().toString(36).slice(2, 9)}`;
    const events = recordEvents(document.body, ['cx-error', 'cx-show']);
    // demo-thumbs does not offer "None of the above", and its scale is thumbs.
    const el = await fixture<CxSurvey>(html`<cx-survey service="demo-thumbs" endpoint=${endpoint()} location=${location} channel=${channel}
      scale="five-point" .config=${{ drivers: ['effectiveness', 'ease', 'efficiency', 'none'] }}></cx-survey>`);
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    const error = events.find((e) => e.type === 'cx-error' && e.target === el);
    expect(error?.detail.code).to.equal('config');
    const paths = (error!.detail.problems as Array<{ path: string; message: string }>).map((p) => `${p.path}: ${p.message}`).join('\n');
    expect(paths).to.match(/^scale: .*five-point/m);
    expect(paths).to.match(/driver "none" is not offered by service "demo-thumbs"/);
    expect(events.some((e) => e.type === 'cx-show' && e.target === el)).to.equal(false);
    await new Promise((r) => setTimeout(r, 500));
    expect(await storedAt('demo-thumbs', location)).to.deep.equal([]);
    expect(await offeredOn('demo-thumbs', channel)).to.equal(0);
  });

  it('an unknown service is a config error: the collector accepts nothing for it', async () => {
    const events = recordEvents(document.body, ['cx-error']);
    const el = await fixture<CxSurvey>(html`<cx-survey service="not-on-this-collector" agency="A" endpoint=${endpoint()}></cx-survey>`);
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    const error = events.find((e) => e.target === el);
    expect(error?.detail.problems[0].message).to.match(/not-on-this-collector/);
  });

  it('each showing is counted as an anonymous offer, and the report gives the response rate', async () => {
    const channel = `c${Math.random().toString(36).slice(2, 9)}`;
    await fixture<CxSurvey>(html`<cx-survey service="demo-thumbs" endpoint=${endpoint()} channel=${channel}></cx-survey>`);
    await fixture<CxSurvey>(html`<cx-survey service="demo-thumbs" endpoint=${endpoint()} channel=${channel}></cx-survey>`);
    await until(async () => (await offeredOn('demo-thumbs', channel)) === 2, 'two offers counted', { timeout: 15000 });
  });

  it('a record the collector would refuse is never answered with "thank you"', async () => {
    const location = uniqueLocation();
    const events = recordEvents(document.body, ['cx-error', 'cx-submit']);
    // demo-token requires a window token; this page has none.
    const el = await fixture<CxSurvey>(html`<cx-survey service="demo-token" endpoint=${endpoint()} location=${location}></cx-survey>`);
    (el.shadowRoot!.querySelector('input[name=q1][value="1"]') as HTMLInputElement).click();
    await el.updateComplete;
    $(el, '[part=submit]')!.click();
    await until(() => events.some((e) => e.type === 'cx-error' && e.target === el), 'cx-error');
    await el.updateComplete;
    expect($(el, '[part=thanks]')).to.equal(null);
    expect(el.value.q1).to.equal(1);
    expect(events.find((e) => e.type === 'cx-error')!.detail.message).to.match(/window token/);
    await new Promise((r) => setTimeout(r, 500));
    expect(await storedAt('demo-token', location)).to.deep.equal([]);
  });
});

describe('<cx-survey> offline: the kept copy of the service config, and the first visit', () => {
  afterEach(async () => {
    await startCollector().catch(() => {}); // already running: start fails harmlessly
    document.querySelectorAll('iframe').forEach((f) => f.remove());
  });

  it('a page visited online keeps the config; with the collector unreachable the next page renders the kept copy, and the answer is queued and delivered later', async function () {
    this.timeout(40000);
    const location = uniqueLocation();
    const url = `${collectorUrl()}/v1/services/demo-five`;
    // First visit, online: the config comes from the collector and is kept on this device.
    const online = await frame({ source: 'collector', service: 'demo-five', endpoint: endpoint(), location });
    await until(() => online.el().resolvedConfig?.scale === 'five-point', 'rendered from the collector');
    await until(async () => (await get(`c:${url}`, createStore(DB_NAME, 'v1'))) !== undefined, 'config kept in IndexedDB');
    online.iframe.remove();

    await stopCollector();
    // Another page (its own modules, nothing fetched yet): the collector is unreachable, the kept copy is used.
    const offline = await frame({ source: 'collector', service: 'demo-five', endpoint: endpoint(), location });
    await until(() => offline.el().resolvedConfig !== undefined, 'rendered from the kept copy', { timeout: 15000 });
    const el = offline.el();
    // Five-point and "None of the above" come only from the kept config (the page sets neither).
    expect(el.resolvedConfig!.scale).to.equal('five-point');
    expect(el.shadowRoot!.querySelectorAll('input[name=q1]').length).to.equal(5);
    (el.shadowRoot!.querySelector('input[name=q1][value="2"]') as HTMLInputElement).click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('input[name=q2][value="none"]')).to.exist;
    el.shadowRoot!.querySelector<HTMLElement>('[part=submit]')!.click();
    await until(() => el.shadowRoot!.querySelector('[part=thanks]'), 'thank-you shown while the collector is down');
    await until(() => offline.win().cxEvents.some((e) => e.type === 'cx-submit'), 'cx-submit');
    const id = offline.win().cxEvents.find((e) => e.type === 'cx-submit')!.detail.id as string;
    expect((await offline.win().cxResponses.pending()).map((p) => p.record.id)).to.include(id);

    await startCollector();
    // The outbox retries at once when the browser says it is back online.
    offline.win().dispatchEvent(new Event('online'));
    await expectStoredOnce('demo-five', location, [id], 20000);
  });

  it('a scale change the services file schedules: the survey asks on the scale in force now; one answered after the change on the old scale is refused before "thank you", as the collector does', async () => {
    const events = recordEvents(document.body, ['cx-error', 'cx-submit']);
    /** A kept copy of a config as the collector publishes it for a move from thumbs to five-point at `at`. */
    async function scheduled(at: number): Promise<CxSurvey> {
      const service = `sched-${Math.random().toString(36).slice(2, 9)}`;
      const kept: PublicServiceConfig = {
        service, name: 'Scheduled move', agency: 'Example Agency', subject: 'interaction', scale: 'five-point', positiveCut: 4,
        scaleHistory: [
          { scale: 'thumbs', positiveCut: null, from: null, until: at },
          { scale: 'five-point', positiveCut: 4, from: at, until: null },
        ],
        drivers: [{ key: 'effectiveness' }, { key: 'ease' }, { key: 'efficiency' }], allowsEveryDriver: false,
        q3: true, q3MaxLength: 1000, questions: [], requireToken: false, version: '0123456789abcdef',
      };
      await set(`c:http://127.0.0.1:9/v1/services/${service}`, kept, createStore(DB_NAME, 'v1'));
      const el = await fixture<CxSurvey>(html`<cx-survey service=${service} endpoint=${unreachable}></cx-survey>`);
      await until(() => el.resolvedConfig !== undefined, 'rendered from the kept copy', { timeout: 15000 });
      return el;
    }
    const answerUp = async (el: CxSurvey) => {
      (el.shadowRoot!.querySelector('input[name=q1][value="1"]') as HTMLInputElement).click();
      await el.updateComplete;
      $(el, '[part=submit]')!.click();
    };

    // The move is tomorrow: thumbs today, and a thumbs answer is thanked (queued for the collector).
    const today = await scheduled(Date.now() + 86_400_000);
    expect(today.shadowRoot!.querySelectorAll('input[name=q1]').length).to.equal(2);
    await answerUp(today);
    await until(() => events.some((e) => e.type === 'cx-submit' && e.target === today), 'cx-submit');
    await until(() => $(today, '[part=thanks]'), 'thank-you');

    // The move comes while the survey is open: a thumbs answer given after it would be refused, so it is not thanked.
    const move = Date.now() + 1500;
    const open = await scheduled(move);
    expect(open.shadowRoot!.querySelectorAll('input[name=q1]').length).to.equal(2);
    await new Promise((r) => setTimeout(r, Math.max(0, move - Date.now()) + 100));
    await answerUp(open);
    await until(() => events.some((e) => e.type === 'cx-error' && e.target === open), 'cx-error');
    await open.updateComplete;
    expect($(open, '[part=thanks]')).to.equal(null);
    expect(events.some((e) => e.type === 'cx-submit' && e.target === open)).to.equal(false);
    expect(events.find((e) => e.type === 'cx-error' && e.target === open)!.detail.message).to.match(/used the five-point with 4-5 positive scale on .*, not thumbs/);
  });

  it('a first visit offline with nothing kept: the built-in defaults are shown; a page that sets what only the collector can confirm is not shown', async () => {
    const events = recordEvents(document.body, ['cx-error', 'cx-show']);
    // Nothing is ever kept for this collector: it never answers.
    const defaults = await fixture<CxSurvey>(html`<cx-survey service="demo-thumbs" agency="Example Agency" endpoint=${unreachable}></cx-survey>`);
    await until(() => defaults.resolvedConfig !== undefined, 'built-in defaults shown', { timeout: 15000 });
    expect(defaults.resolvedConfig!.scale).to.equal('thumbs');
    expect(defaults.shadowRoot!.querySelector('form')).to.exist;
    expect(events.some((e) => e.type === 'cx-error' && e.target === defaults)).to.equal(false);

    const narrowed = await fixture<CxSurvey>(html`<cx-survey service="demo-thumbs" agency="Example Agency" endpoint=${unreachable} scale="five-point"
      .config=${{ drivers: ['effectiveness', 'ease', 'efficiency'] }}></cx-survey>`);
    await until(() => events.some((e) => e.type === 'cx-error' && e.target === narrowed), 'config error', { timeout: 15000 });
    await narrowed.updateComplete;
    expect(narrowed.shadowRoot!.querySelector('form')).to.equal(null);
    const error = events.find((e) => e.type === 'cx-error' && e.target === narrowed)!;
    expect(error.detail.code).to.equal('config');
    expect((error.detail.problems as Array<{ path: string }>).map((p) => p.path)).to.deep.equal(['scale', 'drivers']);
    expect(error.detail.message).to.match(/no copy is kept on this device/);
    expect(events.some((e) => e.type === 'cx-show' && e.target === narrowed)).to.equal(false);
  });
});
