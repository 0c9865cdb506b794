import { expect, fixture, html, aTimeout } from '@open-wc/testing';
import { sendKeys, executeServerCommand } from '@web/test-runner-commands';
import { Q1_WORDING, Q2A_WORDING, Q2B_WORDING, Q2_HINT, Q3_WORDING, DEFAULT_DRIVERS, DRIVERS, surveyVersion, type ResponseRecord } from '@cx-survey/protocol';

/** The drivers offered by default, in the seed's order. */
const OFFERED = DRIVERS.filter((d) => DEFAULT_DRIVERS.includes(d.key));
import './cx-survey.js';
import type { CxSubmitEvent } from '../../events/index.js';
import type { CxSurvey } from './survey.js';
import { endpoint, forget, localDate, recordEvents, storedRecord, unreachable, until } from '../../../../../test/browser/helpers.js';
import { responses } from '../../delivery/load.js';

const $ = <T extends Element = HTMLElement>(el: CxSurvey, sel: string) => el.shadowRoot!.querySelector<T & HTMLElement>(sel);
const $$ = <T extends Element = HTMLElement>(el: CxSurvey, sel: string) => [...el.shadowRoot!.querySelectorAll<T & HTMLElement>(sel)];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function pick(el: CxSurvey, value: number) {
  $<HTMLInputElement>(el, `input[name=q1][value="${value}"]`)!.click();
  await el.updateComplete;
}
async function tick(el: CxSurvey, key: string) {
  $<HTMLInputElement>(el, `input[name=q2][value="${key}"]`)!.click();
  await el.updateComplete;
}
async function type(el: CxSurvey, value: string) {
  const box = $<HTMLTextAreaElement>(el, 'textarea')!;
  box.value = value;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}
const checked = (el: CxSurvey) => $$<HTMLInputElement>(el, 'input[name=q2]').filter((i) => i.checked).map((i) => i.value);
const q2Legend = (el: CxSurvey) => text($(el, '[part~=q2] [part=legend]'));

const deliveries = new WeakMap<CxSurvey, Promise<string>>();

/** Clicks Submit; resolves with cx-submit. The delivery outcome is caught from this moment on. */
async function submit(el: CxSurvey): Promise<CustomEvent> {
  deliveries.set(
    el,
    new Promise<string>((resolve) =>
      el.addEventListener('cx-delivery', function on(ev) {
        const { status } = (ev as CustomEvent).detail;
        if (status !== 'queued') {
          el.removeEventListener('cx-delivery', on);
          resolve(status);
        }
      }),
    ),
  );
  const done = new Promise<CxSubmitEvent>((r) => el.addEventListener('cx-submit', r, { once: true }));
  $<HTMLButtonElement>(el, '[part=submit]')!.click();
  const event = await done;
  // The thank-you comes once the record is written to this device.
  await until(() => $(el, '[part=thanks]'), 'thank-you shown', { timeout: 5000 });
  return event;
}
/** The first outcome after queueing ('sent', 'retrying', 'rejected' or 'expired') of the last submit's delivery. */
const delivered = (el: CxSurvey) => deliveries.get(el)!;

const thumbs = () => fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()}></cx-survey>`);
const five = (cut?: number) =>
  fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-five" agency="Example Agency" scale="five-point" positive-cut=${cut ?? 5} endpoint=${endpoint()}></cx-survey>`);

