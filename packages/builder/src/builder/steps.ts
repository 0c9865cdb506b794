/** The steps of the form, one fieldset each, in the order of section 280.14. */
import { html, nothing, type TemplateResult } from 'lit';
import { DRIVERS, MAX_QUESTIONS, REQUIRED_IF_APPLICABLE_DRIVERS, type AdditionalQuestion, type DriverChoice, type DriverKey } from '@cx-survey/protocol';
import { SUPPORTED_LOCALES } from '@cx-survey/elements';
import { checkField, describedBy, errorsOf, idOf, radioField, step, textField, type StepContext } from './fields.js';
import { driverKey, type Draft } from './draft.js';

const lines = (text: string) => text.split('\n');

function serviceStep(ctx: StepContext, n: number) {
  const e = ctx.draft.entry;
  return step(ctx, n, 'step.service', ['rule.service'], html`
    ${textField(ctx, 'id', ctx.t('f.id'), e.id ?? '', (d, v) => (d.entry.id = v.trim()), { hint: ctx.t('h.id') })}
    ${textField(ctx, 'name', ctx.t('f.name'), e.name ?? '', (d, v) => (d.entry.name = v))}
    ${textField(ctx, 'agency', ctx.t('f.agency'), e.agency ?? '', (d, v) => (d.entry.agency = v), { autocomplete: 'organization' })}
  `);
}

function q1Step(ctx: StepContext, n: number) {
  const e = ctx.draft.entry;
  return step(ctx, n, 'step.q1', ['rule.q1'], html`
    ${radioField(ctx, 'subject', ctx.t('f.subject'), e.subject ?? 'interaction', [['interaction', ctx.t('subject.interaction')], ['service', ctx.t('subject.service')]], (d, v) => (d.entry.subject = v))}
    ${textField(ctx, 'q1Wording', `${ctx.t('f.q1Wording')} ${ctx.t('optional')}`, e.q1Wording ?? '', (d, v) => (d.entry.q1Wording = v), { hint: ctx.t('h.q1Wording') })}
  `);
}

function scaleStep(ctx: StepContext, n: number) {
  const e = ctx.draft.entry;
  const cut = errorsOf(ctx, 'positiveCut');
  return step(ctx, n, 'step.scale', ['rule.scale'], html`
    ${radioField(ctx, 'scale', ctx.t('f.scale'), e.scale ?? 'thumbs', [['thumbs', ctx.t('scale.thumbs')], ['five-point', ctx.t('scale.five-point')]], (d, v) => {
      d.entry.scale = v;
      if (v === 'five-point' && d.entry.positiveCut === undefined) d.entry.positiveCut = 5;
    })}
    ${e.scale === 'five-point'
      ? html`<div class="field">
          <label for=${idOf('positiveCut')}>${ctx.t('f.positiveCut')}</label>
          <select id=${idOf('positiveCut')} aria-describedby=${describedBy(cut.invalid && cut.id)} @change=${(ev: Event) => ctx.update((d) => (d.entry.positiveCut = Number((ev.target as HTMLSelectElement).value)))}>
            ${[5, 4, 3].map((v) => html`<option value=${v} ?selected=${(e.positiveCut ?? 5) === v}>${v} / 5</option>`)}
          </select>
          ${cut.list}
        </div>`
      : nothing}
  `);
}

/** The entry's choice for one driver, or undefined when it is not offered. */
const choiceOf = (draft: Draft, key: DriverKey) => (draft.entry.drivers ?? []).find((d) => driverKey(d) === key);

function setChoice(draft: Draft, key: DriverKey, choice: DriverKey | DriverChoice | undefined) {
  const others = (draft.entry.drivers ?? []).filter((d) => driverKey(d) !== key);
  const all = choice === undefined ? others : [...others, choice];
  // The seed's order, as the element shows them.
  draft.entry.drivers = DRIVERS.map((d) => all.find((c) => driverKey(c) === d.key)).filter((c): c is DriverKey | DriverChoice => c !== undefined);
}

