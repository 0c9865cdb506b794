import { html, nothing, type TemplateResult } from 'lit';
import type { Branch } from '@cx-survey/protocol';
import { driverText, q2Text } from '../../../internal/content-q2.js';
import type { SurveyView } from './view.js';

/** Q2a or Q2b: the driver checklist the Q1 answer leads to. */
export function q2Template({ config, answers, tr, on, features }: SurveyView, branch: Branch): TemplateResult {
  return html`
    <fieldset part="question q2" class="q2">
      <legend part="legend">${q2Text(branch, config, tr)} <span part="hint" class="hint">${tr.msg('q2.hint')}</span></legend>
      <div class="checks">
        ${config.drivers.map((d) => {
          const checked = answers.q2.includes(d.key);
          return html`<label part="option" class="check ${checked ? 'checked' : ''}">
            <input type="checkbox" name="q2" .value=${d.key} .checked=${checked} @change=${(e: Event) => on.driver(d.key, (e.target as HTMLInputElement).checked)} />
            ${config.labels === 'short' ? features.shortLabels!.driverIcon(d.key, branch) : nothing}
            <span class="text">${driverText(d, branch, config, tr)}</span>
          </label>`;
        })}
      </div>
    </fieldset>
  `;
}
