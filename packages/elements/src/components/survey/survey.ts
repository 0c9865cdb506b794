import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { EMPTY_ANSWERS, branchFor, praExpired, type Answers, type Branch, type ConfigProblem, type SurveyConfig } from '@cx-survey/protocol';
import { emit } from '../../events/base.js';
import { isRtl } from '../../internal/locales.js';
import { loadDelivery, loadDeliverySoon } from '../../delivery/load.js';
import type { Submission } from './submission.js';
import { afterLoadIdle } from '../../internal/idle.js';
import type { KioskController } from '../../controllers/kiosk.js';
import { LocaleController } from '../../controllers/locale.js';
import { AnsweringController } from './answering.js';
import { SurveyAttributes } from './attributes.js';
import { SurveyConfigController } from './survey-config.js';
import { formTemplate } from './templates/form.js';
import { FeatureController, featuresFor, type FeatureName, type LoadedFeatures } from './features.js';
import type { SurveyActions, SurveyView } from './templates/view.js';
import { styles } from './survey.styles.js';

type Stage = 'start' | 'survey' | 'thanks' | 'dismissed';

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
 * @attr lang - Global HTML attribute, watched live: the language to show, unless the respondent picks another in the language picker. Without it the page's `<html lang>`, then the browser's languages, decide. See docs/languages.md.
 *
 * @event {CustomEvent<CxShowDetail>} cx-show - The survey was first rendered with a valid configuration and an unexpired PRA notice; fires again after `reset()`. detail: { service, timestamp }
 * @event {CustomEvent<CxAnswerDetail>} cx-answer - A question was answered or changed. detail: { service, question, value, timestamp } where question is "q1", "q2", "q3" or an additional question's id, and value is the Q1 number (thumbs 1 up / 0 down, or 1-5), the ticked driver keys, or the chosen option value(s). For Q3 and text questions detail has `answered: true | false` instead of value, and Q3 fires only when its box changes between blank and not blank: free text is never included.
 * @event {CustomEvent<CxSubmitDetail>} cx-submit - The respondent pressed Submit. detail: { service, id, recorded, q1, branch, timestamp }; when nothing was answered, `recorded` is false, `id`, `q1` and `branch` are null and nothing is sent.
 * @event {CustomEvent<CxDeliveryDetail>} cx-delivery - Delivery of the record this element submitted changed state (reported while the element stays on the page). detail: { service, id, status, durable?, timestamp } where status is 'queued' (written to this device; `durable` is false when it is held in memory only), 'sent' (the collector stored it or already had it), 'retrying' (not delivered yet: it stays queued and is tried again later; detail also has `attempts` and `nextAttemptAt`), 'rejected' (the collector refused it) or 'expired' (not delivered within the grace period); rejected and expired records are kept on the device as dead letters.
 * @event {CustomEvent<CxDismissDetail>} cx-dismiss - The respondent pressed "No thanks" on the survey or "Close" on the thank-you; the element then shows only a short, focused confirmation ("The survey is closed.", part `dismissed`), unless the page moves focus elsewhere in its handler. detail: { service, stage: 'survey' | 'thanks', timestamp }
 * @event {CustomEvent<CxExpireDetail>} cx-expire - The PRA expiration date has passed (in the respondent's local calendar), so the survey is not shown. Fires once per element. detail: { service, controlNumber, expiration, timestamp }
 * @event {CustomEvent<CxClosedDetail>} cx-closed - A window token (the `token` attribute or the page's `cx_token` URL parameter) says the survey window ended before anything was answered, so "This survey has closed." is shown instead of the questions. Fires once per element. detail: { service, expiresAt, timestamp }
 * @event {CustomEvent<CxErrorDetail>} cx-error - Configuration, delivery or storage problem. detail: { service, code: 'config' | 'delivery' | 'storage' | 'locale', message, problems?, timestamp }. 'config': `problems` lists every { path, message } at once (also written to console.error) and the survey is not shown; this includes a page setting that contradicts the survey the collector publishes for the service (GET /v1/services/:id) and a service the collector refuses, and, on Submit, a record the collector would refuse (then nothing is queued, no thank-you is shown and the answers stay). 'delivery': the record was rejected or expired; `message` is the reason. 'storage': this device could not store the record durably, so it is held in memory only until sent. 'locale': the respondent's language could not be loaded, so the survey is shown in English.
 */
export class CxSurvey extends SurveyAttributes {
  static override styles = styles;
  static override properties: PropertyDeclarations = {
    answers: { state: true },
    stage: { state: true },
    announcement: { state: true },
  };

  private answers: Answers = EMPTY_ANSWERS;
  private stage: Stage = 'survey';
  private announcement = '';
  /** Once-per-element lifecycle events already sent (cx-show again after reset()). */
  private reported = { shown: false, expired: false, closed: false };
  /** The checklist to announce once it is rendered. */
  private q2Appeared?: Branch;

  private readonly locale = new LocaleController(this, {
    wording: () => this.resolvedConfig?.wording,
    onLoadError: (locale, err) => {
      console.error(`<cx-survey>: the ${locale} messages could not be loaded; showing English`, err);
      emit(this, 'cx-error', { service: this.serviceName, code: 'locale', message: `${locale} messages could not be loaded` });
    },
  });
  /** Submit and the delivery status line; made with the code that comes after Q1 (features/answered.ts). */
  private submission?: Submission;
  private readonly features = new FeatureController(this);
  private readonly answering = new AnsweringController(this, {
    config: () => this.resolvedConfig!,
    answers: () => this.answers,
    setAnswers: (next) => (this.answers = next),
    service: () => this.serviceName,
    tr: () => this.locale.tr,
    announce: (text) => (this.announcement = text),
    checklistAppeared: (branch) => this.announceQ2(branch),
  });
  /** The survey shown: the collector's, narrowed by the page. */
  private readonly settings = new SurveyConfigController(this, {
    page: () => ({ config: this.config, attrs: this.attributeInput(), transport: this.transport, configSource: this.configSource }),
    features: this.features,
    invalid: (problems, service) => {
      const message = `<cx-survey> is not shown: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`;
      console.error(message, this);
      emit(this, 'cx-error', { service, code: 'config', message, problems });
    },
  });
  /** Created once the kiosk feature has loaded. */
  private kioskControl?: KioskController;

  /** The validated configuration with defaults filled in, or undefined while it is invalid. */
  get resolvedConfig(): SurveyConfig | undefined {
    return this.settings.resolved;
  }

  /** Problems found in the current configuration, each { path, message } (empty when valid). */
  get problems(): readonly ConfigProblem[] {
    return this.settings.problems;
  }

  /** The answers given so far (read-only snapshot): { q1, q2, q3, extra }. Holds the respondent's free text: never send it to analytics. */
  get value(): Answers {
    return this.answers;
  }

  /** The service named in events, also while the configuration is invalid. */
  private get serviceName(): string {
    return this.resolvedConfig?.service ?? this.service ?? '';
  }

  /** Clears every answer and shows the survey afresh, also after it was dismissed (kiosks, tests); cx-show fires again. */
  reset(): void {
    this.answers = EMPTY_ANSWERS;
    this.stage = this.kiosk ? 'start' : 'survey';
    this.locale.picked = undefined;
    this.submission?.delivery.reset();
    this.announcement = '';
    this.reported.shown = false;
  }

  /** Kiosk: wipes every answer and shows the start screen for the next respondent. */
  restart(): void {
    // Focus inside the survey (or nowhere) would fall to <body> with the questions gone: give it to Start.
    const active = document.activeElement;
    const ours = !active || active === this || active === document.body;
    this.kioskControl?.stop();
    this.reset();
    if (ours) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part=start-button]')?.focus());
  }

  /** Puts focus on the survey's first control, or on the "has closed" message (a launcher opening it, a page moving the respondent to it). */
  override focus(options?: FocusOptions): void {
    // A closed survey has only its message to say: focus it, so it is read out.
    const root = this.renderRoot;
    (root.querySelector<HTMLElement>('[part=closed]') ?? root.querySelector<HTMLElement>('input, select, button'))?.focus(options);
  }

  /** True when the survey shows something (after a dismiss, its short confirmation): not hidden by a problem, a language or a feature still loading. */
  private get showing(): boolean {
    const config = this.resolvedConfig;
    return !!config && this.locale.readyFor(config.wording) && !praExpired(config.pra, new Date()) && this.features.have(this.needed(config));
  }

  /** The feature chunks this survey needs before it can be shown. */
  private needed(config: SurveyConfig): FeatureName[] {
    return featuresFor(config, { kiosk: this.kiosk, picker: this.pickerLocales().length > 1, token: !!this.windowToken() });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const internal = new Set<PropertyKey>(['answers', 'stage', 'announcement']);
    // Again when the full check's chunk has arrived.
    if (!this.hasUpdated || [...changed.keys()].some((k) => !internal.has(k)) || this.settings.stale) this.settings.resolve();
    // A kiosk opens on its start screen.
    if (changed.has('kiosk') && this.kiosk && this.stage === 'survey' && this.answers === EMPTY_ANSWERS) this.stage = 'start';
    // The language loads beside the service's config; the config may then bring the agency's own wording.
    if (!this.hasUpdated || (this.resolvedConfig && !this.locale.readyFor(this.resolvedConfig.wording) && !this.locale.loading)) void this.locale.load();
    // Fetch what this survey needs beside its language, not after it.
    if (this.resolvedConfig) this.features.have(this.needed(this.resolvedConfig));
    // The respondent's first answer: the delivery code is needed soon, for their submit.
    if ((changed as Map<PropertyKey, unknown>).has('answers') && this.answers !== EMPTY_ANSWERS) {
      void loadDelivery().catch(() => {});
      this.features.have(['answered']);
    }
    const answered = this.features.loaded.answered;
    if (this.q2Appeared && answered && this.resolvedConfig) {
      const config = this.resolvedConfig;
      if (branchFor(config.scale, this.answers.q1, config.positiveCut) === this.q2Appeared)
        this.announcement = this.locale.tr.msg('q2.appeared', { question: answered.q2Text(this.q2Appeared, config, this.locale.tr) });
      this.q2Appeared = undefined;
    }
    const kiosk = this.features.loaded.kiosk;
    if (this.kiosk && kiosk && !this.kioskControl)
      this.kioskControl = new kiosk.KioskController(this, () => ({
        enabled: this.kiosk,
        resetAfter: this.resetAfter,
        idleAfter: this.idleAfter,
        answering: this.stage === 'survey',
      }));
  }

  /** When a window token says the 48-hour window has already closed, its end; else undefined. */
  private windowClosedAt(): Date | undefined {
    const token = this.windowToken();
    const decode = this.features.loaded.token?.decodeWindowToken;
    const expiresAt = token && decode ? decode(token)?.expiresAt : undefined;
    return expiresAt && expiresAt.getTime() <= Date.now() ? expiresAt : undefined;
  }

  /** A respondent who opens the survey after its window is told so; one who started in time may finish. */
  private closed(): Date | undefined {
    return this.stage === 'survey' && this.answers === EMPTY_ANSWERS ? this.windowClosedAt() : undefined;
  }

  /** Tells the page, once each, that the survey was shown, or why it is not. */
  protected override updated(): void {
    const config = this.resolvedConfig;
    if (!config || !this.locale.readyFor(config.wording) || this.stage !== 'survey') return;
    const service = config.service;
    const closedAt = this.closed();
    if (closedAt) {
      if (!this.reported.closed) emit(this, 'cx-closed', { service, expiresAt: closedAt.toISOString() });
      this.reported.closed = true;
    } else if (config.pra && praExpired(config.pra, new Date())) {
      if (!this.reported.expired) emit(this, 'cx-expire', { service, controlNumber: config.pra.controlNumber, expiration: config.pra.expiration });
      this.reported.expired = true;
    } else if (!this.reported.shown) {
      this.reported.shown = true;
      emit(this, 'cx-show', { service });
      this.settings.published.countOffer(config);
      // What comes after Q1 (the checklist, Submit's record, the thank-you) is here before the first tap.
      afterLoadIdle(() => this.isConnected && this.features.have(['answered']));
    }
  }

  /** `updateComplete` also waits for the service's config, the language and the feature chunks this survey needs, so a page can await it and find the survey shown. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.features.loading || this.locale.loading || this.settings.published.loading) {
      await Promise.all([this.features.settled(), this.locale.settled(), this.settings.published.loading]);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  constructor() {
    super();
    // A finger on the screen or focus coming in: the first answer is near, so fetch what follows Q1 now if
    // idle time has not brought it yet (a pointerdown comes ~100 ms before the click that answers).
    const soon = () => this.resolvedConfig && this.features.have(['answered']);
    this.addEventListener('pointerdown', soon);
    this.addEventListener('focusin', soon);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A backlog from an earlier visit is sent soon after the page has loaded.
    loadDeliverySoon();
  }

  protected override render(): TemplateResult | typeof nothing {
    // The public never sees a half-built survey, one still loading its language, nor one whose PRA clearance has lapsed.
    if (!this.showing) return nothing;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const view: SurveyView = { config: this.resolvedConfig!, answers: this.answers, tr: this.locale.tr, on: this.actions, level, features: this.features.loaded };
    const { tr } = view;
    const locales = this.pickerLocales();
    return html`
      <div part="base" class="base ${this.stage}" lang=${tr.locale} dir=${isRtl(tr.locale) ? 'rtl' : 'ltr'}>
        ${locales.length > 1 && this.stage !== 'dismissed' ? this.features.loaded.picker!.pickerTemplate(view, locales) : nothing}
        ${this.stage === 'dismissed'
          ? html`<p part="dismissed" class="dismissed" tabindex="-1" role="status">${tr.msg('dismissed')}</p>`
          : this.closed()
          ? html`<p part="closed" class="closed" tabindex="-1">${tr.msg('closed')}</p>`
          : this.stage === 'thanks'
            ? this.features.loaded.answered!.thanksTemplate(view, this.submission!.delivery.status)
            : this.stage === 'start'
              ? this.features.loaded.kiosk!.startTemplate(view)
              : formTemplate(view)}
        ${this.kioskControl?.warning ? this.features.loaded.kiosk!.idleWarningTemplate(view) : nothing}
        ${this.kiosk && this.kioskControl?.waiting ? this.features.loaded.kiosk!.backlogTemplate(view, this.kioskControl.waiting) : nothing}
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>
    `;
  }

  /** The respondent's actions, bound once for the templates. */
  private readonly actions: SurveyActions = {
    q1: this.answering.q1,
    driver: this.answering.driver,
    q3: this.answering.q3,
    extra: this.answering.extra,
    submit: (e) => void this.submit(e),
    dismiss: () => void this.dismiss(),
    start: () => void this.start(),
    moreTime: () => this.kioskControl?.moreTime(),
    pick: (locale) => {
      this.locale.picked = locale;
      // The live region is then spoken in the new language, never the old one's last message.
      this.announcement = '';
      // The picker is loaded: only it can switch the language.
      void this.locale.load().then(() => (this.announcement = this.features.loaded.picker!.languageSwitched(this.locale.tr)));
    },
  };

  /** Says that the checklist appeared, in the render that shows it (its code is here, unless Q1 was answered before the page was idle). */
  private announceQ2(branch: Branch): void {
    this.q2Appeared = branch;
    this.features.have(['answered']);
  }

  private async start(): Promise<void> {
    this.stage = 'survey';
    this.kioskControl?.armIdle();
    await this.updateComplete;
    // The start button is gone: put focus on the first question rather than lose it.
    this.focus();
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const config = this.resolvedConfig!;
    // The window closed while the respondent was answering: the collector would refuse the record.
    if (this.windowClosedAt()) {
      this.answers = EMPTY_ANSWERS;
      this.reported.closed = false;
      return;
    }
    // Here since the page was idle, or since the first answer; fetched now only if neither happened yet.
    let answered: NonNullable<LoadedFeatures['answered']>;
    try {
      answered = await this.features.get('answered');
    } catch {
      return; // Logged by the feature loader, which tries again once the browser is back online.
    }
    this.submission ??= new answered.Submission(this, { service: () => this.serviceName, announce: (id) => (this.announcement = this.locale.tr.msg(id)) });
    const context = { locale: this.locale.tr.locale, pagePath: location.pathname, token: this.windowToken() };
    if (!(await this.submission.submit(config, this.answers, context, this.settings.published.config))) return;
    // Nothing of the respondent stays on screen once submitted.
    this.answers = EMPTY_ANSWERS;
    this.stage = 'thanks';
    this.announcement = '';
    this.kioskControl?.thanked();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.thanks-heading')?.focus();
  }

  private async dismiss(): Promise<void> {
    emit(this, 'cx-dismiss', { service: this.serviceName, stage: this.stage === 'thanks' ? 'thanks' : 'survey' });
    // A kiosk is never dismissed: the next respondent gets the start screen.
    if (this.kiosk) return this.restart();
    this.answers = EMPTY_ANSWERS;
    this.stage = 'dismissed';
    await this.updateComplete;
    // The button pressed is gone: focus the short confirmation (read out as it is focused), unless
    // the page moved focus itself on cx-dismiss or a launcher's dialog closed and gave it back.
    const active = document.activeElement;
    if (!active || active === this || active === document.body) this.renderRoot.querySelector<HTMLElement>('[part=dismissed]')?.focus();
  }
}
