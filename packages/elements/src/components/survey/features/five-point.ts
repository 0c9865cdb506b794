import { css, html, type TemplateResult } from 'lit';
import { q1Values } from '@cx-survey/protocol';
import { agreementLabel, q1Text } from '../../../internal/content.js';
import type { SurveyView } from '../templates/view.js';

// Loaded only by five-point surveys: Q1 as a 1-5 agreement scale.

export function q1FivePoint({ config, answers, tr, on }: SurveyView): TemplateResult {
  return html`
    <fieldset part="question q1" class="q1 five">
      <legend part="legend">${q1Text(config, tr)}</legend>
      <div class="choices">
        ${q1Values(config.scale).map((v) => {
          const checked = answers.q1 === v;
          return html`<label part="option" class="tile ${checked ? 'checked' : ''}">
            <input type="radio" name="q1" .value=${String(v)} .checked=${checked} @change=${() => on.q1(v)} />
            <span class="rating">${v}</span>
            <span class="text">${agreementLabel(v, tr)}</span>
          </label>`;
        })}
      </div>
    </fieldset>
  `;
}

export const styles = css`
  /* One equal row per rating when narrow, five equal columns when there is room — never a lopsided 3 + 2. */
  .five .choices { display: grid; grid-template-columns: minmax(0, 1fr); }
  @container (min-width: 34rem) {
    .five .choices { grid-template-columns: repeat(5, minmax(0, 1fr)); }
    .five .tile { flex-direction: column; text-align: center; gap: 0.25em; font-size: 0.9375em; }
  }
  .rating { font-size: 1.25em; font-weight: 700; }
`;