describe('<cx-survey config-source="page"> wording and branching (A-11 280.14)', () => {
  it('shows the exact required Q1 wording, with the agency and subject configured', async () => {
    const el = await thumbs();
    expect(text($(el, '[part~=q1] [part=legend]'))).to.equal(Q1_WORDING.replace('{subject}', 'interaction').replace('{agency}', 'Example Agency'));
    el.subject = 'service';
    await el.updateComplete;
    expect(text($(el, '[part~=q1] [part=legend]'))).to.equal('This service increased my trust in Example Agency.');
    el.q1Wording = 'Having completed FAFSA, I trust {agency} to deliver on its responsibility to students.';
    el.agency = 'FSA';
    await el.updateComplete;
    expect(text($(el, '[part~=q1] [part=legend]'))).to.equal('Having completed FAFSA, I trust FSA to deliver on its responsibility to students.');
  });

  it('shows no checklist until Q1 is answered', async () => {
    const el = await thumbs();
    expect($(el, '[part~=q2]') === null, 'absent').to.equal(true);
    expect($$(el, 'input[name=q1]')).to.have.length(2);
  });

  it('thumbs up leads to Q2a with positive statements, thumbs down to Q2b with negative ones', async () => {
    const el = await thumbs();
    await pick(el, 1);
    expect(q2Legend(el)).to.equal(`${Q2A_WORDING} ${Q2_HINT}`);
    expect($$(el, '[part~=q2] [part=option]').map(text)).to.deep.equal(OFFERED.map((d) => d.statements[0].positive));
    await pick(el, 0);
    expect(q2Legend(el)).to.contain(Q2B_WORDING);
    expect($$(el, '[part~=q2] [part=option]').map(text)).to.deep.equal(OFFERED.map((d) => d.statements[0].negative));
  });

  it('five-point: 5 leads to Q2a and 1-4 to Q2b, as the seed says', async () => {
    const el = await five();
    expect($$(el, 'input[name=q1]').map((i) => (i as HTMLInputElement).value)).to.deep.equal(['1', '2', '3', '4', '5']);
    for (const [v, wording] of [[1, Q2B_WORDING], [2, Q2B_WORDING], [3, Q2B_WORDING], [4, Q2B_WORDING], [5, Q2A_WORDING]] as const) {
      await pick(el, v);
      expect(q2Legend(el), `rating ${v}`).to.contain(wording);
    }
  });

  it('five-point with a configured cut of 4 sends 4 and 5 to Q2a', async () => {
    const el = await five(4);
    for (const [v, wording] of [[3, Q2B_WORDING], [4, Q2A_WORDING], [5, Q2A_WORDING], [1, Q2B_WORDING]] as const) {
      await pick(el, v);
      expect(q2Legend(el), `rating ${v}`).to.contain(wording);
    }
  });

  it('announces the checklist politely and leaves focus where it was', async () => {
    const el = await thumbs();
    const radio = $<HTMLInputElement>(el, 'input[name=q1][value="0"]')!;
    radio.focus();
    await pick(el, 0);
    const status = $(el, '[role=status]')!;
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(text(status)).to.contain(Q2B_WORDING);
    expect(el.shadowRoot!.activeElement === radio, 'focused element').to.equal(true);
  });

  it('offers the chosen drivers, in the seed order, with an agency statement or its own matched pair', async () => {
    const el = await thumbs();
    el.config = {
      drivers: [
        { key: 'employee', statement: 1 },
        'efficiency',
        { key: 'ease', positive: 'Simple to apply', negative: 'Hard to apply' },
        'effectiveness',
        'none',
      ],
    };
    await el.updateComplete;
    await pick(el, 0);
    expect($$(el, 'input[name=q2]').map((i) => (i as HTMLInputElement).value)).to.deep.equal(['effectiveness', 'ease', 'efficiency', 'employee', 'none']);
    expect($$(el, '[part~=q2] [part=option]').map(text)).to.deep.equal([
      'My need was not addressed.',
      'Hard to apply',
      'It took too long to do what I needed to do.',
      'The call center representative was not committed to solving my problem.',
      'None of the above.',
    ]);
  });

  it('short labels come with icons', async () => {
    const el = await thumbs();
    el.labels = 'short';
    await el.updateComplete;
    await pick(el, 1);
    expect($$(el, '[part~=q2] [part=option]').map(text)).to.deep.equal(OFFERED.map((d) => d.short.positive));
    expect($$(el, '[part~=q2] svg')).to.have.length(OFFERED.length);
  });
});

