import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { ConfigProblem } from '@cx-survey/protocol';
import { draftProblems, restoreDraft, saveDraft, type Draft } from './draft.js';
import { fieldOf, translator, type StepContext } from './fields.js';
import { steps } from './steps.js';
import { applyBranch, loadAxe, previewTemplate, type PreviewState } from './preview.js';
import { outputsOf, outputsTemplate, type Output } from './outputs-view.js';
import { servicesFile } from './outputs.js';
import { BUILDER_ENGLISH, loadBuilderTemplates, type BuilderTemplates } from './strings.js';
import { styles } from './builder.styles.js';

/**
 * Lets agency staff set up a compliant A-11 Section 280 survey without writing JSON: the steps of
 * section 280.14 on one page, each with its rule, checked as they type by the protocol's own checks;
 * a live preview of the real `<cx-survey>`; and what the web team needs (embed snippets, the
 * services-file entry, token integration, paper and IVR versions). The draft lives in the URL's
 * hash and in localStorage.
 *
 * @summary Builds a survey's services-file entry and embed snippet, with a live preview.
 * @tagname cx-survey-builder
 */
export class CxSurveyBuilder extends LitElement {
  static override styles = styles;
  static override properties = {
    scriptUrl: { attribute: 'script-url' },
    axeSrc: { attribute: 'axe-src' },
    lang: {},
    draft: { state: true },
    templates: { state: true },
    preview: { state: true },
    status: { state: true },
  };

  /** Where the embed snippet loads the survey bundle from (default: the CDN). A self-hosting agency sets its own copy. */
  scriptUrl?: string;
  /** Where the accessibility check loads axe-core from (default: axe.min.js beside the builder's bundle). */
  axeSrc = new URL('./axe.min.js', import.meta.url).href;

  draft: Draft;
  templates: BuilderTemplates = BUILDER_ENGLISH;
  preview: PreviewState = { branch: 'none', language: 'en', width: 'desktop', kiosk: false, axe: { running: false } };
  status = '';
  private locale = 'en';

  constructor() {
    super();
    const { draft, restored } = restoreDraft();
    this.draft = draft;
    this.preview = { ...this.preview, kiosk: draft.page.kiosk };
    if (restored) this.status = BUILDER_ENGLISH['status.restored'];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadLanguage();
  }

  /** The builder's language: its lang attribute, else the page's. */
  private async loadLanguage() {
    const tag = this.lang || document.documentElement.lang || 'en';
    this.templates = await loadBuilderTemplates(tag);
    this.locale = this.templates === BUILDER_ENGLISH ? 'en' : tag.split('-')[0];
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('lang') && this.hasUpdated) void this.loadLanguage();
  }

  private get t() {
    return translator(this.templates);
  }

  /** Every problem of the draft, by the field it is shown at. */
  private problems(): { list: ConfigProblem[]; byField: Map<string, string[]> } {
    const list = draftProblems(this.draft);
    const byField = new Map<string, string[]>();
    for (const p of list) {
      const key = fieldOf(p, this.draft);
      byField.set(key, [...(byField.get(key) ?? []), p.message]);
    }
    return { list, byField };
  }

  private update_(change: (draft: Draft) => void) {
    const next = structuredClone(this.draft);
    change(next);
    // Turning kiosk mode on or off shows it in the preview; the preview may still switch it alone.
    if (next.page.kiosk !== this.draft.page.kiosk) this.preview = { ...this.preview, kiosk: next.page.kiosk };
    this.draft = next;
    saveDraft(next);
  }

  private context(byField: Map<string, string[]>): StepContext {
    return { draft: this.draft, problems: byField, t: this.t, update: (c) => this.update_(c), locale: this.locale };
  }

  protected override render() {
    const { list, byField } = this.problems();
    const ctx = this.context(byField);
    const t = this.t;
    const valid = list.length === 0;
    const outputs = valid ? outputsOf(ctx, this.scriptUrl) : [];
    return html`<div lang=${this.locale}>
      <h1>${t('title')}</h1>
      <p>${t('intro')}</p>
      <div class="layout">
        <form novalidate @submit=${(e: Event) => e.preventDefault()}>
          <div class="summary ${valid ? 'ok' : ''}" id="summary">
            <p><strong>${valid ? t('noProblems') : t('problems', { count: list.length })}</strong></p>
            ${valid ? nothing : html`<ul>${list.map((p) => html`<li><code>${p.path || '-'}</code>: ${p.message}</li>`)}</ul>`}
          </div>
          ${steps(ctx)}
        </form>
        ${previewTemplate(ctx, this.preview, valid, (c) => (this.preview = { ...this.preview, ...c }), () => void this.runAxe())}
      </div>
      ${outputsTemplate(ctx, valid, outputs, (o) => void this.copy(o), () => this.download())}
      <div role="status" aria-live="polite" class="status" id="status">${this.status}${valid ? '' : ` ${t('problems', { count: list.length })}`}</div>
    </div>`;
  }

  protected override async updated(): Promise<void> {
    const survey = this.renderRoot.querySelector<HTMLElement>('.frame cx-survey');
    if (survey && survey.dataset.branch !== this.preview.branch) {
      survey.dataset.branch = this.preview.branch;
      await applyBranch(survey, this.preview.branch, this.draft.entry.scale, this.draft.entry.positiveCut ?? 5);
    }
  }

  /** Runs axe-core on the preview's survey and shows the violations inline. */
  async runAxe(): Promise<void> {
    this.preview = { ...this.preview, axe: { running: true } };
    try {
      const axe = await loadAxe(this.axeSrc);
      const frame = this.renderRoot.querySelector('.frame');
      if (!frame) throw new Error('no preview');
      const { violations } = await axe.run(frame, { resultTypes: ['violations'] });
      this.preview = { ...this.preview, axe: { running: false, violations } };
    } catch (e) {
      this.preview = { ...this.preview, axe: { running: false, error: (e as Error).message } };
    }
  }

  /** navigator.clipboard where the page may use it; else a selected text area and execCommand (plain-http pages). */
  async copy(o: Output): Promise<void> {
    const t = this.t;
    try {
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(o.text);
      else {
        const area = document.createElement('textarea');
        area.value = o.text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.append(area);
        area.select();
        const ok = document.execCommand('copy');
        area.remove();
        if (!ok) throw new Error('execCommand');
      }
      this.status = t('copied');
    } catch {
      this.status = t('copy.failed');
    }
  }

  /** The services file with this entry, as a download (the collector has no API to save it). */
  download(): void {
    const url = URL.createObjectURL(new Blob([servicesFile(this.draft)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'services.json';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
