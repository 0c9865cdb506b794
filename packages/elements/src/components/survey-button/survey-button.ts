import { LitElement, html, type TemplateResult } from 'lit';
import { LocaleController } from '../../controllers/locale.js';
import { emit } from '../../events/base.js';
import type { CxSurvey } from '../survey/survey.js';
import { styles } from './survey-button.styles.js';

/**
 * A button that opens the `<cx-survey>` inside it in a modal `<dialog>`:
 * focus moves into the survey and back to the button when it closes, Escape
 * closes it, and the survey's own dismiss or close closes it too.
 *
 * @summary Opens a survey in a modal dialog.
 * @tagname cx-survey-button
 *
 * @slot - The `<cx-survey>` to open.
 *
 * @event {CustomEvent<CxOpenDetail>} cx-open - The dialog opened. detail: { timestamp }
 * @event {CustomEvent<CxCloseDetail>} cx-close - The dialog closed. detail: { timestamp }
 *
 * @csspart button - The button that opens the survey.
 * @csspart dialog - The dialog.
 * @csspart close - The dialog's close button.
 *
 * @cssprop [--cx-color-primary=#005ea2] - The button's colour.
 * @cssprop [--cx-color-primary-dark=#1a4480] - The button's hover colour.
 * @cssprop [--cx-color-on-primary=#fff] - The button's text colour.
 * @cssprop [--cx-color-focus=#2491ff] - Focus ring.
 * @cssprop [--cx-radius=0.25rem] - Corner radius of the button and the dialog.
 * @cssprop [--cx-color-background=#fff] - The dialog's background.
 */
export class CxSurveyButton extends LitElement {
  static override styles = styles;
  static override properties = {
    label: {},
    placement: { reflect: true },
    open: { type: Boolean, reflect: true },
  };

  /** The button's text (default "Give feedback", in the page's language). Also the dialog's accessible name. */
  label?: string;
  /**
   * "inline" (default): a button in the page's flow. "corner": fixed at the bottom corner on
   * screens at least 48em wide, respecting safe-area insets; in the flow on narrower screens, so
   * it never covers a phone's content.
   */
  placement: 'inline' | 'corner' = 'inline';
  /** Whether the dialog is open (read it; use show() and hide() to change it). */
  open = false;
  /** The page's language, followed live, as the survey does. */
  private readonly locale = new LocaleController(this);
  /** The survey was dismissed or submitted since it was last opened: it starts afresh next time. */
  private used = false;
  private readonly onDismiss = () => {
    this.used = true;
    this.hide();
  };
  private readonly onSubmit = () => {
    this.used = true;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    void this.locale.load();
    // The survey inside asks to go away (No thanks, Close after the thank-you): close the dialog.
    this.addEventListener('cx-dismiss', this.onDismiss);
    this.addEventListener('cx-submit', this.onSubmit);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('cx-dismiss', this.onDismiss);
    this.removeEventListener('cx-submit', this.onSubmit);
  }

  private get dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  /** Opens the dialog and puts focus in the survey. */
  async show(): Promise<void> {
    await this.updateComplete;
    if (this.dialog.open) return;
    const survey = this.querySelector<CxSurvey>('cx-survey');
    // A survey dismissed or submitted earlier starts afresh.
    if (this.used) survey?.reset();
    this.used = false;
    this.dialog.showModal();
    this.open = true;
    emit(this, 'cx-open', {});
    await survey?.updateComplete;
    survey?.focus();
  }

  /** Closes the dialog; focus returns to the button. */
  hide(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  private onClose(): void {
    this.open = false;
    this.renderRoot.querySelector<HTMLElement>('.open')?.focus();
    emit(this, 'cx-close', {});
  }

  protected override render(): TemplateResult {
    const label = this.label ?? this.locale.tr.msg('button.label');
    return html`
      <button part="button" class="open primary" type="button" aria-haspopup="dialog" @click=${this.show}>${label}</button>
      <dialog part="dialog" aria-label=${label} @close=${this.onClose}>
        <div class="bar">
          <button part="close" class="close secondary" type="button" @click=${this.hide} aria-label=${this.locale.tr.msg('close')}>×</button>
        </div>
        <slot></slot>
      </dialog>
    `;
  }
}
