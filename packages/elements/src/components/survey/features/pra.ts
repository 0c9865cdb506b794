import { css, html, nothing, type TemplateResult } from 'lit';
import type { PraNotice } from '@cx-survey/protocol';
import type { Translator } from '../../../internal/localize.js';

// Loaded only by surveys with a PRA notice, before they are shown.

/** Control number, expiration in the respondent's language, burden statement. */
export function praTemplate(pra: PraNotice, tr: Translator): TemplateResult {
  const [y, m, d] = pra.expiration.split('-').map(Number);
  const expires = new Date(y, m - 1, d).toLocaleDateString(tr.locale, { year: 'numeric', month: 'long', day: 'numeric' });
  // A div, not a footer: inside the page a footer would be a second contentinfo landmark.
  return html`<div part="pra" class="pra">
    <p>${tr.msg('pra.line', { number: pra.controlNumber, expires })}</p>
    ${pra.burden ? html`<p>${pra.burden}</p>` : nothing}
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