function driverRow(ctx: StepContext, def: (typeof DRIVERS)[number]): TemplateResult {
  const key = def.key;
  const choice = choiceOf(ctx.draft, key);
  const offered = choice !== undefined;
  const own = typeof choice === 'object' && choice.positive !== undefined;
  const statement = typeof choice === 'object' ? (choice.statement ?? 0) : 0;
  const errors = errorsOf(ctx, `driver.${key}`);
  const id = idOf(`driver.${key}`);
  const name = def.name;
  const status = `${ctx.t('driver.status', { row: def.row, status: def.status })}`;
  const reason = ctx.draft.entry.notApplicable?.[key] ?? '';
  const by = describedBy(errors.invalid && errors.id);
  return html`<fieldset class="driver">
    <legend>${name} <span class="hint">(${status})</span></legend>
    <div class="check">
      <input type="checkbox" id=${id} .checked=${offered} aria-describedby=${by} @change=${(ev: Event) => ctx.update((d) => setChoice(d, key, (ev.target as HTMLInputElement).checked ? key : undefined))} />
      <label for=${id}>${ctx.t('driver.offer', { name })}</label>
    </div>
    ${offered
      ? html`<div class="field">
            <label for=${`${id}-statement`}>${ctx.t('driver.statement', { name })}</label>
            <select id=${`${id}-statement`} aria-describedby=${by} @change=${(ev: Event) => {
              const v = (ev.target as HTMLSelectElement).value;
              ctx.update((d) => setChoice(d, key, v === 'own' ? { key, positive: '', negative: '' } : v === '0' ? key : { key, statement: Number(v) }));
            }}>
              ${def.statements.map((s, i) => html`<option value=${i} ?selected=${!own && statement === i}>${s.positive} / ${s.negative}</option>`)}
              <option value="own" ?selected=${own}>${ctx.t('driver.own')}</option>
            </select>
          </div>
          ${own
            ? html`<p class="flag">${ctx.t('driver.pra')}</p>
                ${textField(ctx, `driver.${key}.positive`, ctx.t('driver.positive'), (choice as DriverChoice).positive ?? '', (d, v) => setChoice(d, key, { ...(choiceOf(d, key) as DriverChoice), positive: v }))}
                ${textField(ctx, `driver.${key}.negative`, ctx.t('driver.negative'), (choice as DriverChoice).negative ?? '', (d, v) => setChoice(d, key, { ...(choiceOf(d, key) as DriverChoice), negative: v }))}`
            : nothing}`
      : REQUIRED_IF_APPLICABLE_DRIVERS.includes(key)
        ? textField(ctx, `driver.${key}.reason`, ctx.t('driver.reason', { name }), reason, (d, v) => (d.entry.notApplicable = { ...d.entry.notApplicable, [key]: v }), { multiline: true })
        : nothing}
    ${errors.list}
  </fieldset>`;
}

function driversStep(ctx: StepContext, n: number) {
  return step(ctx, n, 'step.drivers', ['rule.drivers', 'rule.labels'], html`
    ${DRIVERS.map((d) => driverRow(ctx, d))}
    ${radioField(ctx, 'labels', ctx.t('f.labels'), ctx.draft.page.labels, [['statements', ctx.t('labels.statements')], ['short', ctx.t('labels.short')]], (d, v) => (d.page.labels = v))}
  `);
}

function q3Step(ctx: StepContext, n: number) {
  const e = ctx.draft.entry;
  return step(ctx, n, 'step.q3', ['rule.q3'], html`
    ${checkField(ctx, 'q3', ctx.t('f.q3'), e.q3 !== false, (d, v) => (d.entry.q3 = v))}
    ${e.q3 !== false
      ? textField(ctx, 'q3MaxLength', `${ctx.t('f.q3MaxLength')} ${ctx.t('optional')}`, e.q3MaxLength === undefined ? '' : String(e.q3MaxLength), (d, v) => (d.entry.q3MaxLength = v.trim() === '' ? undefined : Number(v)), { inputmode: 'numeric' })
      : nothing}
  `);
}

/** Choice values from their labels: what the export's columns are named by. */
const valueOf = (label: string, i: number) => label.trim().toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64) || `option-${i + 1}`;

