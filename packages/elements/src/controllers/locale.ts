import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SurveyConfig } from '@cx-survey/protocol';
import { loadAgencyWording, loadTemplates, Translator } from '../internal/localize.js';
import { resolveLocale } from '../internal/locales.js';

export interface LocaleOptions {
  /** The agency's own wording, when the host has some (the survey's config). */
  wording?: () => SurveyConfig['wording'];
  /** A language could not be loaded; English is shown instead. */
  onLoadError?: (locale: string, err: unknown) => void;
}

/**
 * The language an element speaks, shared by `<cx-survey>` and `<cx-survey-button>`:
 * the respondent's pick, else the element's `lang`, else the page's `<html lang>`,
 * else the browser's languages (es-US → es → en). Follows `lang` on the element
 * and the page live (a site's own language switcher), loading each language's
 * chunk and the agency's wording for it; answers on screen are kept.
 */
export class LocaleController implements ReactiveController {
  /** Messages in the language shown; English until another has loaded. */
  tr = new Translator('en');
  /** False until the first language has loaded: a survey is not shown half in English. */
  ready = false;
  /** The agency wording the messages were loaded with. */
  private loadedWording?: SurveyConfig['wording'];
  /** The language the respondent picked in a language picker, if any. */
  picked?: string;
  private request = 0;
  private started = false;
  /** The load in flight, if any. */
  private inFlight?: Promise<void>;
  private readonly observer = new MutationObserver(() => void this.load());

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: LocaleOptions = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const node of [document.documentElement, this.host]) this.observer.observe(node, { attributes: true, attributeFilter: ['lang'] });
    // On reconnection the page's language may have changed meanwhile.
    if (this.started) void this.load();
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }

  /** True once the messages are loaded with this agency wording: the survey never shows the standard text first. */
  readyFor(wording: SurveyConfig['wording']): boolean {
    return this.ready && this.loadedWording === wording;
  }

  /** The language to show, resolved to one the survey speaks. */
  wanted(): string {
    return resolveLocale([this.picked, this.host.lang, document.documentElement.lang, ...(navigator.languages ?? [navigator.language])]);
  }

  /** True while a language is being loaded. */
  get loading(): boolean {
    return !!this.inFlight;
  }

  /** Resolves when the language loads in flight have finished. */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** Loads the wanted language (and the agency's wording for it), then re-renders the host. */
  load(): Promise<void> {
    const run = this.fetch().finally(() => {
      if (this.inFlight !== run) return;
      this.inFlight = undefined;
      // The host's config brought other agency wording meanwhile: load again with it.
      if (this.loadedWording !== this.options.wording?.()) void this.load();
    });
    this.inFlight = run;
    return run;
  }

  private async fetch(): Promise<void> {
    this.started = true;
    const locale = this.wanted();
    const wording = this.options.wording?.();
    const request = ++this.request;
    const [templates, agency] = await Promise.all([
      // A language that cannot be loaded (a network blip) falls back to English rather than hide the survey.
      loadTemplates(locale).catch((err) => {
        this.options.onLoadError?.(locale, err);
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
    if (request !== this.request) return;
    this.tr = new Translator(templates ? locale : 'en', templates, agency);
    this.ready = true;
    this.loadedWording = wording;
    this.host.requestUpdate();
  }
}
