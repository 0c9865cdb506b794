import { html, nothing, type TemplateResult } from 'lit';
import { branchFor } from '@cx-survey/protocol';
import { extraTemplate } from './extra.js';
import { praTemplate } from './panels.js';
import { q1Template, q2Template, q3Template } from './questions.js';
import type { SurveyView } from './view.js';

/** The survey form: Q1, the branch's checklist once Q1 is answered, Q3, additional questions, buttons, PRA notice. */
export function formTemplate(view: SurveyView): TemplateResult {
  const { config, answers, tr, on } = view;
  const branch = branchFor(config.scale, answers.q1, config.positiveCut);
  return html`
    <form part="form" novalidate @submit=${on.submit}>
      ${q1Template(view)}
      ${branch ? q2Template(view, branch) : nothing}
      ${config.q3 ? q3Template(view) : nothing}
      ${config.questions.map((q) => extraTemplate(view, q))}
      <div part="actions" class="actions">
        <button part="submit" class="primary" type="submit">${tr.msg('submit')}</button>
        <button part="dismiss" class="secondary" type="button" @click=${on.dismiss}>${tr.msg('dismiss')}</button>
      </div>
      ${config.pra ? praTemplate(config.pra, tr) : nothing}
    </form>
  `;
}
