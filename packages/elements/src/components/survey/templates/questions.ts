import { html, nothing, type TemplateResult } from 'lit';
import { q1Values, type Branch } from '@cx-survey/protocol';
import { agreementLabel, driverText, q1Text, q2Text, q3Text } from '../../../internal/content.js';
import { icon } from '../icons.js';
import type { SurveyView } from './view.js';

/** Q1, the trust question: thumbs up/down or a five-point agreement scale. */
export function q1Template({ config, answers, tr, on }: SurveyView): TemplateResult {
  const five = config.scale === 'five-point';
  return html`
    <fieldset part="question q1" class="q1 ${five ? 'five' : 'thumbs'}">
      <legend part="legend">${q1Text(config, tr)}</legend>
      <div class="choices">
        ${q1Values(config.scale).map((v) => {
          const checked = answers.q1 === v;
          const label = five ? agreementLabel(v, tr) : tr.msg(v === 1 ? 'thumbs.up' : 'thumbs.down');
          return html`<label part="option" class="tile ${checked ? 'checked' : ''}">
            <input type="radio" name="q1" .value=${String(v)} .checked=${checked} @change=${() => on.q1(v)} />
            ${five ? html`<span class="rating" aria-hidden="true">${v}</span>` : icon('thumb', v === 0)}
            <span class="text">${label}</span>
          </label>`;
        })}
      </div>
    </fieldset>
  `;
}

/** Q2a or Q2b: the driver checklist the Q1 answer leads to. */
export function q2Template({ config, answers, tr, on }: SurveyView, branch: Branch): TemplateResult {
  return html`
    <fieldset part="question q2" class="q2">
      <legend part="legend">${q2Text(branch, config, tr)} <span part="hint" class="hint">${tr.msg('q2.hint')}</span></legend>
      <div class="checks">
        ${config.drivers.map((d) => {
          const checked = answers.q2.includes(d.key);
          return html`<label part="option" class="check ${checked ? 'checked' : ''}">
            <input type="checkbox" name="q2" .value=${d.key} .checked=${checked} @change=${(e: Event) => on.driver(d.key, (e.target as HTMLInputElement).checked)} />
            ${config.labels === 'short' ? icon(d.key) : nothing}
            <span class="text">${driverText(d, branch, config, tr)}</span>
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
