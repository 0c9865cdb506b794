import { html, nothing, type TemplateResult } from 'lit';
import type { AdditionalQuestion } from '@cx-survey/protocol';
import { optionLabel, questionLabel } from '../../../internal/content.js';
import type { SurveyView } from './view.js';

/** One of the agency's additional questions: a text field, or single or multiple choice. */
export function extraTemplate({ config, answers, tr, on }: SurveyView, q: AdditionalQuestion): TemplateResult {
  const value = answers.extra[q.id];
  const id = `extra-${q.id}`;
  if (q.type === 'text') {
    return html`<div part="question extra" class="extra">
      <label part="label" for=${id}>${questionLabel(q, config, tr)}</label>
      <input id=${id} type="text" maxlength=${q.maxLength ?? 200} .value=${(value as string) ?? ''}
        @input=${(e: Event) => on.extra(q, (e.target as HTMLInputElement).value, true)} />
    </div>`;
  }
  const multiple = q.type === 'multiple';
  return html`<fieldset part="question extra" class="extra">
    <legend part="legend">${questionLabel(q, config, tr)}${multiple ? html` <span part="hint" class="hint">${tr.msg('extra.hint')}</span>` : nothing}</legend>
    <div class="checks">
      ${q.options!.map((o) => {
        const checked = multiple ? ((value as string[]) ?? []).includes(o.value) : value === o.value;
        return html`<label part="option" class="check ${checked ? 'checked' : ''}">
          <input type=${multiple ? 'checkbox' : 'radio'} name=${id} .value=${o.value} .checked=${checked}
            @change=${(e: Event) => on.extra(q, o.value, (e.target as HTMLInputElement).checked)} />
          <span class="text">${optionLabel(q, o, config, tr)}</span>
        </label>`;
      })}
    </div>
  </fieldset>`;
}
