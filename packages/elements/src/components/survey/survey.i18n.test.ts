// Every respondent in their own language: each locale in every state, right
// to left, the fallback chain, a switch mid-survey, agency wording through a
// private i18next, and a host page's own i18n left alone.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import i18next from 'i18next';
import { configureLocalization } from '@lit/localize';
import './cx-survey.js';
import type { CxSubmitEvent } from '../../events/index.js';
import type { CxSurvey } from './survey.js';
import { SUPPORTED_LOCALES } from '../../internal/locales.js';
import { loadTemplates } from '../../internal/localize.js';
import { endpoint, storedRecord, until } from '../../../../../test/browser/helpers.js';

const $ = <T extends HTMLElement = HTMLElement>(el: CxSurvey, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (n: Element | null) => n?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
async function ready(el: CxSurvey) {
  await until(() => $(el, 'form, [part=thanks]'), 'survey shown', { timeout: 8000 });
  await el.updateComplete;
  return el;
}
async function pick(el: CxSurvey, v: number) {
  $<HTMLInputElement>(el, `input[name=q1][value="${v}"]`)!.click();
  await el.updateComplete;
}
const survey = (lang: string, scale = 'thumbs') =>
  fixture<CxSurvey>(html`<cx-survey config-source="page" lang=${lang} service=${scale === 'thumbs' ? 'demo-thumbs' : 'demo-five'} agency="Example Agency" scale=${scale}
    endpoint=${endpoint()} pra-control-number="1234-5678" pra-expiration="2099-12-31" pra-burden="Burden." labels=${scale === 'thumbs' ? 'statements' : 'short'}></cx-survey>`).then(ready);

describe('<cx-survey config-source="page"> in every language', () => {
  for (const locale of SUPPORTED_LOCALES) {
    it(`${locale}: shown in that language, zero axe violations in every state`, async function () {
      this.timeout(60000);
      const el = await survey(locale);
      const base = $(el, '[part=base]')!;
      expect(base.lang).to.equal(locale);
      const templates = await loadTemplates(locale);
      if (locale !== 'en') {
        expect(templates, `${locale} templates`).to.exist;
        expect(text($(el, '[part=submit]'))).to.equal(templates!.submit);
      }
      await expect(el).to.be.accessible();
      await pick(el, 1);
      if (templates) expect(text($(el, '[part~=q2] [part=legend]'))).to.contain((templates.q2a as string).replace(/\s+/g, ' '));
      await expect(el).to.be.accessible();
      await pick(el, 0);
      await expect(el).to.be.accessible();
      const five = await survey(locale, 'five-point');
      await pick(five, 3);
      await expect(five).to.be.accessible();
      $<HTMLButtonElement>(el, '[part=submit]')!.click();
      await until(() => $(el, '[part=thanks]'), 'thanks');
      await expect(el).to.be.accessible();
    });
  }
});

describe('<cx-survey config-source="page"> right to left', () => {
  it('Arabic lays out right to left, not only with dir', async () => {
    const el = await survey('ar');
    const base = $(el, '[part=base]')!;
    expect(base.dir).to.equal('rtl');
    expect(getComputedStyle(base).direction).to.equal('rtl');
    const [agree, disagree] = [...el.shadowRoot!.querySelectorAll('[part~=q1] [part=option]')].map((l) => l.getBoundingClientRect());
    // The first choice sits on the right in a right-to-left row.
    expect(agree.left).to.be.greaterThan(disagree.left);
    const submit = $(el, '[part=submit]')!.getBoundingClientRect();
    const dismiss = $(el, 'button[part=dismiss]')!.getBoundingClientRect();
    expect(submit.left).to.be.greaterThan(dismiss.left);
    await pick(el, 1);
    const check = $(el, '[part~=q2] [part=option]')!;
    const box = check.querySelector('input')!.getBoundingClientRect();
    const label = check.querySelector('input + span, svg + span')!.getBoundingClientRect();
    expect(box.left, 'checkbox right of its text').to.be.greaterThan(label.left);
    expect(getComputedStyle($(el, 'textarea')!).direction).to.equal('rtl');
    const en = await survey('en');
    expect(getComputedStyle($(en, '[part=base]')!).direction).to.equal('ltr');
  });
});

describe('<cx-survey config-source="page"> language resolution', () => {
  it('falls back es-US → es, zh-TW → zh-Hant, de → en, and records the language shown', async () => {
    const cases: Array<[string, string]> = [['es-US', 'es'], ['zh-TW', 'zh-Hant'], ['de', 'en'], ['fil', 'tl']];
    for (const [lang, shown] of cases) {
      const el = await survey(lang);
      expect($(el, '[part=base]')!.lang, lang).to.equal(shown);
    }
    const el = await survey('es-US');
    await pick(el, 1);
    const submitted = new Promise<CxSubmitEvent>((r) => el.addEventListener('cx-submit', r, { once: true }));
    $<HTMLButtonElement>(el, '[part=submit]')!.click();
    expect((await storedRecord((await submitted).detail.id)).locale).to.equal('es');
  });

  it('tells the page it was shown only once the survey is on screen in its language', async () => {
    const shown: boolean[] = [];
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="ko" service="demo-thumbs" agency="A" endpoint=${endpoint()}
      @cx-show=${(e: Event) => shown.push(!!(e.target as CxSurvey).shadowRoot!.querySelector('form'))}></cx-survey>`).then(ready);
    expect(shown).to.deep.equal([true]);
    expect($(el, '[part=base]')!.lang).to.equal('ko');
  });

  it("follows the page's <html lang> live when the element has none", async () => {
    const before = document.documentElement.lang;
    try {
      const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey>`).then(ready);
      expect($(el, '[part=base]')!.lang).to.equal('en');
      document.documentElement.lang = 'fr';
      await until(() => $(el, '[part=base]')?.lang === 'fr', 'switched to French');
      document.documentElement.lang = 'vi-VN';
      await until(() => $(el, '[part=base]')?.lang === 'vi', 'switched to Vietnamese');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('a language switch mid-survey keeps every answer given so far', async () => {
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" languages="en es ar" service="demo-thumbs" agency="A" endpoint=${endpoint()}></cx-survey>`).then(ready);
    const picker = $<HTMLSelectElement>(el, '[part=languages] select')!;
    expect([...picker.options].map((o) => o.value)).to.deep.equal(['en', 'es', 'ar']);
    await expect(el).to.be.accessible();
    await pick(el, 0);
    $<HTMLInputElement>(el, 'input[name=q2][value=ease]')!.click();
    const box = $<HTMLTextAreaElement>(el, 'textarea')!;
    box.value = 'Hola';
    box.dispatchEvent(new Event('input'));
    await el.updateComplete;
    picker.value = 'es';
    picker.dispatchEvent(new Event('change'));
    await until(() => $(el, '[part=base]')?.lang === 'es', 'switched to Spanish');
    expect(text($(el, '[part~=q2] [part=legend]'))).to.contain('¿Qué podría haber sido mejor?');
    expect($<HTMLInputElement>(el, 'input[name=q1][value="0"]')!.checked).to.equal(true);
    expect($<HTMLInputElement>(el, 'input[name=q2][value=ease]')!.checked).to.equal(true);
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('Hola');
    const submitted = new Promise<CxSubmitEvent>((r) => el.addEventListener('cx-submit', r, { once: true }));
    $<HTMLButtonElement>(el, '[part=submit]')!.click();
    const stored = await storedRecord((await submitted).detail.id);
    expect(stored).to.include({ locale: 'es', q1: 0, q3: 'Hola' });
    expect(stored.q2).to.deep.equal(['ease']);
  });
});

describe('<cx-survey config-source="page"> agency wording and host i18n', () => {
  it("uses the agency's approved wording per language through a private i18next, with names interpolated", async () => {
    const el = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="es" service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()}
      .config=${{ wording: { es: { 'q1': 'Después de hoy confío más en {agency}.', 'drivers.ease.positive': 'Trámite sencillo' } } }}></cx-survey>`).then(ready);
    expect(text($(el, '[part~=q1] [part=legend]'))).to.equal('Después de hoy confío más en Example Agency.');
    await pick(el, 1);
    expect(text($(el, '[part~=q2] [part=option]:nth-of-type(2)'))).to.equal('Trámite sencillo');
    // What the agency did not replace comes from the built-in translation.
    expect(text($(el, '[part~=q2] [part=option]:nth-of-type(1)'))).to.equal('Se atendió mi necesidad.');
  });

  it("leaves a host page's own i18next and @lit/localize alone, and is not changed by them", async () => {
    await i18next.init({ lng: 'fr', resources: { fr: { translation: { submit: 'HOTE', hello: 'bonjour' } } } });
    const { getLocale, setLocale } = configureLocalization({
      sourceLocale: 'en',
      targetLocales: ['es'],
      loadLocale: async () => ({ templates: { submit: 'HOST', 'cx-submit': 'HOST' } }),
    });
    await setLocale('es');
    const en = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="en" service="demo-thumbs" agency="A" endpoint=${endpoint()}
      .config=${{ wording: { en: { q3: 'Tell us more.' } } }}></cx-survey>`).then(ready);
    const es = await survey('es');
    expect(text($(en, '[part=submit]'))).to.equal('Submit');
    expect(text($(en, '[part~=q3] [part=label]'))).to.equal('Tell us more.');
    expect(text($(es, '[part=submit]'))).to.equal('Enviar');
    expect(getLocale()).to.equal('es');
    expect(i18next.language).to.equal('fr');
    expect(i18next.t('hello')).to.equal('bonjour');
  });
});