function questionBlock(ctx: StepContext, q: AdditionalQuestion, i: number): TemplateResult {
  const key = `questions[${i}]`;
  const errors = errorsOf(ctx, key);
  const change = (f: (q: AdditionalQuestion) => void) => (d: Draft) => f(d.entry.questions![i]);
  return html`<fieldset aria-describedby=${describedBy(errors.invalid && errors.id)}>
    <legend>${ctx.t('question.legend', { n: i + 1 })}</legend>
    ${textField(ctx, `${key}.label`, ctx.t('f.question.label'), q.label, (d, v) => change((q) => (q.label = v))(d))}
    <div class="field">
      <label for=${idOf(`${key}.type`)}>${ctx.t('f.question.type')}</label>
      <select id=${idOf(`${key}.type`)} @change=${(ev: Event) =>
        ctx.update(change((q) => {
          q.type = (ev.target as HTMLSelectElement).value as AdditionalQuestion['type'];
          if (q.type === 'text') delete q.options;
          else q.options ??= [];
        }))}>
        ${(['single', 'multiple', 'text'] as const).map((t) => html`<option value=${t} ?selected=${q.type === t}>${ctx.t(`type.${t}`)}</option>`)}
      </select>
    </div>
    ${q.type !== 'text'
      ? textField(ctx, `${key}.options`, ctx.t('f.question.options'), (q.options ?? []).map((o) => o.label).join('\n'), (d, v) => change((q) => (q.options = lines(v).map((label, j) => ({ value: valueOf(label, j), label }))))(d), { multiline: true })
      : nothing}
    ${errors.list}
    <button type="button" class="secondary" @click=${() => ctx.update((d) => d.entry.questions!.splice(i, 1))}>${ctx.t('remove')} <span class="sr-only">${ctx.t('question.legend', { n: i + 1 })}</span></button>
  </fieldset>`;
}

function questionsStep(ctx: StepContext, n: number) {
  const e = ctx.draft.entry;
  const questions = e.questions ?? [];
  const used = 2 + (e.q3 === false ? 0 : 1) + questions.length;
  const errors = errorsOf(ctx, 'questions');
  return step(ctx, n, 'step.questions', ['rule.questions'], html`
    <p id=${idOf('questions')}>${ctx.t('questions.count', { used, max: MAX_QUESTIONS })}</p>
    ${errors.list}
    ${questions.map((q, i) => questionBlock(ctx, q, i))}
    <button type="button" class="secondary" ?disabled=${used >= MAX_QUESTIONS} @click=${() =>
      ctx.update((d) => {
        const taken = new Set((d.entry.questions ?? []).map((q) => q.id));
        let k = 1;
        while (taken.has(`question-${k}`)) k++;
        d.entry.questions = [...(d.entry.questions ?? []), { id: `question-${k}`, type: 'single', label: '', options: [] }];
      })}>${ctx.t('questions.add')}</button>
  `);
}

export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

function wordingFields(ctx: StepContext, tag: string): TemplateResult {
  const texts = ctx.draft.entry.wording?.[tag] ?? {};
  const set = (k: string) => (d: Draft, v: string) => {
    d.entry.wording = { ...d.entry.wording, [tag]: { ...d.entry.wording?.[tag], [k]: v } };
  };
  const pairs = (ctx.draft.entry.drivers ?? []).filter((d): d is DriverChoice => typeof d === 'object' && d.positive !== undefined);
  const field = (k: string, label: string) => textField(ctx, `wording.${tag}.${k}`, label, texts[k] ?? '', set(k));
  return html`<fieldset>
    <legend>${ctx.t('language.legend', { language: languageName(tag, ctx.locale) })}</legend>
    ${field('agency', `${ctx.t('f.wording.agency')} ${ctx.t('optional')}`)}
    ${field('q1', `${ctx.t('f.wording.q1')} ${ctx.t('optional')}`)}
    ${pairs.map((p) => {
      const name = DRIVERS.find((d) => d.key === p.key)!.name;
      return html`${field(`drivers.${p.key}.positive`, `${name}: ${ctx.t('driver.positive')}`)} ${field(`drivers.${p.key}.negative`, `${name}: ${ctx.t('driver.negative')}`)}`;
    })}
  </fieldset>`;
}

