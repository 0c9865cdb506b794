import { css, html, type TemplateResult } from 'lit';
import { IDLE_WARNING_SECONDS } from '../../../controllers/kiosk.js';
import type { SurveyView } from '../templates/view.js';

// Loaded only in kiosk mode: the restart timers and backlog count, the start screen, the inactivity warning, touch-first sizes.
export { KioskController } from '../../../controllers/kiosk.js';

/** The start screen the next respondent taps. */
export function startTemplate({ tr, on, level }: SurveyView): TemplateResult {
  return html`<div part="start" class="start">
    <div role="heading" aria-level=${level} class="start-title">${tr.msg('kiosk.title')}</div>
    <button part="start-button" class="primary" type="button" @click=${on.start}>${tr.msg('kiosk.start')}</button>
  </div>`;
}

/**
 * The inactivity warning, a modal alert dialog (the kiosk controller opens it and focuses
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

/** For staff: how many responses on this device wait to be sent. */
export function backlogTemplate({ tr }: SurveyView, count: number): TemplateResult {
  return html`<p part="backlog" class="backlog">${tr.msg('kiosk.waiting', { count })}</p>`;
}

export const styles = css`
  .start { display: grid; gap: var(--_s); justify-items: start; }
  .start-title { margin: 0; font-size: 1.375em; font-weight: 700; }
  .idle { max-width: min(32rem, calc(100vw - 2rem)); padding: calc(var(--_s) * 1.5); border: 2px solid var(--_border); border-radius: var(--_radius); background: var(--cx-color-background, #fff); color: inherit; }
  .idle::backdrop { background: rgb(0 0 0 / 0.6); }
  .idle-title { margin: 0 0 0.5em; font-size: 1.375em; }
  .backlog { margin: var(--_s) 0 0; color: var(--_muted); font-size: 0.8125em; }
  /* Touch-first, read at arm's length. */
  :host([kiosk]) { font-size: var(--cx-font-size, 1.25rem); }
  :host([kiosk]) .tile, :host([kiosk]) .check, :host([kiosk]) button, :host([kiosk]) select { min-height: 56px; }
`;
