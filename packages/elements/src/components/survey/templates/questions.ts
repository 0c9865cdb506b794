import { html, type TemplateResult } from 'lit';
import { q1Values } from '@cx-survey/protocol';
import { q1Text, q3Text } from '../../../internal/content.js';
import { icon, THUMB } from '../icons.js';
import type { SurveyView } from './view.js';

/** Q1, the trust question, on the thumbs scale (five-point: features/five-point.ts). Q2: templates/q2.ts, loaded later. */
export function q1Template(view: SurveyView): TemplateResult {
  const { config, answers, tr, on, features } = view;
  if (config.scale === 'five-point') return features.fivePoint!.q1FivePoint(view);
  return html`
    <fieldset part="question q1" class="q1 thumbs">
      <legend part="legend">${q1Text(config, tr)}</legend>
      <div class="choices">
        ${q1Values(config.scale).map((v) => {
          const checked = answers.q1 === v;
          return html`<label part="option" class="tile ${checked ? 'checked' : ''}">
            <input type="radio" name="q1" .value=${String(v)} .checked=${checked} @change=${() => on.q1(v)} />
            ${icon(THUMB, v === 0)}
            <span class="text">${tr.msg(v === 1 ? 'thumbs.up' : 'thumbs.down')}</span>
          </label>`;
        })}
      </div>
    </fieldset>
  `;
}

/** Q3, free text, with a characters-left counter tied to the box. */
export function q3Template({ config, answers, tr, on }: SurveyView): TemplateResult {
  const left = config.q3MaxLength - answers.q3.length;
  return html`
    <div part="question q3" class="q3">
      <label part="label" for="q3">${q3Text(config, tr)}</label>
      <textarea
        part="textarea"
        id="q3"
        rows="3"
        maxlength=${config.q3MaxLength}
        aria-describedby="q3-count"
        .value=${answers.q3}
        @input=${(e: Event) => on.q3((e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <div part="counter" id="q3-count" class="counter">${tr.msg('q3.counter', { left })}</div>
    </div>
  `;
}