function languagesStep(ctx: StepContext, n: number) {
  const chosen = ctx.draft.page.languages;
  return step(ctx, n, 'step.languages', ['rule.languages'], html`
    <fieldset>
      <legend>${ctx.t('f.languages')}</legend>
      ${SUPPORTED_LOCALES.map((tag) => {
        const id = idOf(`language.${tag}`);
        return html`<div class="check">
          <input type="checkbox" id=${id} .checked=${chosen.includes(tag)} ?disabled=${tag === 'en'} @change=${(ev: Event) =>
            ctx.update((d) => {
              const on = (ev.target as HTMLInputElement).checked;
              d.page.languages = SUPPORTED_LOCALES.filter((t) => (t === tag ? on : d.page.languages.includes(t)));
            })} />
          <label for=${id}><span lang=${tag}>${languageName(tag, tag)}</span>${tag === ctx.locale ? nothing : html` (${languageName(tag, ctx.locale)})`}</label>
        </div>`;
      })}
    </fieldset>
    ${chosen.filter((t) => t !== 'en').map((t) => wordingFields(ctx, t))}
  `);
}

function praStep(ctx: StepContext, n: number) {
  const e = ctx.draft.entry;
  const exempt = e.praExempt !== undefined;
  return step(ctx, n, 'step.pra', ['rule.pra'], html`
    ${radioField(ctx, 'pra', ctx.t('f.praMode'), exempt ? 'exempt' : 'cleared', [['cleared', ctx.t('pra.cleared')], ['exempt', ctx.t('pra.exempt')]], (d, v) => {
      if (v === 'exempt') {
        delete d.entry.pra;
        d.entry.praExempt = '';
      } else {
        delete d.entry.praExempt;
        d.entry.pra = { controlNumber: '', expiration: '' };
      }
    })}
    ${exempt
      ? textField(ctx, 'praExempt', ctx.t('f.praExempt'), e.praExempt ?? '', (d, v) => (d.entry.praExempt = v), { multiline: true })
      : html`${textField(ctx, 'pra.controlNumber', ctx.t('f.controlNumber'), e.pra?.controlNumber ?? '', (d, v) => (d.entry.pra = { ...d.entry.pra!, controlNumber: v.trim() }), { hint: ctx.t('h.controlNumber') })}
          ${textField(ctx, 'pra.expiration', ctx.t('f.expiration'), e.pra?.expiration ?? '', (d, v) => (d.entry.pra = { ...d.entry.pra!, expiration: v.trim() }), { hint: ctx.t('h.expiration') })}
          ${textField(ctx, 'pra.burden', `${ctx.t('f.burden')} ${ctx.t('optional')}`, ctx.draft.page.burden ?? '', (d, v) => (d.page.burden = v || undefined), { multiline: true })}`}
  `);
}

function accessStep(ctx: StepContext, n: number) {
  const e = ctx.draft.entry;
  return step(ctx, n, 'step.access', ['rule.token', 'rule.origins'], html`
    ${checkField(ctx, 'requireToken', ctx.t('f.requireToken'), e.requireToken === true, (d, v) => (d.entry.requireToken = v))}
    ${textField(ctx, 'origins', ctx.t('f.origins'), (e.origins ?? []).join('\n'), (d, v) => (d.entry.origins = lines(v).map((o) => o.trim()).filter((o, i, all) => o !== '' || i === all.length - 1)), { multiline: true, hint: ctx.t('h.origins') })}
    ${textField(ctx, 'endpoint', ctx.t('f.endpoint'), ctx.draft.page.endpoint, (d, v) => (d.page.endpoint = v.trim()), { hint: 'https://collector.example.gov', type: 'url' })}
  `);
}

function presentationStep(ctx: StepContext, n: number) {
  const p = ctx.draft.page;
  return step(ctx, n, 'step.presentation', ['rule.presentation'], html`
    ${checkField(ctx, 'kiosk', ctx.t('f.kiosk'), p.kiosk, (d, v) => (d.page.kiosk = v))}
    ${p.kiosk ? textField(ctx, 'location', `${ctx.t('f.location')} ${ctx.t('optional')}`, p.location ?? '', (d, v) => (d.page.location = v.trim() || undefined)) : nothing}
    ${radioField(ctx, 'launcher', ctx.t('f.launcher'), p.launcher, [['none', ctx.t('launcher.none')], ['inline', ctx.t('launcher.inline')], ['corner', ctx.t('launcher.corner')]], (d, v) => (d.page.launcher = v))}
  `);
}

/** Every step, numbered. */
export function steps(ctx: StepContext): TemplateResult[] {
  return [serviceStep, q1Step, scaleStep, driversStep, q3Step, questionsStep, languagesStep, praStep, accessStep, presentationStep].map((s, i) => s(ctx, i + 1));
}
