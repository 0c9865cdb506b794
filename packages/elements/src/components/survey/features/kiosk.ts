import { css, html, type TemplateResult } from 'lit';
import type { SurveyView } from '../templates/view.js';

// Loaded only in kiosk mode: the restart timers and backlog count, the start screen, touch-first sizes.
export { KioskController } from '../../../controllers/kiosk.js';

/** The start screen the next respondent taps. */
export function startTemplate({ tr, on }: SurveyView): TemplateResult {
  return html`<div part="start" class="start">
    <p class="start-title">${tr.msg('kiosk.title')}</p>
    <button part="start-button" class="primary" type="button" @click=${on.start}>${tr.msg('kiosk.start')}</button>
  </div>`;
}

/** For staff: how many responses on this device wait to be sent. */
export function backlogTemplate({ tr }: SurveyView, count: number): TemplateResult {
  return html`<p part="backlog" class="backlog">${tr.msg('kiosk.waiting', { count })}</p>`;
}

export const styles = css`
  .start { display: grid; gap: var(--_s); justify-items: start; }
  .start-title { margin: 0; font-size: 1.375em; font-weight: 700; }
  .backlog { margin: var(--_s) 0 0; color: var(--_muted); font-size: 0.8125em; }
  /* Touch-first, read at arm's length. */
  :host([kiosk]) { font-size: var(--cx-font-size, 1.25rem); }
  :host([kiosk]) .tile, :host([kiosk]) .check, :host([kiosk]) button { min-height: 56px; }
`;