describe('<cx-survey config-source="page"> answers', () => {
  it('"None of the above" excludes every other choice, and they exclude it', async () => {
    const el = await thumbs();
    el.config = { drivers: ['effectiveness', 'ease', 'efficiency', 'transparency', 'none'] };
    await el.updateComplete;
    await pick(el, 1);
    await tick(el, 'effectiveness');
    await tick(el, 'ease');
    expect(checked(el)).to.deep.equal(['effectiveness', 'ease']);
    await tick(el, 'none');
    expect(checked(el)).to.deep.equal(['none']);
    await tick(el, 'efficiency');
    expect(checked(el)).to.deep.equal(['efficiency']);
  });

  it('changing Q1 across branches clears the other branch; within a branch keeps it', async () => {
    const el = await five();
    await pick(el, 2);
    await tick(el, 'ease');
    await pick(el, 3);
    expect(checked(el), 'same branch').to.deep.equal(['ease']);
    await pick(el, 5);
    expect(checked(el), 'other branch').to.deep.equal([]);
    await tick(el, 'efficiency');
    await pick(el, 1);
    expect(checked(el)).to.deep.equal([]);
    const e = await submit(el);
    const stored = await storedRecord(e.detail.id);
    expect(stored.q2).to.deep.equal([]);
    expect(stored.branch).to.equal('negative');
  });

  it('submitting with nothing answered records nothing and still thanks the respondent', async () => {
    const el = await thumbs();
    const realFetch = window.fetch;
    let posts = 0;
    window.fetch = (...args) => ((posts += 1), realFetch(...args));
    try {
      const e = await submit(el);
      expect(e.detail.recorded).to.equal(false);
      expect(e.detail.id).to.equal(null);
      await el.updateComplete;
      expect(text($(el, '[part=thanks]'))).to.contain('Thank you');
      await aTimeout(50);
      expect(posts).to.equal(0);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('whitespace alone is not an answer', async () => {
    const el = await thumbs();
    await type(el, '   \n ');
    const e = await submit(el);
    expect(e.detail.recorded).to.equal(false);
  });

  it('every question is optional: Q3 alone is a record', async () => {
    const el = await thumbs();
    await type(el, 'The form timed out twice.');
    const e = await submit(el);
    expect(e.detail.recorded).to.equal(true);
    const stored = await storedRecord(e.detail.id);
    expect(stored).to.include({ q1: null, branch: null, q3: 'The form timed out twice.' });
    expect(stored.q2).to.deep.equal([]);
  });

  it('Q3 has the seed wording, a length limit and a counter tied to the text box', async () => {
    const el = await thumbs();
    expect(text($(el, '[part~=q3] [part=label]'))).to.equal(Q3_WORDING);
    el.q3MaxLength = 20;
    await el.updateComplete;
    const box = $<HTMLTextAreaElement>(el, 'textarea')!;
    expect(box.maxLength).to.equal(20);
    expect(text($(el, '#' + box.getAttribute('aria-describedby')))).to.equal('20 characters left');
    await type(el, 'Twelve chars');
    expect(text($(el, '[part=counter]'))).to.equal('8 characters left');
    await until(() => text($(el, '[role=status]')) === '8 characters left', 'counter announced after a pause', { timeout: 3000 });
  });

  it('Q3 can be switched off', async () => {
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" no-q3 service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey>`);
    expect($(el, 'textarea') === null, 'absent').to.equal(true);
  });
});

describe('<cx-survey config-source="page"> record', () => {
  it('stores every field of the record at the collector as the respondent gave it', async () => {
    const before = Date.now();
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page"
      service="demo-five"
      agency="Example Agency"
      scale="five-point"
      survey-type="relational"
      channel="kiosk"
      location="office-17"
      endpoint=${endpoint()}
      .config=${{
        questions: [
          { id: 'purpose', type: 'single', label: 'Why did you visit?', options: [{ value: 'apply', label: 'To apply' }, { value: 'renew', label: 'To renew' }] },
          { id: 'channels', type: 'multiple', label: 'How did you reach us?', options: [{ value: 'web', label: 'Web' }, { value: 'phone', label: 'Phone' }, { value: 'office', label: 'Office' }] },
          { id: 'zip', type: 'text', label: 'ZIP code', maxLength: 5 },
        ],
      }}
    ></cx-survey>`);
    const events = recordEvents(el);
    await pick(el, 2);
    await tick(el, 'efficiency');
    await tick(el, 'effectiveness');
    await type(el, '  Long wait at the counter.  ');
    $<HTMLInputElement>(el, 'input[name=extra-purpose][value=renew]')!.click();
    $<HTMLInputElement>(el, 'input[name=extra-channels][value=phone]')!.click();
    $<HTMLInputElement>(el, 'input[name=extra-channels][value=web]')!.click();
    const zip = $<HTMLInputElement>(el, '[part~=extra] input[type=text]')!;
    zip.value = '20500';
    zip.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const e = await submit(el);
    expect(await delivered(el)).to.equal('sent');
    const stored = await storedRecord(e.detail.id);
    const expected: Omit<ResponseRecord, 'answeredAt'> = {
      id: e.detail.id,
      schemaVersion: 1,
      service: 'demo-five',
      surveyType: 'relational',
      channel: 'kiosk',
      scale: 'five-point',
      positiveCut: 5,
      q1: 2,
      branch: 'negative',
      q2: ['effectiveness', 'efficiency'],
      offered: [...DEFAULT_DRIVERS],
      q3: 'Long wait at the counter.',
      answers: { purpose: 'renew', channels: ['phone', 'web'], zip: '20500' },
      locale: 'en',
      pagePath: location.pathname,
      location: 'office-17',
      // What was asked: the seed's Q1 and statement 0 of each driver offered, in this survey's version.
      instrument: {
        q1: 'seed',
        subject: 'interaction',
        drivers: DEFAULT_DRIVERS.map((key) => ({ key, statement: 0 })),
        wording: 'seed',
        version: surveyVersion(el.resolvedConfig!),
      },
    };
    const { answeredAt, ...rest } = stored;
    expect(rest).to.deep.equal(expected);
    expect(e.detail.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(answeredAt)).to.be.within(before - 1000, Date.now() + 1000);
    // Analytics events never carry free text.
    for (const ev of events) expect(JSON.stringify(ev.detail), ev.type).not.to.contain('Long wait').and.not.to.contain('20500');
  });

  it('records the page path without its query string or fragment', async () => {
    history.replaceState(null, '', `${location.pathname}?case=123&email=a@b.example#frag`);
    try {
      const el = await thumbs();
      await pick(el, 1);
      const e = await submit(el);
      expect((await storedRecord(e.detail.id)).pagePath).to.equal(location.pathname);
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });
});

describe('<cx-survey config-source="page"> configuration errors', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['no service', { agency: 'A' }, 'service', /required/],
    ['no agency', { service: 'demo-thumbs' }, 'agency', /required/],
    ['an unknown scale', { service: 's', agency: 'A', scale: 'stars' }, 'scale', /thumbs, five-point/],
    ['a dropped required driver (effectiveness)', { service: 's', agency: 'A', drivers: ['ease', 'efficiency'] }, 'drivers', /"effectiveness" is required/],
    ['a dropped required driver (ease)', { service: 's', agency: 'A', drivers: ['effectiveness', 'efficiency'] }, 'drivers', /"ease" is required/],
    ['a dropped required driver (efficiency)', { service: 's', agency: 'A', drivers: ['effectiveness', 'ease'] }, 'drivers', /"efficiency" is required/],
    ['an unpaired agency statement', { service: 's', agency: 'A', drivers: ['effectiveness', 'ease', { key: 'efficiency', positive: 'Fast' }] }, 'drivers[2]', /matched pair/],
    ['more than 15 questions', { service: 's', agency: 'A', questions: Array.from({ length: 13 }, (_, i) => ({ id: `q${i}`, type: 'text', label: `Question ${i}` })) }, 'questions', /at most 15/],
    ['a control number without an expiration date', { service: 's', agency: 'A', pra: { controlNumber: '1234-5678' } }, 'pra.expiration', /1234-5678 has no expiration date/],
    ['an impossible expiration date', { service: 's', agency: 'A', pra: { controlNumber: '1234-5678', expiration: '2027-02-30' } }, 'pra.expiration', /real date/],
    ['a cut out of range', { service: 's', agency: 'A', scale: 'five-point', positiveCut: 6 }, 'positiveCut', /2 to 5/],
    ['a misspelt setting', { service: 's', agency: 'A', survey_type: 'relational' }, 'survey_type', /unknown setting/],
  ];
  for (const [name, config, path, message] of cases) {
    it(`refuses ${name}: console error, cx-error naming it, nothing shown`, async () => {
      const errors: unknown[][] = [];
      const realError = console.error;
      console.error = (...args: unknown[]) => errors.push(args);
      try {
        const events: CustomEvent[] = [];
        const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" endpoint="/v1/responses" .config=${config} @cx-error=${(e: CustomEvent) => events.push(e)}></cx-survey>`);
        expect(events).to.have.length(1);
        expect(events[0].detail.code).to.equal('config');
        const problem = events[0].detail.problems.find((p: { path: string }) => p.path === path);
        expect(problem, JSON.stringify(events[0].detail.problems)).to.exist;
        expect(problem.message).to.match(message);
        expect(String(errors[0]?.[0])).to.contain(path);
        expect(el.shadowRoot!.querySelector('form, fieldset, button') === null, 'absent').to.equal(true);
        expect(el.getBoundingClientRect().height).to.equal(0);
      } finally {
        console.error = realError;
      }
    });
  }

  it('refuses a config attribute that is not JSON, and a missing endpoint', async () => {
    const realError = console.error;
    console.error = () => {};
    try {
      const events: CustomEvent[] = [];
      const listen = (e: Event) => events.push(e as CustomEvent);
      await fixture(html`<cx-survey config-source="page" config="{service: oops" @cx-error=${listen}></cx-survey>`);
      await fixture(html`<cx-survey config-source="page" service="s" agency="A" @cx-error=${listen}></cx-survey>`);
      expect(events.map((e) => e.detail.problems[0].path)).to.deep.equal(['config', 'endpoint']);
    } finally {
      console.error = realError;
    }
  });

  it('shows the survey once the configuration is corrected', async () => {
    const realError = console.error;
    console.error = () => {};
    try {
      const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-thumbs" endpoint=${endpoint()}></cx-survey>`);
      expect($(el, 'form') === null, 'absent').to.equal(true);
      el.agency = 'Example Agency';
      await el.updateComplete;
      expect($(el, 'form')).to.exist;
    } finally {
      console.error = realError;
    }
  });

  it('takes the config attribute as JSON, with attributes winning over it', async () => {
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" scale="thumbs" config=${JSON.stringify({ service: 'demo-five', agency: 'From JSON', scale: 'five-point', endpoint: endpoint() })}></cx-survey>`);
    expect(text($(el, '[part~=q1] [part=legend]'))).to.contain('From JSON');
    expect($$(el, 'input[name=q1]')).to.have.length(2);
  });
});

describe('<cx-survey config-source="page"> PRA notice', () => {
  const withPra = (expiration: string) =>
    fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-thumbs" agency="A" endpoint=${endpoint()} pra-control-number="1234-5678"
      pra-expiration=${expiration} pra-burden="Public burden is estimated at 1 minute." pra-burden-url="/pra.html"></cx-survey>`);

  it('shows the control number, expiration and burden statement', async () => {
    const el = await withPra('2099-12-31');
    const pra = text($(el, '[part=pra]'));
    expect(pra).to.contain('OMB Control No. 1234\u20115678').and.contain('December 31, 2099').and.contain('Public burden is estimated at 1 minute.');
    expect($(el, '[part=pra] a')!.getAttribute('href')).to.equal('/pra.html');
  });

  it('still collects on the expiration day itself', async () => {
    const el = await withPra(localDate(0));
    expect($(el, 'form')).to.exist;
  });

  it('after the expiration date it is not shown and tells the page', async () => {
    const events: CustomEvent[] = [];
    document.addEventListener('cx-expire', (e) => events.push(e as CustomEvent), { once: true });
    const el = await withPra(localDate(-1));
    expect(el.shadowRoot!.querySelector('form') === null, 'absent').to.equal(true);
    expect(events).to.have.length(1);
    expect(events[0].detail).to.include({ service: 'demo-thumbs', controlNumber: '1234-5678', expiration: localDate(-1) });
  });
});

describe('<cx-survey config-source="page"> events', () => {
  it('tells the page what happens, bubbling out of the shadow root with a timestamp, never with free text', async () => {
    const seen = recordEvents(document);
    const el = await thumbs();
    await pick(el, 0);
    await tick(el, 'ease');
    await type(el, 'secret free text');
    const e = await submit(el);
    await delivered(el);
    const mine = seen.filter((ev) => ev.target === el);
    expect(mine.map((ev) => [ev.type, ev.detail.question ?? ev.detail.status ?? ''])).to.deep.equal([
      ['cx-show', ''],
      ['cx-answer', 'q1'],
      ['cx-answer', 'q2'],
      ['cx-answer', 'q3'],
      ['cx-submit', ''],
      ['cx-delivery', 'queued'],
      ['cx-delivery', 'sent'],
    ]);
    expect(mine[1].detail.value).to.equal(0);
    expect(mine[2].detail.value).to.deep.equal(['ease']);
    expect(mine[3].detail).to.include({ answered: true }).and.not.have.property('value');
    expect(e.detail).to.include({ recorded: true, q1: 0, branch: 'negative', service: 'demo-thumbs' });
    for (const ev of mine) {
      expect(ev.bubbles && ev.composed, ev.type).to.equal(true);
      expect(Date.parse(ev.detail.timestamp), ev.type).to.be.closeTo(Date.now(), 10000);
      expect(JSON.stringify(ev.detail)).not.to.contain('secret');
    }
  });

  it('can be dismissed, before or after submitting', async () => {
    const el = await thumbs();
    const events = recordEvents(el, ['cx-dismiss']);
    await pick(el, 1);
    $<HTMLButtonElement>(el, 'button[part=dismiss]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('form') === null, 'absent').to.equal(true);
    expect(events[0].detail.stage).to.equal('survey');
    el.reset();
    await el.updateComplete;
    expect(el.value.q1).to.equal(null);
    await submit(el);
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part=thanks] [part=dismiss]')!.click();
    await el.updateComplete;
    expect(events[1].detail.stage).to.equal('thanks');
    expect(el.shadowRoot!.querySelector('[part=thanks]') === null, 'absent').to.equal(true);
  });
});

describe('<cx-survey config-source="page"> thank-you and delivery status', () => {
  it('thanks the respondent, moves focus to the message and keeps none of the answers on screen', async () => {
    const el = await thumbs();
    await pick(el, 1);
    await type(el, 'kiosk answer');
    await submit(el);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement === $(el, '[part=thanks] [role=heading]'), 'focused element').to.equal(true);
    expect(el.shadowRoot!.textContent).not.to.contain('kiosk answer');
    expect(el.value.q3).to.equal('');
    expect(await delivered(el)).to.equal('sent');
    await el.updateComplete;
    expect(text($(el, '[part=status]'))).to.equal('Your feedback was sent.');
  });

  it('says honestly when the collector cannot be reached, and keeps the response on the device', async () => {
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-thumbs" agency="A" endpoint=${unreachable}></cx-survey>`);
    await pick(el, 1);
    const e = await submit(el);
    expect(await delivered(el)).to.equal('retrying');
    await el.updateComplete;
    expect(text($(el, '[part=status]'))).to.equal('Your feedback is saved on this device and will be sent when you are back online.');
    expect(text($(el, '[role=status]'))).to.equal(text($(el, '[part=status]')));
    expect((await responses.pending()).map((p) => p.record.id)).to.include(e.detail.id);
    await forget(e.detail.id);
  });
});