describe('<cx-survey> agency wording published by the collector', () => {
  it('is on screen from the first render: the standard wording is never shown first', async () => {
    const wording = 'Tell us more about your renewal.';
    const entry = {
      id: 'worded', name: 'Worded', agency: 'Example Agency', scale: 'thumbs',
      drivers: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other'],
      origins: [location.origin], pra: { controlNumber: '1234-5678', expiration: '2099-12-31' }, wording: { en: { q3: wording } },
    };
    const started = (await executeServerCommand('cx-collector-from-services', { services: JSON.stringify({ services: [entry] }) })) as { url?: string; error?: string };
    expect(started.error, started.error).to.equal(undefined);
    const el = document.createElement('cx-survey') as CxSurvey;
    Object.assign(el, { lang: 'en', service: 'worded', endpoint: `${started.url}/v1/responses` });
    // Every Q3 label a respondent could have seen, from the first render on.
    const seen: string[] = [];
    const watch = new MutationObserver(() => {
      const label = text($(el, '[part~=q3] [part=label]'));
      if (label && seen[seen.length - 1] !== label) seen.push(label);
    });
    document.body.append(el);
    try {
      watch.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
      await until(() => text($(el, '[part~=q3] [part=label]')) === wording, 'agency wording shown', { timeout: 8000 });
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).to.deep.equal([wording]);
    } finally {
      watch.disconnect();
      el.remove();
    }
  });
});

