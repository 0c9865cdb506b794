import { LitElement, html, type TemplateResult } from 'lit';
import { LocaleController } from '../../controllers/locale.js';
import { emit } from '../../events/base.js';
import { isRtl } from '../../internal/locales.js';
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
 * @cssprop [--cx-color-scheme=light] - The dialog's scheme: `dark` together with a dark palette.
 * @cssprop [--cx-radius=0.25rem] - Corner radius of the button and the dialog.
 * @cssprop [--cx-color-background=#fff] - The dialog's background.
 */
export class CxSurveyButton extends LitElement {
  static override styles = styles;
  static override properties = {
    label: {},
    placement: { reflect: true },
    open: { type: Boolean, reflect: true },
    unavailable: { state: true },
  };

  /** The button's text (default "Give feedback", in the page's language). Also the dialog's accessible name. */
  label?: string;
  /**
   * "inline" (default): a button in the page's flow. "corner": fixed at the bottom corner on
   * screens at least 48em wide, respecting safe-area insets; in the flow on narrower screens, so
   * it never covers a phone's content. Whatever gets focus on the page is scrolled out from under
   * it, or, at the end of the page, the button moves to the top corner meanwhile (WCAG 2.4.11).
   */
  placement: 'inline' | 'corner' = 'inline';
  /** Whether the dialog is open (read it; use show() and hide() to change it). */
  open = false;
  /** The page's language, followed live, as the survey does. */
  private readonly locale = new LocaleController(this);
  /** The survey was dismissed or submitted since it was last opened: it starts afresh next time. */
  private used = false;
  /**
   * The survey shows nothing (a configuration problem, an expired PRA clearance): the button is
   * hidden rather than open an empty dialog. Learnt from the survey's events; cx-show lifts it.
   */
  private unavailable = false;
  private readonly onAvailability = (e: Event) => {
    const { type, detail } = e as CustomEvent<{ code?: string }>;
    if (type === 'cx-show') this.unavailable = false;
    else if (type === 'cx-expire' || detail.code === 'config') {
      this.unavailable = true;
      this.hide();
    }
  };
  private readonly onDismiss = () => {
    this.used = true;
    this.hide();
  };
  private readonly onSubmit = () => {
    this.used = true;
  };

  /** Corner placement: whatever gets focus on the page is kept out from under the floating button (WCAG 2.4.11). */
  private readonly onPageFocus = (e: FocusEvent) => {
    const target = e.composedPath()[0] as Element;
    if (this.placement === 'corner' && !this.contains(target)) requestAnimationFrame(() => this.keepClear(target));
  };

  private keepClear(target: Element): void {
    const button = this.renderRoot.querySelector<HTMLElement>('.open');
    if (!button || !target.isConnected) return;
    button.classList.remove('raised');
    if (getComputedStyle(button).position !== 'fixed') return;
    const overlap = () => {
      const b = button.getBoundingClientRect();
      const t = target.getBoundingClientRect();
      return t.bottom > b.top && t.top < b.bottom && t.right > b.left && t.left < b.right ? t.bottom - b.top : 0;
    };
    const by = overlap();
    if (!by) return;
    // Scroll the focused element up above the button; at the end of the page, where that cannot
    // be done, the button moves to the top corner while it is needed there.
    scrollBy(0, by + 8);
    if (overlap()) button.classList.add('raised');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('focusin', this.onPageFocus);
    void this.locale.load();
    // The survey inside asks to go away (No thanks, Close after the thank-you): close the dialog.
    this.addEventListener('cx-dismiss', this.onDismiss);
    this.addEventListener('cx-submit', this.onSubmit);
    for (const type of ['cx-show', 'cx-expire', 'cx-error']) this.addEventListener(type, this.onAvailability);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('focusin', this.onPageFocus);
    this.removeEventListener('cx-dismiss', this.onDismiss);
    this.removeEventListener('cx-submit', this.onSubmit);
    for (const type of ['cx-show', 'cx-expire', 'cx-error']) this.removeEventListener(type, this.onAvailability);
  }

  private get dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  /** Opens the dialog and puts focus in the survey; does nothing while the survey cannot be shown. */
  async show(): Promise<void> {
    await this.updateComplete;
    if (this.dialog.open || this.unavailable) return;
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
      <button part="button" class="open primary" type="button" aria-haspopup="dialog" ?hidden=${this.unavailable} @click=${this.show}>${label}</button>
      <dialog part="dialog" aria-label=${label} lang=${this.locale.tr.locale} dir=${isRtl(this.locale.tr.locale) ? 'rtl' : 'ltr'} @close=${this.onClose}>
        <div class="bar">
          <button part="close" class="close secondary" type="button" @click=${this.hide} aria-label=${this.locale.tr.msg('close')}>×</button>
        </div>
        <slot></slot>
      </dialog>
    `;
  }
}
