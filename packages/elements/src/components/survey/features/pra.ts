import { css, html, nothing, type TemplateResult } from 'lit';
import { agencyWording } from '../../../internal/content.js';
import { agencyText } from '../templates/agency-text.js';
import type { SurveyView } from '../templates/view.js';
import type { Translator } from '../../../internal/localize.js';

// Loaded only by surveys with a PRA notice, before they are shown.

/** A YYYY-MM-DD date written out in this language ("31 desanm 2099" where Intl lacks Haitian Creole, not English). */
function writtenDate(iso: string, tr: Translator): string {
  const [y, m, d] = iso.split('-').map(Number);
  const months = tr.months;
  if (months && !Intl.DateTimeFormat.supportedLocalesOf(tr.locale).length) return `${d} ${months[m - 1]} ${y}`;
  return new Date(y, m - 1, d).toLocaleDateString(tr.locale, { year: 'numeric', month: 'long', day: 'numeric' });
}

/** Control number, expiration in the respondent's language, burden statement (the agency's for this language: `pra.burden` in wording). */
export function praTemplate({ config, tr }: SurveyView): TemplateResult {
  const pra = config.pra!;
  const expires = writtenDate(pra.expiration, tr);
  // A non-breaking hyphen (U+2011): the control number never splits across lines.
  const number = pra.controlNumber.replace('-', '\u2011');
  // A div, not a footer: inside the page a footer would be a second contentinfo landmark.
  return html`<div part="pra" class="pra">
    <p>${tr.msg('pra.line', { number, expires })}</p>
    ${pra.burden ? html`<p>${agencyText(agencyWording('pra.burden', pra.burden, config, tr))}</p>` : nothing}
    ${pra.burdenUrl
      ? html`<p><a href=${pra.burdenUrl} target="_blank" rel="noopener">${tr.msg('pra.link')}<span class="sr-only"> ${tr.msg('newWindow')}</span></a></p>`
      : nothing}
  </div>`;
}

export const styles = css`
  .pra { color: var(--_muted); font-size: 0.9375em; }
  .pra p { margin: 0.25em 0; }
  a { color: var(--_primary); min-height: 24px; display: inline-block; }
`;
