/** Form parts shared by the steps: a labelled field with its hint and its problems tied by aria-describedby. */
import { html, nothing, type TemplateResult } from 'lit';
import { fill, type ConfigProblem } from '@cx-survey/protocol';
import { BUILDER_ENGLISH, type BuilderMessageId, type BuilderTemplates } from './strings.js';
import { driverKey, type Draft } from './draft.js';

export interface StepContext {
  draft: Draft;
  /** Problems by field key (see fieldOf). */
  problems: Map<string, string[]>;
  t: (id: BuilderMessageId, values?: Record<string, string | number>) => string;
  /** Changes the draft, checks it again and saves it. */
  update: (change: (draft: Draft) => void) => void;
  locale: string;
}

export function translator(templates: BuilderTemplates = BUILDER_ENGLISH) {
  return (id: BuilderMessageId, values?: Record<string, string | number>) => (values ? fill(templates[id], values) : templates[id]);
}

/** The field a problem belongs to: a driver's row, a question, the origins box, else its setting. */
export function fieldOf(p: ConfigProblem, draft: Draft): string {
  let m = /^drivers\[(\d+)\]/.exec(p.path);
  const drivers = draft.entry.drivers ?? [];
  if (m && drivers[+m[1]] !== undefined) return `driver.${driverKey(drivers[+m[1]])}`;
  if (p.path === 'drivers') {
    const named = /driver "(\w+)"/.exec(p.message);
    if (named) return `driver.${named[1]}`;
  }
  if ((m = /^notApplicable\.(\w+)/.exec(p.path))) return `driver.${m[1]}`;
  if ((m = /^questions\[(\d+)\]/.exec(p.path))) return `questions[${m[1]}]`;
  if (p.path.startsWith('origins')) return 'origins';
  if (p.path === 'pra' || p.path === 'praExempt') return draft.entry.praExempt !== undefined ? 'praExempt' : 'pra';
  return p.path;
}

export const idOf = (key: string) => `f-${key.replace(/[^\w-]/g, '_')}`;

/** The problems shown at a field, with the id its control points to. */
export function errorsOf(ctx: StepContext, key: string): { id: string; list: TemplateResult | typeof nothing; invalid: boolean } {
  const messages = ctx.problems.get(key) ?? [];
  const id = `${idOf(key)}-errors`;
  return {
    id,
    invalid: messages.length > 0,
    list: messages.length ? html`<ul class="errors" id=${id}>${messages.map((m) => html`<li>${m}</li>`)}</ul>` : nothing,
  };
}

export const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(' ') || nothing;

/** A text field (input or textarea) bound to a getter and a setter of the draft. */
export function textField(
  ctx: StepContext,
  key: string,
  label: string,
  value: string,
  set: (draft: Draft, value: string) => void,
  options: { hint?: string; multiline?: boolean; type?: string; inputmode?: string; autocomplete?: string } = {},
): TemplateResult {
  const id = idOf(key);
  const errors = errorsOf(ctx, key);
  const hintId = options.hint ? `${id}-hint` : undefined;
  const onInput = (e: Event) => ctx.update((d) => set(d, (e.target as HTMLInputElement).value));
  const by = describedBy(hintId, errors.invalid && errors.id);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${options.hint ? html`<p class="hint" id=${hintId}>${options.hint}</p>` : nothing}
    ${options.multiline
      ? html`<textarea id=${id} .value=${value} aria-describedby=${by} aria-invalid=${errors.invalid ? 'true' : 'false'} @input=${onInput}></textarea>`
      : html`<input id=${id} type=${options.type ?? 'text'} inputmode=${options.inputmode ?? nothing} autocomplete=${options.autocomplete ?? 'off'} .value=${value} aria-describedby=${by} aria-invalid=${errors.invalid ? 'true' : 'false'} @input=${onInput} />`}
    ${errors.list}
  </div>`;
}

/** A check box bound to the draft. */
export function checkField(ctx: StepContext, key: string, label: string, checked: boolean, set: (draft: Draft, checked: boolean) => void): TemplateResult {
  const id = idOf(key);
  const errors = errorsOf(ctx, key);
  return html`<div class="check">
      <input type="checkbox" id=${id} .checked=${checked} aria-describedby=${describedBy(errors.invalid && errors.id)} @change=${(e: Event) => ctx.update((d) => set(d, (e.target as HTMLInputElement).checked))} />
      <label for=${id}>${label}</label>
    </div>
    ${errors.list}`;
}

/** Radio buttons in their own fieldset and legend. */
export function radioField<T extends string>(ctx: StepContext, key: string, legend: string, value: T, choices: ReadonlyArray<[T, string]>, set: (draft: Draft, value: T) => void): TemplateResult {
  const id = idOf(key);
  const errors = errorsOf(ctx, key);
  return html`<fieldset id=${id} aria-describedby=${describedBy(errors.invalid && errors.id)}>
    <legend>${legend}</legend>
    ${choices.map(
      ([v, label]) => html`<div class="check">
        <input type="radio" id=${`${id}-${v}`} name=${id} .value=${v} .checked=${v === value} @change=${() => ctx.update((d) => set(d, v))} />
        <label for=${`${id}-${v}`}>${label}</label>
      </div>`,
    )}
    ${errors.list}
  </fieldset>`;
}

/** A step: fieldset, numbered legend, and the seed's rule next to the fields. */
export function step(ctx: StepContext, n: number, title: BuilderMessageId, rules: BuilderMessageId[], body: TemplateResult): TemplateResult {
  return html`<fieldset class="step" id=${`step-${title.replace('step.', '')}`}>
    <legend>${n}. ${ctx.t(title)}</legend>
    ${rules.map((r) => html`<p class="rule"><strong>${ctx.t('rule')}:</strong>${ctx.t(r)}</p>`)}
    ${body}
  </fieldset>`;
}