describe('<cx-survey> agency texts in every language (3.1.2)', () => {
  const question = { id: 'visit', type: 'single', label: 'Why did you visit?', options: [{ value: 'renew', label: 'To renew.' }, { value: 'other', label: 'Other.' }] };
  const withAgencyTexts = (lang: string, wording = {}) =>
    fixture<CxSurvey>(html`<cx-survey config-source="page" lang=${lang} service="demo-thumbs" agency="Example Agency" endpoint=${endpoint()}
      .config=${{ pra: { controlNumber: '1234-5678', expiration: '2099-12-31', burden: 'Public burden is estimated at 1 minute.' }, questions: [question], wording }}></cx-survey>`).then(ready);

  it('the PRA burden statement and the agency name can be given per language', async () => {
    const el = await withAgencyTexts('ar', { ar: { 'pra.burden': 'يُقدَّر العبء العام بدقيقة واحدة.', agency: 'وكالة المثال' } });
    const burden = $(el, '[part=pra] p:nth-of-type(2)')!;
    expect(text(burden)).to.equal('يُقدَّر العبء العام بدقيقة واحدة.');
    expect(burden.querySelector('[lang]') === null, 'not marked as a fallback').to.equal(true);
    expect(text($(el, '[part~=q1] [part=legend]'))).to.contain('وكالة المثال');
    await expect(el).to.be.accessible();
  });

  it('an agency text not given in the language shown is marked lang="en" dir="ltr", so Arabic keeps its full stop at the end', async () => {
    const el = await withAgencyTexts('ar');
    const burden = $(el, '[part=pra] p:nth-of-type(2) span')!;
    expect(burden.lang).to.equal('en');
    expect(burden.dir).to.equal('ltr');
    expect(getComputedStyle(burden).direction).to.equal('ltr');
    // The full stop is drawn at the right-hand end of the English sentence, not in front of it.
    const words = [...burden.childNodes].find((n) => n.nodeType === Node.TEXT_NODE)!;
    const range = document.createRange();
    range.setStart(words, words.textContent!.length - 1);
    range.setEnd(words, words.textContent!.length);
    expect(range.getBoundingClientRect().left).to.be.greaterThan(burden.getBoundingClientRect().left + burden.getBoundingClientRect().width / 2);
    const label = $(el, '[part~=extra] [part=legend] span[lang=en]')!;
    expect(text(label)).to.equal('Why did you visit?');
    expect($(el, '[part~=extra] [part=option] span[lang=en][dir=ltr]')).to.exist;
    const es = await withAgencyTexts('es', { es: { 'questions.visit.label': '¿Por qué nos visitó?' } });
    expect($(es, '[part~=extra] [part=legend] [lang]') === null, 'translated label unmarked').to.equal(true);
    expect(text($(es, '[part~=extra] [part=legend]'))).to.equal('¿Por qué nos visitó?');
    const en = await withAgencyTexts('en');
    expect(en.shadowRoot!.querySelector('[part=form] span[lang]') === null, 'nothing marked in English').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('in Arabic, filled-in names and numbers are bidi-isolated', async () => {
    const el = await withAgencyTexts('ar');
    expect($(el, '[part~=q1] [part=legend]')!.textContent).to.contain('\u2068Example Agency\u2069');
    expect($(el, '[part=pra] p')!.textContent).to.contain('\u20681234\u20115678\u2069');
  });
});

describe('<cx-survey> translations reviewed (#17)', () => {
  it('no neutral point starts like "Disagree" (vi, tl, ar read as a second "Disagree")', async () => {
    for (const locale of SUPPORTED_LOCALES.filter((l) => l !== 'en')) {
      const t = (await loadTemplates(locale))!;
      expect(t['scale.3'].startsWith(t['scale.2']), `${locale}: "${t['scale.3']}" starts like "${t['scale.2']}"`).to.equal(false);
    }
  });

  it('Russian names any agency in the nominative; French says the need was addressed', async () => {
    const ru = await fixture<CxSurvey>(html`<cx-survey config-source="page" lang="ru" service="demo-thumbs" agency="Служба гражданства" endpoint=${endpoint()}></cx-survey>`).then(ready);
    expect(text($(ru, '[part~=q1] [part=legend]'))).to.equal('Это обращение повысило моё доверие к ведомству «Служба гражданства».');
    const fr = await survey('fr');
    await pick(fr, 1);
    expect(text($(fr, '[part~=q2] [part=option]'))).to.equal('On a répondu à mon besoin.');
  });
});
