import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import {
  EMPTY_ANSWERS,
  answerExtra,
  answerQ1,
  answerQ3,
  branchFor,
  buildRecord,
  decodeWindowToken,
  praExpired,
  q1Values,
  resolveConfig,
  toggleDriver,
  type AdditionalQuestion,
  type Answers,
  type ConfigProblem,
  type DriverKey,
  type SurveyConfig,
  type SurveyConfigInput,
} from '@cx-survey/protocol';
import { emit } from '../../internal/events.js';
import { agreementLabel, driverText, q1Text, q2Text } from '../../internal/content.js';
import { enqueue, pageOutbox, registerTransport, requestPersistence } from '../../delivery/browser.js';
import type { OutboxEvent, Transport } from '../../delivery/outbox.js';
import { icon } from './icons.js';
import { styles } from './survey.styles.js';

type Stage = 'survey' | 'thanks' | 'dismissed';
/** What the respondent is told about their submitted answers. */
type Delivery = 'idle' | 'none' | 'sending' | 'saved' | 'saved-memory' | 'sent' | 'failed';

/** Parses the `config` attribute; bad JSON becomes a config problem instead of an exception. */
const jsonConverter = {
  fromAttribute(value: string | null): unknown {
    if (value === null) return undefined;
    try {
      return JSON.parse(value);
    } catch {
      return { __invalidJson: value };
    }
  },
};

/**
 * The OMB Circular A-11 Section 280.14 post-transaction survey on one screen:
 * Q1 trust question, the Q2a or Q2b driver checklist the answer leads to,
 * Q3 free text, optional additional questions and the PRA notice. Every
 * question is optional. Nothing is shown while the configuration is invalid
 * (see `cx-error`) or after the PRA expiration date (see `cx-expire`); a
 * short "survey has closed" message replaces the questions once a window
 * token's window has ended (see `cx-closed`). Submitted records are written
 * to this device first and sent to `endpoint` until the collector takes them.
 *
 * @summary A-11 Section 280 customer-experience survey.
 * @tagname cx-survey
 *
 * @event cx-show - The survey was first rendered with a valid configuration and an unexpired PRA notice; fires again after `reset()`. detail: { service, timestamp }
 * @event cx-answer - A question was answered or changed. detail: { service, question, value, timestamp } where question is "q1", "q2", "q3" or an additional question's id, and value is the Q1 number (thumbs 1 up / 0 down, or 1-5), the ticked driver keys, or the chosen option value(s). For Q3 and text questions detail has `answered: true | false` instead of value, and Q3 fires only when its box changes between blank and not blank: free text is never included.
 * @event cx-submit - The respondent pressed Submit. detail: { service, id, recorded, q1, branch, timestamp }; when nothing was answered, `recorded` is false, `id`, `q1` and `branch` are null and nothing is sent.
 * @event cx-delivery - Delivery of the record this element submitted changed state (reported while the element stays on the page). detail: { service, id, status, durable?, timestamp } where status is 'queued' (written to this device; `durable` is false when it is held in memory only), 'sent' (the collector stored it or already had it), 'retrying' (not delivered yet: it stays queued and is tried again later), 'rejected' (the collector refused it) or 'expired' (not delivered within the grace period); rejected and expired records are kept on the device as dead letters.
 * @event cx-dismiss - The respondent pressed "No thanks" on the survey or "Close" on the thank-you; the element then shows nothing. detail: { service, stage: 'survey' | 'thanks', timestamp }
 * @event cx-expire - The PRA expiration date has passed (in the respondent's local calendar), so the survey is not shown. Fires once per element. detail: { service, controlNumber, expiration, timestamp }
 * @event cx-closed - A window token (the `token` attribute or the page's `cx_token` URL parameter) says the survey window ended before anything was answered, so "This survey has closed." is shown instead of the questions. Fires once per element. detail: { service, expiresAt, timestamp }
 * @event cx-error - Configuration, delivery or storage problem. detail: { service, code: 'config' | 'delivery' | 'storage', message, problems?, timestamp }. 'config': `problems` lists every { path, message } at once (also written to console.error) and the survey is not shown. 'delivery': the record was rejected or expired; `message` is the reason. 'storage': this device could not store the record durably, so it is held in memory only until sent.
 *
 * @csspart base - The survey's outer box.
 * @csspart form - The form holding all questions.
 * @csspart question - Each question's fieldset or field; each also has part q1, q2, q3 or extra.
 * @csspart q1 - The Q1 trust question.
 * @csspart q2 - The Q2a or Q2b driver checklist.
 * @csspart q3 - The Q3 free-text question.
 * @csspart extra - Each additional question.
 * @csspart legend - Each question's wording.
 * @csspart hint - The "select all that apply" hint of Q2 and of multiple-choice additional questions.
 * @csspart option - Each answer choice (label with its control).
 * @csspart textarea - The Q3 text box.
 * @csspart counter - The Q3 characters-left counter.
 * @csspart actions - The row of buttons.
 * @csspart submit - The submit button.
 * @csspart dismiss - The dismiss and close buttons.
 * @csspart pra - The Paperwork Reduction Act notice.
 * @csspart thanks - The thank-you panel.
 * @csspart status - The delivery status line.
 * @csspart closed - The "survey has closed" message shown after a window token's window has ended.
 *
 * @cssprop [--cx-font-family='Source Sans Pro Web', 'Helvetica Neue', Helvetica, Roboto, Arial, sans-serif] - Font stack.
 * @cssprop [--cx-font-size=1.0625rem] - Base text size.
 * @cssprop [--cx-color-text=#1b1b1b] - Text colour.
 * @cssprop [--cx-color-muted=#565c65] - Hint, counter and PRA text colour.
 * @cssprop [--cx-color-background=#fff] - Survey, choice and text box background.
 * @cssprop [--cx-color-primary=#005ea2] - Buttons, links and selected choices.
 * @cssprop [--cx-color-primary-dark=#1a4480] - Submit button hover.
 * @cssprop [--cx-color-on-primary=#fff] - Text on the submit button.
 * @cssprop [--cx-color-border=#565c65] - Borders of choices and text boxes.
 * @cssprop [--cx-color-border-light=#dfe1e2] - Border of the survey's outer box.
 * @cssprop [--cx-color-selected=#d9e8f6] - Background of a selected choice.
 * @cssprop [--cx-color-focus=#2491ff] - Focus ring.
 * @cssprop [--cx-radius=0.25rem] - Corner radius.
 * @cssprop [--cx-spacing=1rem] - Base spacing unit.
 * @cssprop [--cx-max-width=40rem] - Widest the survey grows.
 */
