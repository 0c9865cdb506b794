import { html, nothing, type TemplateResult } from 'lit';
import type { PraNotice } from '@cx-survey/protocol';
import type { Translator } from '../../../internal/localize.js';
import { STATUS_TEXT, type DeliveryStatus } from '../../../controllers/delivery-status.js';
import type { SurveyView } from './view.js';

/** The Paperwork Reduction Act notice: control number, expiration in the respondent's language, burden statement. */
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

/** The thank-you, with the delivery status line and a Close button. */
export function thanksTemplate({ tr, on }: SurveyView, status: DeliveryStatus): TemplateResult {
  const text = STATUS_TEXT[status];
  return html`<div part="thanks" class="thanks">
    <h2 tabindex="-1" class="thanks-heading">${tr.msg('thanks')}</h2>
    ${text ? html`<p part="status" class="status ${status}">${tr.msg(text)}</p>` : nothing}
    <div part="actions" class="actions">
      <button part="dismiss" class="secondary" type="button" @click=${on.dismiss}>${tr.msg('close')}</button>
    </div>
  </div>`;
}

/** Kiosk: the start screen the next respondent taps. */
export function startTemplate({ tr, on }: SurveyView): TemplateResult {
  return html`<div part="start" class="start">
    <p class="start-title">${tr.msg('kiosk.title')}</p>
    <button part="start-button" class="primary" type="button" @click=${on.start}>${tr.msg('kiosk.start')}</button>
  </div>`;
}

/** Each language named in itself, so a respondent finds their own. */
function nameOf(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The language picker (`languages` attribute). */
export function pickerTemplate({ tr, on }: SurveyView, locales: string[]): TemplateResult {
  return html`<div part="languages" class="languages">
    <label for="language">${tr.msg('language')}</label>
    <select id="language" @change=${(e: Event) => on.pick((e.target as HTMLSelectElement).value)}>
      ${locales.map((l) => html`<option value=${l} lang=${l} ?selected=${l === tr.locale}>${nameOf(l)}</option>`)}
    </select>
  </div>`;
}
