import { html, nothing, type TemplateResult } from 'lit';
import { STATUS_TEXT, type DeliveryStatus } from '../../../controllers/delivery-status.js';
import type { SurveyView } from './view.js';

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