describe('<cx-survey config-source="page"> accessibility', () => {
  it('the axe check is real: it fails a broken fixture', async () => {
    const broken = await fixture(html`<div><img src="data:," /><button></button></div>`);
    let failed = false;
    try {
      await expect(broken).to.be.accessible();
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
  });

  it('has zero axe violations in every state', async function () {
    this.timeout(120000); // axe takes a few seconds a state in slower engines
    const el = await thumbs();
    await expect(el).to.be.accessible();
    await pick(el, 1);
    await expect(el).to.be.accessible();
    await pick(el, 0);
    await tick(el, 'ease');
    await expect(el).to.be.accessible();
    el.labels = 'short';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await submit(el);
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await delivered(el);
    await el.updateComplete;
    await expect(el).to.be.accessible();

    const f = await five();
    await expect(f).to.be.accessible();
    await pick(f, 4);
    await expect(f).to.be.accessible();

    const pra = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-thumbs" agency="A" endpoint=${endpoint()} pra-control-number="1234-5678"
      pra-expiration="2099-01-31" pra-burden="Burden text." pra-burden-url="https://www.example.gov/pra"
      .config=${{ questions: [{ id: 'why', type: 'single', label: 'Why?', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] }, { id: 'more', type: 'multiple', label: 'More?', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] }, { id: 'zip', type: 'text', label: 'ZIP' }] }}></cx-survey>`);
    await expect(pra).to.be.accessible();

    const failing = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-thumbs" agency="A" endpoint=${unreachable}></cx-survey>`);
    await pick(failing, 1);
    const e = await submit(failing);
    await delivered(failing);
    await failing.updateComplete;
    await expect(failing).to.be.accessible();
    await forget(e.detail.id);
  });

  it('can be answered and submitted with the keyboard alone', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div><button id="before">before</button>
      <cx-survey config-source="page" service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()}></cx-survey></div>`);
    const el = wrapper.querySelector('cx-survey') as CxSurvey;
    await el.updateComplete;
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement === $(el, 'input[name=q1][value="1"]'), 'focused element').to.equal(true);
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(el.value.q1).to.equal(1);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.value.q1).to.equal(0);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement === $(el, 'input[name=q2][value="effectiveness"]'), 'focused element').to.equal(true);
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(el.value.q2).to.deep.equal(['effectiveness', 'ease']);
    // Past the remaining five drivers to Q3.
    for (let i = 0; i < 6; i++) await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement === $(el, 'textarea'), 'focused element').to.equal(true);
    await sendKeys({ type: 'typed' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement === $(el, '[part=submit]'), 'focused element').to.equal(true);
    const submitted = new Promise<CxSubmitEvent>((r) => el.addEventListener('cx-submit', r, { once: true }));
    await sendKeys({ press: 'Enter' });
    const e = await submitted;
    const stored = await storedRecord(e.detail.id);
    expect(stored).to.include({ q1: 0, branch: 'negative', q3: 'typed' });
    expect(stored.q2).to.deep.equal(['effectiveness', 'ease']);
  });

  it('every target is at least 44 by 44 CSS pixels, and nothing overflows at 320 px', async () => {
    for (const make of [thumbs, () => five()]) {
      const el = await make();
      el.style.width = '320px';
      await pick(el, 1);
      const targets = $$(el, 'label[part~=option], button');
      expect(targets.length).to.be.greaterThan(8);
      for (const t of targets) {
        const r = t.getBoundingClientRect();
        expect(r.width, text(t)).to.be.at.least(44);
        expect(r.height, text(t)).to.be.at.least(44);
      }
      const base = $(el, '[part=base]')!;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth);
      expect(base.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().left + 320 + 0.5);
    }
  });

  it('shows selection without colour in forced-colours mode (Chromium can emulate it)', async function () {
    const emulated = await executeServerCommand('cx-emulate-media-features', { features: [{ name: 'forced-colors', value: 'active' }] });
    if (!emulated) this.skip();
    try {
      const el = await thumbs();
      await pick(el, 1);
      const tile = $(el, '[part~=q1] [part=option]:has(:checked)')!;
      expect(getComputedStyle(tile).borderTopWidth).to.equal('3px');
    } finally {
      await executeServerCommand('cx-emulate-media-features', { features: [{ name: 'forced-colors', value: '' }] });
    }
  });

  it('drops transitions when the respondent prefers reduced motion (Chromium can emulate it)', async function () {
    const emulate = (value: string) => executeServerCommand('cx-emulate-media-features', { features: [{ name: 'prefers-reduced-motion', value }] });
    if (!(await emulate('reduce'))) this.skip();
    try {
      const el = await thumbs();
      expect(getComputedStyle($(el, '[part~=q1] [part=option]')!).transitionDuration).to.equal('0s');
      await emulate('no-preference');
      expect(getComputedStyle($(el, '[part~=q1] [part=option]')!).transitionDuration).to.contain('0.15s');
    } finally {
      await emulate('');
    }
  });
});

describe('<cx-survey config-source="page"> isolation', () => {
  it('page CSS does not leak in; --cx- custom properties do', async () => {
    const style = document.createElement('style');
    style.textContent = 'label, legend, button { color: rgb(255, 0, 0) !important; font-size: 40px !important; }';
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLElement>(html`<div style="--cx-color-primary: rgb(0, 128, 0)">
        <cx-survey config-source="page" service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey></div>`);
      const el = wrapper.firstElementChild as CxSurvey;
      await el.updateComplete;
      const legend = $(el, 'legend')!;
      expect(getComputedStyle(legend).color).not.to.equal('rgb(255, 0, 0)');
      expect(getComputedStyle(legend).fontSize).not.to.equal('40px');
      expect(getComputedStyle($(el, '[part=submit]')!).backgroundColor).to.equal('rgb(0, 128, 0)');
    } finally {
      style.remove();
    }
  });

  it('several surveys on one page keep their own answers, ids and events', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <cx-survey config-source="page" id="a" service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey>
      <cx-survey config-source="page" id="b" service="demo-five" agency="B" scale="five-point" endpoint=${endpoint()}></cx-survey>
    </div>`);
    const [a, b] = [...wrapper.querySelectorAll('cx-survey')] as CxSurvey[];
    await Promise.all([a.updateComplete, b.updateComplete]);
    const seen = recordEvents(wrapper, ['cx-answer', 'cx-submit']);
    await pick(a, 0);
    await tick(a, 'ease');
    expect(b.value.q1).to.equal(null);
    expect($(b, '[part~=q2]') === null, 'absent').to.equal(true);
    await pick(b, 5);
    expect(a.value.q2).to.deep.equal(['ease']);
    const e = await submit(b);
    expect(a.value.q1).to.equal(0);
    expect($(a, 'form')).to.exist;
    expect(seen.map((ev) => `${(ev.target as Element).id}:${ev.detail.service}`)).to.deep.equal(['a:demo-thumbs', 'a:demo-thumbs', 'b:demo-five', 'b:demo-five']);
    expect((await storedRecord(e.detail.id)).service).to.equal('demo-five');
  });
});
