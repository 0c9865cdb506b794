import type { CSSResult, LitElement, ReactiveController } from 'lit';
import type { SurveyConfig } from '@cx-survey/protocol';

/**
 * What only some surveys use is a chunk of its own, loaded before such a survey
 * is shown (the public never sees a half-built survey) and never by the others:
 * split by what a page uses, not by file.
 */
const loaders = {
  fivePoint: () => import('./features/five-point.js'),
  extra: () => import('./features/extra.js'),
  kiosk: () => import('./features/kiosk.js'),
  picker: () => import('./features/picker.js'),
  pra: () => import('./features/pra.js'),
  shortLabels: () => import('./features/short-labels.js'),
  token: () => import('./features/token.js'),
  // The full configuration check, for a page that sets more than naming the collector's service.
  configCheck: () => import('./config-check.js'),
  // Not before the survey is shown: every survey loads it on idle, or at the first answer (features/answered.ts).
  answered: () => import('./features/answered.js'),
};

export type FeatureName = keyof typeof loaders;
export type LoadedFeatures = { [K in FeatureName]?: Awaited<ReturnType<(typeof loaders)[K]>> };

/** The feature chunks a survey needs before it can be shown. */
export function featuresFor(config: SurveyConfig, page: { kiosk: boolean; picker: boolean; token: boolean }): FeatureName[] {
  const wanted: Array<[boolean, FeatureName]> = [
    [config.scale === 'five-point', 'fivePoint'],
    [config.labels === 'short', 'shortLabels'],
    [config.questions.length > 0, 'extra'],
    [!!config.pra, 'pra'],
    [page.kiosk, 'kiosk'],
    [page.picker, 'picker'],
    [page.token, 'token'],
  ];
  return wanted.filter(([on]) => on).map(([, name]) => name);
}

/** One load per page, shared by every survey on it; a failed load is forgotten so the next try fetches again. */
const cache = new Map<FeatureName, Promise<unknown>>();

/** Loads the features a survey needs and adds their styles to its shadow root. */
export class FeatureController implements ReactiveController {
  readonly loaded: LoadedFeatures = {};
  private readonly pending = new Map<FeatureName, Promise<unknown>>();

  constructor(private readonly host: LitElement) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** True once every named feature is loaded; starts loading the missing ones. */
  have(names: readonly FeatureName[]): boolean {
    const missing = names.filter((n) => !this.loaded[n]);
    for (const name of missing) this.load(name);
    return !missing.length;
  }

  /** The named feature, loading it if need be; rejects when it cannot be loaded (then the next call tries again). */
  async get<K extends FeatureName>(name: K): Promise<NonNullable<LoadedFeatures[K]>> {
    if (!this.loaded[name]) this.load(name);
    await this.pending.get(name);
    const mod = this.loaded[name];
    if (!mod) throw new Error(`the ${name} code could not be loaded`);
    return mod;
  }

  /** True while a feature chunk is being fetched. */
  get loading(): boolean {
    return this.pending.size > 0;
  }

  /** Resolves when no load is in flight (each loaded or failed). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled(this.pending.values());
  }

  private load(name: FeatureName): void {
    if (this.pending.has(name)) return;
    if (!cache.has(name)) cache.set(name, loaders[name]());
    const done = cache.get(name)!.then(
      (mod) => {
        this.pending.delete(name);
        const styles = (mod as { styles?: CSSResult }).styles;
        if (styles) this.adopt(styles);
        (this.loaded as Record<string, unknown>)[name] = mod;
        this.host.requestUpdate();
      },
      (err) => {
        this.pending.delete(name);
        cache.delete(name);
        console.error(`<cx-survey>: the ${name} code could not be loaded; the survey is shown once it can be`, err);
        // A network blip: try again when the browser is back online.
        window.addEventListener('online', () => this.host.requestUpdate(), { once: true });
      },
    );
    this.pending.set(name, done);
  }

  private adopt(styles: CSSResult): void {
    const root = this.host.renderRoot as ShadowRoot;
    if (styles.styleSheet && 'adoptedStyleSheets' in root) root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
    else root.append(Object.assign(document.createElement('style'), { textContent: styles.cssText }));
  }
}