export class CxSurvey extends LitElement {
  static override styles = styles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: false };

  /** Identifier of the designated service (required): 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit. Recorded with each response. */
  @property({ reflect: true }) service?: string;
  /** The High Impact Service Provider named in Q1 and in {agency} placeholders (required unless q1-wording leaves {agency} out). */
  @property() agency?: string;
  /** "interaction" (default) or "service": the word used in Q1. */
  @property() subject?: string;
  /** Agency's PRA-approved replacement for the Q1 sentence; may contain {agency} and {subject}. */
  @property({ attribute: 'q1-wording' }) q1Wording?: string;
  /** "thumbs" (default) or "five-point". */
  @property() scale?: string;
  /** Five-point scale: lowest rating, 2 to 5, that leads to Q2a (default 5, as section 280.14 says). Checked on either scale; used only on the five-point one. */
  @property({ attribute: 'positive-cut', type: Number }) positiveCut?: number;
  /** "post-interaction" (default), "post-service-journey" or "relational". */
  @property({ attribute: 'survey-type' }) surveyType?: string;
  /** Channel recorded with each response: a lower-case word such as web (default), mobile-app, kiosk, email, sms, phone, in-person. */
  @property() channel?: string;
  /** "statements" (default) or "short": 1-3-word driver labels with icons. */
  @property() labels?: string;
  /** Collector URL (required). Each record is queued on this device, then POSTed there in a JSON array without cookies and retried until the collector acknowledges it. A value that is not an http(s) URL or a path is delivered only through `transport`. */
  @property() endpoint?: string;
  /** Leave out Q3 free text (e.g. channels that cannot take it). When present it wins over `q3: true` in config; `q3: false` in config also leaves Q3 out. */
  @property({ attribute: 'no-q3', type: Boolean }) noQ3 = false;
  /** Longest Q3 answer, in characters, 1 to 5000 (default 1000). */
  @property({ attribute: 'q3-max-length', type: Number }) q3MaxLength?: number;
  /** Office or device location code recorded with each response (kiosks): 1-64 letters, digits, ".", "_" or "-". */
  @property() location?: string;
  /** PRA notice: OMB control number, e.g. 1234-5678. Needs pra-expiration. */
  @property({ attribute: 'pra-control-number' }) praControlNumber?: string;
  /** PRA notice: expiration date, YYYY-MM-DD. The survey still collects on that day; from the next day (respondent's local calendar) it is not shown and cx-expire fires. */
  @property({ attribute: 'pra-expiration' }) praExpiration?: string;
  /** PRA notice: burden statement text. */
  @property({ attribute: 'pra-burden' }) praBurden?: string;
  /** PRA notice: link to the burden statement, an http(s) URL or a path starting with /. Opens in a new window. */
  @property({ attribute: 'pra-burden-url' }) praBurdenUrl?: string;
  /**
   * Fuller settings as an object (or JSON in the attribute): drivers, questions, pra, q3, and any
   * of the above under their camelCase names. Attributes that are set win over the same setting
   * here; the pra-* attributes win key by key over `pra`. See docs/configuration.md.
   * @type {SurveyConfigInput}
   */
  @property({ attribute: 'config', converter: jsonConverter }) config?: SurveyConfigInput;
  /**
   * Signed 48-hour window token from the agency's backend, sent with each record; when unset, the
   * page's `cx_token` URL parameter is used. Not part of `config`. The element only decodes it, to show
   * "This survey has closed." once the window has passed (see cx-closed); the collector verifies it.
   */
  @property() token?: string;
  /**
   * Delivers records through the host's own channel (e.g. a native app bridge) instead of
   * fetch, for this survey's endpoint (and any other survey on the page with the same endpoint).
   * Called as (records, endpoint) and resolves to one { id, outcome: 'delivered' | 'retry' | 'rejected' }
   * per record; throwing means retry them all. Property only, no attribute.
   * @type {Transport}
   */
  @property({ attribute: false }) transport?: Transport;

  @state() private answers: Answers = EMPTY_ANSWERS;
  @state() private stage: Stage = 'survey';
  @state() private delivery: Delivery = 'idle';
  @state() private announcement = '';

  /** The validated configuration with defaults filled in, or undefined while it is invalid. Read it; do not set it. */
  resolvedConfig?: SurveyConfig;
  /** Problems found in the current configuration, each { path, message } (empty when valid). Read it; do not set it. */
  problems: ConfigProblem[] = [];

  private shown = false;
  private expiredReported = false;
  private closedReported = false;
  private counterTimer?: ReturnType<typeof setTimeout>;
  /** The record this survey last submitted, whose delivery the respondent is told about. */
  private submittedId?: string;
  private unsubscribe?: () => void;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** The answers given so far (read-only snapshot): { q1, q2, q3, extra }. Holds the respondent's free text: never send it to analytics. */
  get value(): Answers {
    return this.answers;
  }

  /** Clears every answer and shows the survey afresh, also after it was dismissed (kiosks, tests); cx-show fires again. */
  reset(): void {
    this.answers = EMPTY_ANSWERS;
    this.stage = 'survey';
    this.delivery = 'idle';
    this.announcement = '';
    this.shown = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const configChanged = [...changed.keys()].some((k) => !['answers', 'stage', 'delivery', 'announcement'].includes(k as string));
    if (configChanged || !this.resolvedConfig && !this.problems.length) this.validate();
  }

  private collectInput(): Record<string, unknown> {
    const input: Record<string, unknown> = { ...(this.config ?? {}) };
    if ('__invalidJson' in input) return input;
    const attrs: Record<string, unknown> = {
      service: this.service,
      agency: this.agency,
      subject: this.subject,
      q1Wording: this.q1Wording,
      scale: this.scale,
      positiveCut: this.positiveCut,
      surveyType: this.surveyType,
      channel: this.channel,
      labels: this.labels,
      endpoint: this.endpoint,
      q3MaxLength: this.q3MaxLength,
      location: this.location,
    };
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) input[k] = v;
    if (this.noQ3) input.q3 = false;
    const pra = { controlNumber: this.praControlNumber, expiration: this.praExpiration, burden: this.praBurden, burdenUrl: this.praBurdenUrl };
    if (Object.values(pra).some((v) => v !== undefined && v !== null)) {
      const merged: Record<string, unknown> = { ...((input.pra as object | undefined) ?? {}) };
      for (const [k, v] of Object.entries(pra)) if (v !== undefined && v !== null) merged[k] = v;
      input.pra = merged;
    }
    return input;
  }

  private validate(): void {
    const input = this.collectInput();
    let problems: ConfigProblem[];
    if ('__invalidJson' in input) {
      problems = [{ path: 'config', message: 'the config attribute is not valid JSON' }];
    } else {
      const result = resolveConfig(input);
      problems = result.ok ? [] : result.problems;
      if (result.ok && !result.config.endpoint) problems = [{ path: 'endpoint', message: 'endpoint is required: the collector URL responses are sent to' }];
      if (result.ok && !problems.length) {
        this.resolvedConfig = result.config;
        this.problems = [];
        if (this.transport) registerTransport(result.config.endpoint!, this.transport);
        // Kiosks hold backlogs for days: ask the browser not to evict them.
        if (result.config.channel === 'kiosk') requestPersistence();
        return;
      }
    }
    this.resolvedConfig = undefined;
    this.problems = problems;
    const message = `<cx-survey> is not shown: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`;
    console.error(message, this);
    emit(this, 'cx-error', { service: this.service ?? String(input.service ?? ''), code: 'config', message, problems });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Start the page's outbox now, so a backlog from an earlier visit is sent at once.
    this.unsubscribe = pageOutbox().subscribe((e) => this.onOutbox(e));
  }

  /** The window token: the attribute, else the page's cx_token URL parameter. */
  private windowToken(): string | undefined {
    return this.token || new URLSearchParams(location.search).get('cx_token') || undefined;
  }

  /** True when a window token says the 48-hour window has already closed. */
  private windowClosed(): boolean {
    const token = this.windowToken();
    const decoded = token ? decodeWindowToken(token) : null;
    return !!decoded && decoded.expiresAt.getTime() <= Date.now();
  }

  protected override updated(): void {
    const config = this.resolvedConfig;
    if (!config || this.stage !== 'survey') return;
    if (this.answers === EMPTY_ANSWERS && this.windowClosed()) {
      if (!this.closedReported) {
        this.closedReported = true;
        emit(this, 'cx-closed', { service: config.service, expiresAt: decodeWindowToken(this.windowToken()!)!.expiresAt.toISOString() });
      }
      return;
    }
    if (praExpired(config.pra, new Date())) {
      if (!this.expiredReported) {
        this.expiredReported = true;
        emit(this, 'cx-expire', { service: config.service, controlNumber: config.pra!.controlNumber, expiration: config.pra!.expiration });
      }
      return;
    }
    if (!this.shown) {
      this.shown = true;
      emit(this, 'cx-show', { service: config.service });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.counterTimer);
    this.unsubscribe?.();
  }

  protected override render(): TemplateResult | typeof nothing {
    const config = this.resolvedConfig;
    // The public never sees a half-built survey, nor one whose PRA clearance has lapsed.
    if (!config || this.stage === 'dismissed' || praExpired(config.pra, new Date())) return nothing;
    // A respondent who opens the survey after its 48-hour window is told so; one who started in time may finish.
    const closed = this.stage === 'survey' && this.answers === EMPTY_ANSWERS && this.windowClosed();
    return html`
      <div part="base" class="base">
        ${closed
          ? html`<p part="closed" class="closed">${msg('This survey has closed. Thank you for your interest.', { id: 'closed' })}</p>`
          : this.stage === 'thanks'
            ? this.renderThanks()
            : this.renderForm(config)}
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>
    `;
  }

  private renderForm(config: SurveyConfig): TemplateResult {
    const branch = branchFor(config.scale, this.answers.q1, config.positiveCut);
    return html`
      <form part="form" novalidate @submit=${this.onSubmit}>
        ${this.renderQ1(config)}
        ${branch ? this.renderQ2(config, branch) : nothing}
        ${config.q3 ? this.renderQ3(config) : nothing}
        ${config.questions.map((q) => this.renderExtra(q))}
        <div part="actions" class="actions">
          <button part="submit" class="primary" type="submit">${msg('Submit', { id: 'submit' })}</button>
          <button part="dismiss" class="secondary" type="button" @click=${this.onDismiss}>${msg('No thanks', { id: 'dismiss' })}</button>
        </div>
        ${config.pra ? this.renderPra(config) : nothing}
      </form>
    `;
  }

  private renderQ1(config: SurveyConfig): TemplateResult {
    const five = config.scale === 'five-point';
    return html`
      <fieldset part="question q1" class="q1 ${five ? 'five' : 'thumbs'}">
        <legend part="legend">${q1Text(config)}</legend>
        <div class="choices">
          ${q1Values(config.scale).map((v) => {
            const checked = this.answers.q1 === v;
            const label = five ? agreementLabel(v) : v === 1 ? msg('Agree', { id: 'thumbs.up' }) : msg('Disagree', { id: 'thumbs.down' });
            return html`<label part="option" class="tile ${checked ? 'checked' : ''}">
              <input type="radio" name="q1" .value=${String(v)} .checked=${checked} @change=${() => this.onQ1(v)} />
              ${five ? html`<span class="rating" aria-hidden="true">${v}</span>` : icon('thumb', v === 0)}
              <span class="text">${label}</span>
            </label>`;
          })}
        </div>
      </fieldset>
    `;
  }

  private renderQ2(config: SurveyConfig, branch: 'positive' | 'negative'): TemplateResult {
    return html`
      <fieldset part="question q2" class="q2">
        <legend part="legend">${q2Text(branch)} <span part="hint" class="hint">${msg('(Tap/Select all that apply)', { id: 'q2.hint' })}</span></legend>
        <div class="checks">
          ${config.drivers.map((d) => {
            const checked = this.answers.q2.includes(d.key);
            return html`<label part="option" class="check ${checked ? 'checked' : ''}">
              <input type="checkbox" name="q2" .value=${d.key} .checked=${checked} @change=${(e: Event) => this.onDriver(d.key, (e.target as HTMLInputElement).checked)} />
              ${config.labels === 'short' ? icon(d.key) : nothing}
              <span class="text">${driverText(d, branch, config)}</span>
            </label>`;
          })}
        </div>
      </fieldset>
    `;
  }

  private renderQ3(config: SurveyConfig): TemplateResult {
    const left = config.q3MaxLength - this.answers.q3.length;
    return html`
      <div part="question q3" class="q3">
        <label part="legend" for="q3">${msg('Anything else you want us to know about your experience?', { id: 'q3' })}</label>
        <textarea
          part="textarea"
          id="q3"
          rows="3"
          maxlength=${config.q3MaxLength}
          aria-describedby="q3-count"
          .value=${this.answers.q3}
          @input=${this.onQ3}
        ></textarea>
        <div part="counter" id="q3-count" class="counter">${msg(str`${left} characters left`, { id: 'q3.counter' })}</div>
      </div>
    `;
  }

  private renderExtra(q: AdditionalQuestion): TemplateResult {
    const value = this.answers.extra[q.id];
    if (q.type === 'text') {
      const id = `extra-${q.id}`;
      return html`<div part="question extra" class="extra">
        <label part="legend" for=${id}>${q.label}</label>
        <input id=${id} type="text" maxlength=${q.maxLength ?? 200} .value=${(value as string) ?? ''}
          @input=${(e: Event) => this.onExtra(q.id, (e.target as HTMLInputElement).value, true)} />
      </div>`;
    }
    const multiple = q.type === 'multiple';
    return html`<fieldset part="question extra" class="extra">
      <legend part="legend">${q.label}${multiple ? html` <span part="hint" class="hint">${msg('Select all that apply.', { id: 'extra.hint' })}</span>` : nothing}</legend>
      <div class="checks">
        ${q.options!.map((o) => {
          const checked = multiple ? ((value as string[]) ?? []).includes(o.value) : value === o.value;
          return html`<label part="option" class="check ${checked ? 'checked' : ''}">
            <input type=${multiple ? 'checkbox' : 'radio'} name=${`extra-${q.id}`} .value=${o.value} .checked=${checked}
              @change=${(e: Event) => this.onChoice(q, o.value, (e.target as HTMLInputElement).checked)} />
            <span class="text">${o.label}</span>
          </label>`;
        })}
      </div>
    </fieldset>`;
  }

  private renderPra(config: SurveyConfig): TemplateResult {
    const pra = config.pra!;
    const [y, m, d] = pra.expiration.split('-').map(Number);
    const expires = new Date(y, m - 1, d).toLocaleDateString(this.shownLocale(), { year: 'numeric', month: 'long', day: 'numeric' });
    const number = pra.controlNumber;
    return html`<footer part="pra" class="pra">
      <p>${msg(str`OMB Control No. ${number}. Expires ${expires}.`, { id: 'pra.line' })}</p>
      ${pra.burden ? html`<p>${pra.burden}</p>` : nothing}
      ${pra.burdenUrl ? html`<p><a href=${pra.burdenUrl} target="_blank" rel="noopener">${msg('Paperwork Reduction Act statement', { id: 'pra.link' })}<span class="sr-only"> ${msg('(opens in a new window)', { id: 'newWindow' })}</span></a></p>` : nothing}
    </footer>`;
  }

  private renderThanks(): TemplateResult {
    const status = {
      idle: '',
      none: '',
      ...this.deliveryMessages(),
    }[this.delivery];
    return html`<div part="thanks" class="thanks">
      <h2 tabindex="-1" class="thanks-heading">${msg('Thank you for your feedback.', { id: 'thanks' })}</h2>
      ${status ? html`<p part="status" class="status ${this.delivery}">${status}</p>` : nothing}
      <div part="actions" class="actions">
        <button part="dismiss" class="secondary" type="button" @click=${this.onDismiss}>${msg('Close', { id: 'close' })}</button>
      </div>
    </div>`;
  }

  /** The language the survey is shown in, recorded with the response. */
  private shownLocale(): string {
    return 'en';
  }

  private onQ1(value: number): void {
    const config = this.resolvedConfig!;
    const before = branchFor(config.scale, this.answers.q1, config.positiveCut);
    this.answers = answerQ1(this.answers, value, config);
    const after = branchFor(config.scale, value, config.positiveCut);
    // The checklist appears below without moving focus; say so to screen reader users.
    if (after && after !== before) this.announcement = msg(str`A follow-up question appeared below: ${q2Text(after)}`, { id: 'q2.appeared' });
    emit(this, 'cx-answer', { service: config.service, question: 'q1', value });
  }

  private onDriver(key: DriverKey, on: boolean): void {
    this.answers = toggleDriver(this.answers, key, on);
    emit(this, 'cx-answer', { service: this.resolvedConfig!.service, question: 'q2', value: this.answers.q2 });
  }

  private onQ3(e: Event): void {
    const text = (e.target as HTMLTextAreaElement).value;
    const wasBlank = this.answers.q3.trim() === '';
    this.answers = answerQ3(this.answers, text);
    if (wasBlank !== (text.trim() === '')) emit(this, 'cx-answer', { service: this.resolvedConfig!.service, question: 'q3', answered: text.trim() !== '' });
    // Announce the count once typing pauses, not on every keystroke.
    clearTimeout(this.counterTimer);
    this.counterTimer = setTimeout(() => {
      const left = this.resolvedConfig!.q3MaxLength - this.answers.q3.length;
      this.announcement = msg(str`${left} characters left`, { id: 'q3.counter' });
    }, 1000);
  }

  private onExtra(id: string, value: string | string[], text = false): void {
    this.answers = answerExtra(this.answers, id, value);
    const detail = text ? { answered: (value as string).trim() !== '' } : { value };
    emit(this, 'cx-answer', { service: this.resolvedConfig!.service, question: id, ...detail });
  }

  private onChoice(q: AdditionalQuestion, option: string, on: boolean): void {
    if (q.type === 'single') return this.onExtra(q.id, on ? option : '');
    const current = (this.answers.extra[q.id] as string[] | undefined) ?? [];
    const next = on ? [...current.filter((v) => v !== option), option] : current.filter((v) => v !== option);
    this.onExtra(q.id, next);
  }

  private deliveryMessages() {
    return {
      sending: msg('Sending your feedback…', { id: 'status.sending' }),
      saved: msg('Your feedback is saved on this device and will be sent when you are back online.', { id: 'status.saved' }),
      'saved-memory': msg('Your feedback will be sent when you are back online, if this page stays open.', { id: 'status.savedMemory' }),
      sent: msg('Your feedback was sent.', { id: 'status.sent' }),
      failed: msg('Your feedback could not be sent.', { id: 'status.failed' }),
    };
  }

  private setDelivery(status: Exclude<Delivery, 'idle' | 'none'>): void {
    if (this.delivery === status) return;
    this.delivery = status;
    // Every change is announced politely, once.
    this.announcement = this.deliveryMessages()[status];
  }

  private async onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const config = this.resolvedConfig!;
    const record = buildRecord(config, this.answers, { locale: this.shownLocale(), pagePath: location.pathname, token: this.windowToken() });
    this.submittedId = record?.id;
    emit(this, 'cx-submit', { service: config.service, id: record?.id ?? null, recorded: !!record, q1: record?.q1 ?? null, branch: record?.branch ?? null });
    let durable = false;
    // Write-ahead: the record is on this device before the respondent is thanked.
    if (record) ({ durable } = await enqueue(record, config.endpoint!));
    // Nothing of the respondent stays on screen once submitted.
    this.answers = EMPTY_ANSWERS;
    this.stage = 'thanks';
    this.delivery = record ? (this.delivery === 'sent' ? 'sent' : 'sending') : 'none';
    this.announcement = '';
    if (record && !durable) emit(this, 'cx-error', { service: config.service, code: 'storage', message: 'this response is kept in memory only until it is sent' });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.thanks-heading')?.focus();
  }

  /** Follows the delivery of this survey's own record, and tells the page. */
  private onOutbox(e: OutboxEvent): void {
    if (!this.submittedId || e.id !== this.submittedId) return;
    const service = this.resolvedConfig?.service ?? '';
    switch (e.type) {
      case 'queued':
        emit(this, 'cx-delivery', { service, id: e.id, status: 'queued', durable: e.durable });
        return;
      case 'sent':
        this.setDelivery('sent');
        break;
      case 'retrying':
        this.setDelivery(pageOutbox().durable ? 'saved' : 'saved-memory');
        break;
      default:
        this.setDelivery('failed');
        emit(this, 'cx-error', { service, code: 'delivery', message: `${e.letter.code}: ${e.letter.message}` });
    }
    const retry = e.type === 'retrying' ? { attempts: e.attempts, nextAttemptAt: new Date(e.nextAt).toISOString() } : {};
    emit(this, 'cx-delivery', { service, id: e.id, status: e.type, ...retry });
  }

  private onDismiss(): void {
    const stage = this.stage;
    this.answers = EMPTY_ANSWERS;
    this.stage = 'dismissed';
    emit(this, 'cx-dismiss', { service: this.resolvedConfig!.service, stage });
  }
}
