import { html, nothing, type TemplateResult } from 'lit';
import { burdenText } from '../../../internal/content.js';
import { LANGUAGE_NAMES } from '../../../internal/locales.js';
import type { Translator } from '../../../internal/localize.js';
import { STATUS_TEXT, type DeliveryStatus } from '../../../controllers/delivery-status.js';
import { IDLE_WARNING_SECONDS } from '../../../controllers/kiosk.js';
import { agencyText } from './agency-text.js';
import type { SurveyView } from './view.js';

/** The Paperwork Reduction Act notice: control number, expiration in the respondent's language, burden statement. */
export function praTemplate({ config, tr }: SurveyView): TemplateResult {
  const pra = config.pra!;
  const expires = tr.date(pra.expiration);
  // A non-breaking hyphen (U+2011): the control number never splits across lines.
  const number = pra.controlNumber.replace('-', '\u2011');
  // A div, not a footer: inside the page a footer would be a second contentinfo landmark.
  return html`<div part="pra" class="pra">
    <p>${tr.msg('pra.line', { number, expires })}</p>
    ${pra.burden ? html`<p>${agencyText(burdenText(pra.burden, config, tr))}</p>` : nothing}
    ${pra.burdenUrl
      ? html`<p><a href=${pra.burdenUrl} target="_blank" rel="noopener">${tr.msg('pra.link')}<span class="sr-only"> ${tr.msg('newWindow')}</span></a></p>`
      : nothing}
  </div>`;
}

/** The thank-you, with the delivery status line and a Close button. */
export function thanksTemplate({ tr, on, level }: SurveyView, status: DeliveryStatus): TemplateResult {
  const text = STATUS_TEXT[status];
  return html`<div part="thanks" class="thanks">
    <div role="heading" aria-level=${level} tabindex="-1" class="thanks-heading">${tr.msg('thanks')}</div>
    ${text ? html`<p part="status" class="status ${status}">${tr.msg(text)}</p>` : nothing}
    <div part="actions" class="actions">
      <button part="dismiss" class="secondary" type="button" @click=${on.dismiss}>${tr.msg('close')}</button>
    </div>
  </div>`;
}

/** Kiosk: the start screen the next respondent taps. */
export function startTemplate({ tr, on, level }: SurveyView): TemplateResult {
  return html`<div part="start" class="start">
    <div role="heading" aria-level=${level} class="start-title">${tr.msg('kiosk.title')}</div>
    <button part="start-button" class="primary" type="button" @click=${on.start}>${tr.msg('kiosk.start')}</button>
  </div>`;
}

/**
 * Kiosk: the inactivity warning, a modal alert dialog (the kiosk controller opens it and focuses
 * "I need more time"), so a screen reader announces it and nothing behind it can be touched meanwhile.
 */
export function idleWarningTemplate({ tr, on }: SurveyView): TemplateResult {
  return html`<dialog part="idle-warning" class="idle" role="alertdialog" aria-labelledby="idle-title" aria-describedby="idle-text"
    @cancel=${(e: Event) => (e.preventDefault(), on.moreTime())}>
    <h2 id="idle-title" class="idle-title">${tr.msg('kiosk.idle.title')}</h2>
    <p id="idle-text">${tr.msg('kiosk.idle.text', { seconds: IDLE_WARNING_SECONDS })}</p>
    <button part="more-time" class="primary" type="button" @click=${on.moreTime}>${tr.msg('kiosk.idle.more')}</button>
  </dialog>`;
}

/** Said through the live region after a switch, in the new language: "Idioma: Español". */
export const languageSwitched = (tr: Translator) => `${tr.msg('language')}: ${LANGUAGE_NAMES[tr.locale] ?? tr.locale}`;

/** The language picker (`languages` attribute). */
export function pickerTemplate({ tr, on }: SurveyView, locales: string[]): TemplateResult {
  return html`<div part="languages" class="languages">
    <label for="language">${tr.msg('language')}</label>
    <select id="language" @change=${(e: Event) => on.pick((e.target as HTMLSelectElement).value)}>
      ${locales.map((l) => html`<option value=${l} lang=${l} ?selected=${l === tr.locale}>${LANGUAGE_NAMES[l] ?? l}</option>`)}
    </select>
  </div>`;
}
