import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { str } from '@lit/localize';
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
import { agreementLabel, driverText, optionLabel, q1Text, q2Text, q3Text, questionLabel } from '../../internal/content.js';
import { loadAgencyWording, loadTemplates, Translator } from '../../internal/localize.js';
import { isRtl, resolveLocale } from '../../internal/locales.js';
import { loadDelivery, onDeliveryLoaded, queueRecord } from '../../delivery/load.js';
import type { OutboxEvent, Transport } from '../../delivery/outbox.js';
import { icon } from './icons.js';
import { KioskController } from './kiosk.js';
import { styles } from './survey.styles.js';

type Stage = 'start' | 'survey' | 'thanks' | 'dismissed';
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
 * @event cx-delivery - Delivery of the record this element submitted changed state (reported while the element stays on the page). detail: { service, id, status, durable?, timestamp } where status is 'queued' (written to this device; `durable` is false when it is held in memory only), 'sent' (the collector stored it or already had it), 'retrying' (not delivered yet: it stays queued and is tried again later; detail also has `attempts` and `nextAttemptAt`), 'rejected' (the collector refused it) or 'expired' (not delivered within the grace period); rejected and expired records are kept on the device as dead letters.
 * @event cx-dismiss - The respondent pressed "No thanks" on the survey or "Close" on the thank-you; the element then shows nothing. detail: { service, stage: 'survey' | 'thanks', timestamp }
 * @event cx-expire - The PRA expiration date has passed (in the respondent's local calendar), so the survey is not shown. Fires once per element. detail: { service, controlNumber, expiration, timestamp }
 * @event cx-closed - A window token (the `token` attribute or the page's `cx_token` URL parameter) says the survey window ended before anything was answered, so "This survey has closed." is shown instead of the questions. Fires once per element. detail: { service, expiresAt, timestamp }
 * @event cx-error - Configuration, delivery or storage problem. detail: { service, code: 'config' | 'delivery' | 'storage' | 'locale', message, problems?, timestamp }. 'config': `problems` lists every { path, message } at once (also written to console.error) and the survey is not shown. 'delivery': the record was rejected or expired; `message` is the reason. 'storage': this device could not store the record durably, so it is held in memory only until sent. 'locale': the respondent's language could not be loaded, so the survey is shown in English.
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
 * @csspart start - Kiosk: the start screen.
 * @csspart languages - The language picker (with the `languages` attribute).
 * @csspart backlog - Kiosk: the count, for staff, of responses waiting to be sent.
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
  /** Lit's reactive properties; attributes are kebab-case as documented on each field below. */
  static override properties = {
    service: { reflect: true },
    agency: {},
    subject: {},
    q1Wording: { attribute: 'q1-wording' },
    scale: {},
    positiveCut: { attribute: 'positive-cut', type: Number },
    surveyType: { attribute: 'survey-type' },
    channel: {},
    labels: {},
    endpoint: {},
    languages: {},
    noQ3: { attribute: 'no-q3', type: Boolean },
    q3MaxLength: { attribute: 'q3-max-length', type: Number },
    location: {},
    praControlNumber: { attribute: 'pra-control-number' },
    praExpiration: { attribute: 'pra-expiration' },
    praBurden: { attribute: 'pra-burden' },
    praBurdenUrl: { attribute: 'pra-burden-url' },
    config: { attribute: 'config', converter: jsonConverter },
    token: {},
    transport: { attribute: false },
    kiosk: { type: Boolean, reflect: true },
    resetAfter: { attribute: 'reset-after', type: Number },
    idleAfter: { attribute: 'idle-after', type: Number },
    answers: { state: true },
    stage: { state: true },
    delivery: { state: true },
    announcement: { state: true },
    tr: { state: true },
    picked: { state: true },
    localeReady: { state: true },
  };

  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: false };

  /** Identifier of the designated service (required): 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit. Recorded with each response. */
  service?: string;
  /** The High Impact Service Provider named in Q1 and in {agency} placeholders (required unless q1-wording leaves {agency} out). */
  agency?: string;
  /** "interaction" (default) or "service": the word used in Q1. */
  subject?: string;
  /** Agency's PRA-approved replacement for the Q1 sentence; may contain {agency} and {subject}. */
  q1Wording?: string;
  /** "thumbs" (default) or "five-point". */
  scale?: string;
  /** Five-point scale: lowest rating, 2 to 5, that leads to Q2a (default 5, as section 280.14 says). Checked on either scale; used only on the five-point one. */
  positiveCut?: number;
  /** "post-interaction" (default), "post-service-journey" or "relational". */
  surveyType?: string;
  /** Channel recorded with each response: a lower-case word such as web (default), mobile-app, kiosk, email, sms, phone, in-person. */
  channel?: string;
  /** "statements" (default) or "short": 1-3-word driver labels with icons. */
  labels?: string;
  /** Collector URL (required). Each record is queued on this device, then POSTed there in a JSON array without cookies and retried until the collector acknowledges it. A value that is not an http(s) URL or a path is delivered only through `transport`. */
  endpoint?: string;
  /**
   * Languages a respondent may choose from (space-separated tags, e.g. "en es zh-Hant ar"):
   * shows a language picker, as a kiosk needs. Without it the language follows `lang`,
   * the page's <html lang> and the browser.
   */
  languages?: string;
  /** Leave out Q3 free text (e.g. channels that cannot take it). When present it wins over `q3: true` in config; `q3: false` in config also leaves Q3 out. */
  noQ3 = false;
  /** Longest Q3 answer, in characters, 1 to 5000 (default 1000). */
  q3MaxLength?: number;
  /** Office or device location code recorded with each response (kiosks): 1-64 letters, digits, ".", "_" or "-". */
  location?: string;
  /** PRA notice: OMB control number, e.g. 1234-5678. Needs pra-expiration. */
  praControlNumber?: string;
  /** PRA notice: expiration date, YYYY-MM-DD. The survey still collects on that day; from the next day (respondent's local calendar) it is not shown and cx-expire fires. */
  praExpiration?: string;
  /** PRA notice: burden statement text. */
  praBurden?: string;
  /** PRA notice: link to the burden statement, an http(s) URL or a path starting with /. Opens in a new window. */
  praBurdenUrl?: string;
  /**
   * Fuller settings as an object (or JSON in the attribute): drivers, questions, pra, q3, and any
   * of the above under their camelCase names. Attributes that are set win over the same setting
   * here; the pra-* attributes win key by key over `pra`. See docs/configuration.md.
   * @type {SurveyConfigInput}
   */
  config?: SurveyConfigInput;
  /**
   * Signed 48-hour window token from the agency's backend, sent with each record; when unset, the
   * page's `cx_token` URL parameter is used. Not part of `config`. The element only decodes it, to show
   * "This survey has closed." once the window has passed (see cx-closed); the collector verifies it.
   */
  token?: string;
  /**
   * Delivers records through the host's own channel (e.g. a native app bridge) instead of
   * fetch, for this survey's endpoint (and any other survey on the page with the same endpoint).
   * Called as (records, endpoint) and resolves to one { id, outcome: 'delivered' | 'retry' | 'rejected' }
   * per record; throwing means retry them all. Property only, no attribute.
   * @type {Transport}
   */
  transport?: Transport;

  private answers: Answers = EMPTY_ANSWERS;
  private stage: Stage = 'survey';
  private delivery: Delivery = 'idle';
  private announcement = '';

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
  /** Whether this survey's last record is on disk (false: in this page's memory only). */
  private submittedDurable = false;

  /** Messages in the language shown; English until another language has loaded. */
  private tr = new Translator('en');
  /** The language a respondent picked in the language picker, if any. */
  private picked?: string;
  private htmlLangObserver?: MutationObserver;
  private localeRequest = 0;
  /** False until the first language has loaded: the survey is not shown half in English. */
  private localeReady = false;

  /**
   * Kiosk mode for shared tablets: a start screen, large targets, a return to the start
   * screen after the thank-you and after inactivity (wiping every answer), and a discreet
   * count of responses waiting to be sent. Records channel "kiosk" unless `channel` says otherwise.
   */
  kiosk = false;
  /** Kiosk: seconds the thank-you stays before the start screen returns (default 10). */
  resetAfter = 10;
  /** Kiosk: seconds without a touch or key before answers are wiped and the start screen returns (default 90). */
  idleAfter = 90;

  private kioskControl = new KioskController(this, () => ({ enabled: this.kiosk, resetAfter: this.resetAfter, idleAfter: this.idleAfter }));

  /** Kiosk: wipes every answer and shows the start screen for the next respondent. */
  restart(): void {
    this.kioskControl.stop();
    this.reset();
  }

  /** The answers given so far (read-only snapshot): { q1, q2, q3, extra }. Holds the respondent's free text: never send it to analytics. */
  get value(): Answers {
    return this.answers;
  }

  /** Clears every answer and shows the survey afresh, also after it was dismissed (kiosks, tests); cx-show fires again. */
  reset(): void {
    this.answers = EMPTY_ANSWERS;
    this.stage = this.kiosk ? 'start' : 'survey';
    this.picked = undefined;
    this.delivery = 'idle';
    this.announcement = '';
    this.shown = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const internal = ['answers', 'stage', 'delivery', 'announcement', 'tr', 'picked', 'localeReady'];
    const configChanged = [...changed.keys()].some((k) => !internal.includes(k as string));
    if (configChanged || (!this.resolvedConfig && !this.problems.length)) this.validate();
    // A kiosk opens on its start screen.
    if (changed.has('kiosk' as keyof CxSurvey) && this.kiosk && this.stage === 'survey' && this.answers === EMPTY_ANSWERS) this.stage = 'start';
    if (!this.hasUpdated || changed.has('picked' as keyof CxSurvey) || changed.has('config')) void this.updateLocale();
  }

  static override get observedAttributes(): string[] {
    // `lang` is a global attribute, not a Lit property: watch it too.
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && this.isConnected) void this.updateLocale();
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
    if (this.kiosk && input.channel === undefined) input.channel = 'kiosk';
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
      else if (result.ok && !this.transport && !/^(https?:\/\/|\/|\.)/.test(result.config.endpoint!))
        problems = [{ path: 'endpoint', message: 'endpoint must be an http(s) URL or a path starting with / or . (or set a transport)' }];
      if (result.ok && !problems.length) {
        this.resolvedConfig = result.config;
        this.problems = [];
        const { endpoint, channel } = result.config;
        const transport = this.transport;
        void loadDelivery().then((d) => {
          if (transport) d.registerTransport(endpoint!, transport);
          // Kiosks hold backlogs for days: ask the browser not to evict them.
          if (channel === 'kiosk') d.requestPersistence();
        }, () => {});
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
    onDeliveryLoaded((d) => {
      if (this.isConnected && !this.unsubscribe) this.unsubscribe = d.pageOutbox().subscribe((e) => this.onOutbox(e));
    });
    // Follow the page's language live (a site's own language switcher changes <html lang>).
    this.htmlLangObserver = new MutationObserver(() => void this.updateLocale());
    this.htmlLangObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    // On first connection the language loads once the configuration is read (willUpdate).
    if (this.hasUpdated) void this.updateLocale();
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
    // Nothing is on screen until the language has loaded.
    if (!config || !this.localeReady || this.stage !== 'survey') return;
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
    this.unsubscribe = undefined;
    this.htmlLangObserver?.disconnect();
  }

  protected override render(): TemplateResult | typeof nothing {
    const config = this.resolvedConfig;
    // The public never sees a half-built survey, nor one whose PRA clearance has lapsed.
    if (!config || !this.localeReady || this.stage === 'dismissed' || praExpired(config.pra, new Date())) return nothing;
    // A respondent who opens the survey after its 48-hour window is told so; one who started in time may finish.
    const closed = this.stage === 'survey' && this.answers === EMPTY_ANSWERS && this.windowClosed();
    return html`
      <div part="base" class="base" lang=${this.tr.locale} dir=${isRtl(this.tr.locale) ? 'rtl' : 'ltr'}>
        ${this.pickerLocales().length > 1 ? this.renderPicker() : nothing}
        ${closed
          ? html`<p part="closed" class="closed">${this.tr.msg('This survey has closed. Thank you for your interest.', 'closed')}</p>`
          : this.stage === 'thanks'
            ? this.renderThanks()
            : this.stage === 'start'
              ? this.renderStart()
              : this.renderForm(config)}
        ${this.kiosk && this.kioskControl.waiting
          ? html`<p part="backlog" class="backlog">${this.tr.msg(str`Waiting to be sent: ${this.kioskControl.waiting}`, 'kiosk.waiting')}</p>`
          : nothing}
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
          <button part="submit" class="primary" type="submit">${this.tr.msg('Submit', 'submit')}</button>
          <button part="dismiss" class="secondary" type="button" @click=${this.onDismiss}>${this.tr.msg('No thanks', 'dismiss')}</button>
        </div>
        ${config.pra ? this.renderPra(config) : nothing}
      </form>
    `;
  }

  private renderQ1(config: SurveyConfig): TemplateResult {
    const five = config.scale === 'five-point';
    return html`
      <fieldset part="question q1" class="q1 ${five ? 'five' : 'thumbs'}">
        <legend part="legend">${q1Text(config, this.tr)}</legend>
        <div class="choices">
          ${q1Values(config.scale).map((v) => {
            const checked = this.answers.q1 === v;
            const label = five ? agreementLabel(v, this.tr) : v === 1 ? this.tr.msg('Agree', 'thumbs.up') : this.tr.msg('Disagree', 'thumbs.down');
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
        <legend part="legend">${q2Text(branch, config, this.tr)} <span part="hint" class="hint">${this.tr.msg('(Tap/Select all that apply)', 'q2.hint')}</span></legend>
        <div class="checks">
          ${config.drivers.map((d) => {
            const checked = this.answers.q2.includes(d.key);
            return html`<label part="option" class="check ${checked ? 'checked' : ''}">
              <input type="checkbox" name="q2" .value=${d.key} .checked=${checked} @change=${(e: Event) => this.onDriver(d.key, (e.target as HTMLInputElement).checked)} />
              ${config.labels === 'short' ? icon(d.key) : nothing}
              <span class="text">${driverText(d, branch, config, this.tr)}</span>
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
        <label part="legend" for="q3">${q3Text(config, this.tr)}</label>
        <textarea
          part="textarea"
          id="q3"
          rows="3"
          maxlength=${config.q3MaxLength}
          aria-describedby="q3-count"
          .value=${this.answers.q3}
          @input=${this.onQ3}
        ></textarea>
        <div part="counter" id="q3-count" class="counter">${this.tr.msg(str`${left} characters left`, 'q3.counter')}</div>
      </div>
    `;
  }

  private renderExtra(q: AdditionalQuestion): TemplateResult {
    const value = this.answers.extra[q.id];
    if (q.type === 'text') {
      const id = `extra-${q.id}`;
      return html`<div part="question extra" class="extra">
        <label part="legend" for=${id}>${questionLabel(q, this.resolvedConfig!, this.tr)}</label>
        <input id=${id} type="text" maxlength=${q.maxLength ?? 200} .value=${(value as string) ?? ''}
          @input=${(e: Event) => this.onExtra(q.id, (e.target as HTMLInputElement).value, true)} />
      </div>`;
    }
    const multiple = q.type === 'multiple';
    return html`<fieldset part="question extra" class="extra">
      <legend part="legend">${questionLabel(q, this.resolvedConfig!, this.tr)}${multiple ? html` <span part="hint" class="hint">${this.tr.msg('Select all that apply.', 'extra.hint')}</span>` : nothing}</legend>
      <div class="checks">
        ${q.options!.map((o) => {
          const checked = multiple ? ((value as string[]) ?? []).includes(o.value) : value === o.value;
          return html`<label part="option" class="check ${checked ? 'checked' : ''}">
            <input type=${multiple ? 'checkbox' : 'radio'} name=${`extra-${q.id}`} .value=${o.value} .checked=${checked}
              @change=${(e: Event) => this.onChoice(q, o.value, (e.target as HTMLInputElement).checked)} />
            <span class="text">${optionLabel(q, o, this.resolvedConfig!, this.tr)}</span>
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
    // A div, not a footer: inside the page a footer would be a second contentinfo landmark.
    return html`<div part="pra" class="pra">
      <p>${this.tr.msg(str`OMB Control No. ${number}. Expires ${expires}.`, 'pra.line')}</p>
      ${pra.burden ? html`<p>${pra.burden}</p>` : nothing}
      ${pra.burdenUrl ? html`<p><a href=${pra.burdenUrl} target="_blank" rel="noopener">${this.tr.msg('Paperwork Reduction Act statement', 'pra.link')}<span class="sr-only"> ${this.tr.msg('(opens in a new window)', 'newWindow')}</span></a></p>` : nothing}
    </div>`;
  }

  private renderStart(): TemplateResult {
    return html`<div part="start" class="start">
      <p class="start-title">${this.tr.msg('Tell us about your visit today.', 'kiosk.title')}</p>
      <button part="submit" class="primary" type="button" @click=${this.onStart}>${this.tr.msg('Start', 'kiosk.start')}</button>
    </div>`;
  }

  private async onStart(): Promise<void> {
    this.stage = 'survey';
    this.kioskControl.armIdle();
    await this.updateComplete;
    // The start button is gone: put focus on the first question rather than lose it.
    this.renderRoot.querySelector<HTMLElement>('input[name=q1]')?.focus();
  }

  private renderPicker(): TemplateResult {
    const name = (tag: string) => {
      try {
        // Each language named in itself, so a respondent finds their own.
        return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
      } catch {
        return tag;
      }
    };
    return html`<div part="languages" class="languages">
      <label for="language">${this.tr.msg('Language', 'language')}</label>
      <select id="language" @change=${(e: Event) => (this.picked = (e.target as HTMLSelectElement).value)}>
        ${this.pickerLocales().map((l) => html`<option value=${l} lang=${l} ?selected=${l === this.tr.locale}>${name(l)}</option>`)}
      </select>
    </div>`;
  }

  private renderThanks(): TemplateResult {
    const status = {
      idle: '',
      none: '',
      ...this.deliveryMessages(),
    }[this.delivery];
    return html`<div part="thanks" class="thanks">
      <h2 tabindex="-1" class="thanks-heading">${this.tr.msg('Thank you for your feedback.', 'thanks')}</h2>
      ${status ? html`<p part="status" class="status ${this.delivery}">${status}</p>` : nothing}
      <div part="actions" class="actions">
        <button part="dismiss" class="secondary" type="button" @click=${this.onDismiss}>${this.tr.msg('Close', 'close')}</button>
      </div>
    </div>`;
  }

  /** The language the survey is shown in, recorded with the response. */
  private shownLocale(): string {
    return this.tr.locale;
  }

  /** Languages offered in the picker: those the `languages` attribute lists that the survey speaks. */
  private pickerLocales(): string[] {
    const listed = (this.languages ?? '').split(/[\s,]+/).filter(Boolean);
    return listed.map((l) => resolveLocale([l])).filter((l, i, all) => all.indexOf(l) === i);
  }

  /**
   * The language to show: the respondent's pick, else the element's lang, else
   * the page's <html lang>, else the browser's languages; es-US → es → en.
   */
  private wantedLocale(): string {
    return resolveLocale([this.picked, this.lang, document.documentElement.lang, ...(navigator.languages ?? [navigator.language])]);
  }

  /** Loads the wanted language (and the agency's wording for it), then shows it. Answers are kept. */
  private async updateLocale(): Promise<void> {
    const locale = this.wantedLocale();
    const wording = this.resolvedConfig?.wording;
    const request = ++this.localeRequest;
    const [templates, agency] = await Promise.all([
      // A language that cannot be loaded (a network blip) falls back to English rather than hide the survey.
      loadTemplates(locale).catch((err) => {
        console.error(`<cx-survey>: the ${locale} messages could not be loaded; showing English`, err);
        emit(this, 'cx-error', { service: this.resolvedConfig?.service ?? '', code: 'locale', message: `${locale} messages could not be loaded` });
        return undefined;
      }),
      wording
        ? loadAgencyWording(wording, locale).catch((err) => {
            console.error('<cx-survey>: agency wording could not be loaded', err);
            return undefined;
          })
        : undefined,
    ]);
    // A later request (a quicker second switch) wins.
    if (request !== this.localeRequest) return;
    this.tr = new Translator(templates ? locale : 'en', templates, agency);
    this.localeReady = true;
  }

  private onQ1(value: number): void {
    const config = this.resolvedConfig!;
    const before = branchFor(config.scale, this.answers.q1, config.positiveCut);
    this.answers = answerQ1(this.answers, value, config);
    const after = branchFor(config.scale, value, config.positiveCut);
    // The checklist appears below without moving focus; say so to screen reader users.
    if (after && after !== before) this.announcement = this.tr.msg(str`A follow-up question appeared below: ${q2Text(after, config, this.tr)}`, 'q2.appeared');
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
      this.announcement = this.tr.msg(str`${left} characters left`, 'q3.counter');
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
      sending: this.tr.msg('Sending your feedback…', 'status.sending'),
      saved: this.tr.msg('Your feedback is saved on this device and will be sent when you are back online.', 'status.saved'),
      'saved-memory': this.tr.msg('Your feedback will be sent when you are back online, if this page stays open.', 'status.savedMemory'),
      sent: this.tr.msg('Your feedback was sent.', 'status.sent'),
      failed: this.tr.msg('Your feedback could not be sent.', 'status.failed'),
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
    // The window closed while the respondent was answering: the collector would refuse the record.
    if (this.windowClosed()) {
      this.answers = EMPTY_ANSWERS;
      this.closedReported = false;
      return;
    }
    const record = buildRecord(config, this.answers, { locale: this.shownLocale(), pagePath: location.pathname, token: this.windowToken() });
    this.submittedId = record?.id;
    emit(this, 'cx-submit', { service: config.service, id: record?.id ?? null, recorded: !!record, q1: record?.q1 ?? null, branch: record?.branch ?? null });
    let durable = false;
    // Write-ahead: the record is on this device before the respondent is thanked.
    if (record) ({ durable } = await queueRecord(record, config.endpoint!));
    this.submittedDurable = durable;
    // Nothing of the respondent stays on screen once submitted.
    this.answers = EMPTY_ANSWERS;
    this.stage = 'thanks';
    this.delivery = record ? (this.delivery === 'sent' ? 'sent' : 'sending') : 'none';
    this.announcement = '';
    if (record && !durable) emit(this, 'cx-error', { service: config.service, code: 'storage', message: 'this response is kept in memory only until it is sent' });
    this.kioskControl.thanked();
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
        this.setDelivery(this.submittedDurable ? 'saved' : 'saved-memory');
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
    // A kiosk is never dismissed: the next respondent gets the start screen.
    if (this.kiosk) {
      emit(this, 'cx-dismiss', { service: this.resolvedConfig!.service, stage });
      return this.restart();
    }
    this.answers = EMPTY_ANSWERS;
    this.stage = 'dismissed';
    emit(this, 'cx-dismiss', { service: this.resolvedConfig!.service, stage });
  }
}
