/**
 * The live preview: the real `<cx-survey>` from the draft (config-source="page", so it uses these
 * settings and fetches nothing), in a chosen branch, language, width and kiosk mode, with an axe-core
 * check on demand. Nothing is sent: a host transport acknowledges each record on the spot.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { canonicalJson, type ResponseRecord } from '@cx-survey/protocol';
import type { DeliveryResult } from '@cx-survey/elements';
import { previewInput } from './outputs.js';
import { idOf, type StepContext } from './fields.js';
import { languageName } from './steps.js';

export type Branch = 'none' | 'positive' | 'negative';
export type Width = 'phone' | 'tablet' | 'desktop';

export interface PreviewState {
  branch: Branch;
  language: string;
  width: Width;
  kiosk: boolean;
  axe: { running: boolean; error?: string; violations?: AxeViolation[] };
}

export interface AxeViolation {
  id: string;
  impact?: string;
  help: string;
  helpUrl: string;
  nodes: unknown[];
}

/** An endpoint that is not a URL: records go only to the transport below. */
export const PREVIEW_ENDPOINT = 'builder-preview';
export const previewTransport = async (records: ResponseRecord[]): Promise<DeliveryResult[]> => records.map((r) => ({ id: r.id, outcome: 'delivered' }));

/** Picks the Q1 answer of the chosen branch inside the rendered survey (after the kiosk's start screen). */
export async function applyBranch(survey: HTMLElement & { updateComplete?: Promise<unknown> }, branch: Branch, scale: string | undefined, cut: number): Promise<void> {
  if (branch === 'none') return;
  await survey.updateComplete;
  const root = survey.shadowRoot;
  const start = root?.querySelector<HTMLButtonElement>('[part~="start-button"]');
  if (start) {
    start.click();
    await survey.updateComplete;
  }
  const value = scale === 'five-point' ? (branch === 'positive' ? 5 : cut - 1) : branch === 'positive' ? 1 : 0;
  const input = root?.querySelector<HTMLInputElement>(`input[name="q1"][value="${value}"]`);
  if (input) {
    input.click();
    await survey.updateComplete;
  }
}

type Choice<T> = [T, string];

function radios<T extends string>(name: string, legend: string, value: T, choices: Choice<T>[], set: (v: T) => void): TemplateResult {
  return html`<fieldset>
    <legend>${legend}</legend>
    ${choices.map(([v, label]) => html`<div class="check">
      <input type="radio" id=${idOf(`${name}-${v}`)} name=${name} .checked=${v === value} @change=${() => set(v)} />
      <label for=${idOf(`${name}-${v}`)}>${label}</label>
    </div>`)}
  </fieldset>`;
}

export function previewTemplate(ctx: StepContext, state: PreviewState, valid: boolean, set: (change: Partial<PreviewState>) => void, runAxe: () => void): TemplateResult {
  const { draft } = ctx;
  const languages = draft.page.languages;
  const language = languages.includes(state.language) ? state.language : languages[0];
  const input = { ...previewInput(draft, state.kiosk), endpoint: PREVIEW_ENDPOINT };
  // A new element for each setting: the branch is picked again from a fresh survey.
  const key = canonicalJson({ input, language, kiosk: state.kiosk, branch: state.branch, languages });
  const axe = state.axe;
  return html`<section class="preview" aria-labelledby="preview-title">
    <h2 id="preview-title">${ctx.t('preview')}</h2>
    <p class="hint">${ctx.t('preview.note')}</p>
    <div class="controls">
      ${radios('preview-branch', ctx.t('preview.branch'), state.branch, [['none', ctx.t('branch.none')], ['positive', ctx.t('branch.positive')], ['negative', ctx.t('branch.negative')]], (branch) => set({ branch }))}
      ${languages.length > 1 ? radios('preview-language', ctx.t('preview.language'), language, languages.map((l) => [l, languageName(l, ctx.locale)] as Choice<string>), (language) => set({ language })) : nothing}
      ${radios('preview-width', ctx.t('preview.width'), state.width, [['phone', ctx.t('width.phone')], ['tablet', ctx.t('width.tablet')], ['desktop', ctx.t('width.desktop')]], (width) => set({ width }))}
      <div class="check">
        <input type="checkbox" id="preview-kiosk" .checked=${state.kiosk} @change=${(e: Event) => set({ kiosk: (e.target as HTMLInputElement).checked })} />
        <label for="preview-kiosk">${ctx.t('preview.kiosk')}</label>
      </div>
    </div>
    ${valid
      ? html`<div class="frame ${state.width}" data-width=${state.width}>
          ${keyed(
            key,
            html`<cx-survey
              config-source="page"
              .config=${input}
              .transport=${previewTransport}
              lang=${language}
              languages=${languages.length > 1 ? languages.join(' ') : nothing}
              ?kiosk=${state.kiosk}
            ></cx-survey>`,
          )}
        </div>`
      : html`<p class="hint">${ctx.t('preview.invalid')}</p>`}
    <div class="axe">
      <button type="button" class="secondary" ?disabled=${!valid || axe.running} @click=${runAxe}>${ctx.t('axe')}</button>
      <div role="status" class="status" id="axe-status">
        ${axe.running
          ? ctx.t('axe.running')
          : axe.error
            ? ctx.t('axe.failed', { error: axe.error })
            : axe.violations
              ? axe.violations.length
                ? ctx.t('axe.found', { count: axe.violations.length })
                : ctx.t('axe.none')
              : nothing}
      </div>
      ${axe.violations?.length
        ? html`<ul>
            ${axe.violations.map((v) => html`<li><strong>${v.id}</strong> (${v.impact ?? ''}, ${v.nodes.length}): ${v.help} <a href=${v.helpUrl} target="_blank" rel="noopener noreferrer">${v.helpUrl}</a></li>`)}
          </ul>`
        : nothing}
    </div>
  </section>`;
}

interface Axe {
  run(context: Element, options?: object): Promise<{ violations: AxeViolation[] }>;
}

let axeLoading: Promise<Axe> | undefined;

/** Loads axe-core once, from beside the builder's bundle (it is never part of any bundle). */
export function loadAxe(src: string): Promise<Axe> {
  const existing = (window as unknown as { axe?: Axe }).axe;
  if (existing) return Promise.resolve(existing);
  axeLoading ??= new Promise<Axe>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve((window as unknown as { axe: Axe }).axe);
    script.onerror = () => {
      axeLoading = undefined;
      reject(new Error(`${src} did not load`));
    };
    document.head.append(script);
  });
  return axeLoading;
}
