import { html, nothing, type TemplateResult } from 'lit';
import { branchFor } from '@cx-survey/protocol';
import { q1Template, q3Template } from './questions.js';
import type { SurveyView } from './view.js';

// Enter in a radio, checkbox or text field would submit the form (implicit submission):
// a keyboard user ticking a box would be thanked with half an answer. Only Submit submits.
const noImplicitSubmit = (e: KeyboardEvent) => {
  if (e.key === 'Enter' && (e.target as Element).localName === 'input') e.preventDefault();
};

/** The survey form: Q1, the branch's checklist once Q1 is answered (its code loads on idle), Q3, additional questions, buttons, PRA notice. */
export function formTemplate(view: SurveyView): TemplateResult {
  const { config, answers, tr, on, features } = view;
  const branch = branchFor(config.scale, answers.q1, config.positiveCut);
  return html`
    <form part="form" novalidate @submit=${on.submit} @keydown=${noImplicitSubmit}>
      ${q1Template(view)}
      ${branch && features.answered ? features.answered.q2Template(view, branch) : nothing}
      ${config.q3 ? q3Template(view) : nothing}
      ${config.questions.map((q) => features.extra!.extraTemplate(view, q))}
      <div part="actions" class="actions">
        <button part="submit" class="primary" type="submit">${tr.msg('submit')}</button>
        <button part="dismiss" class="secondary" type="button" @click=${on.dismiss}>${tr.msg('dismiss')}</button>
      </div>
      ${config.pra ? features.pra!.praTemplate(view) : nothing}
    </form>
  `;
}
