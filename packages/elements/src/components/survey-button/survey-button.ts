import { LitElement, html, type TemplateResult } from 'lit';
import { Translator, loadTemplates } from '../../internal/localize.js';
import { resolveLocale } from '../../internal/locales.js';
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
 * @event cx-open - The dialog opened. detail: { timestamp }
 * @event cx-close - The dialog closed. detail: { timestamp }
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
    tr: { state: true },
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
  private tr = new Translator('en');

  override connectedCallback(): void {
    super.connectedCallback();
    const locale = resolveLocale([this.lang, document.documentElement.lang, ...(navigator.languages ?? [])]);
    void loadTemplates(locale).then((templates) => (this.tr = new Translator(locale, templates)));
    // The survey inside asks to go away (No thanks, Close after the thank-you): close the dialog.
    this.addEventListener('cx-dismiss', () => this.hide());
  }

  private get dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  /** Opens the dialog and puts focus in the survey. */
  async show(): Promise<void> {
    await this.updateComplete;
    if (this.dialog.open) return;
    const survey = this.querySelector<HTMLElement & { reset?: () => void; value?: { q1: unknown } }>('cx-survey');
    // A survey dismissed or submitted earlier starts afresh.
    if (survey?.reset && !survey.shadowRoot?.querySelector('form')) survey.reset();
    this.dialog.showModal();
    this.open = true;
    this.dispatchEvent(new CustomEvent('cx-open', { bubbles: true, composed: true, detail: { timestamp: new Date().toISOString() } }));
    await (survey as unknown as LitElement | null)?.updateComplete;
    survey?.shadowRoot?.querySelector<HTMLElement>('input, button')?.focus();
  }

  /** Closes the dialog; focus returns to the button. */
  hide(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  private onClose(): void {
    this.open = false;
    this.renderRoot.querySelector<HTMLElement>('.open')?.focus();
    this.dispatchEvent(new CustomEvent('cx-close', { bubbles: true, composed: true, detail: { timestamp: new Date().toISOString() } }));
  }

  protected override render(): TemplateResult {
    const label = this.label ?? this.tr.msg('Give feedback', 'button.label');
    return html`
      <button part="button" class="open primary" type="button" aria-haspopup="dialog" @click=${this.show}>${label}</button>
      <dialog part="dialog" aria-label=${label} @close=${this.onClose}>
        <div class="bar">
          <button part="close" class="close secondary" type="button" @click=${this.hide} aria-label=${this.tr.msg('Close', 'close')}>×</button>
        </div>
        <slot></slot>
      </dialog>
    `;
  }
}
