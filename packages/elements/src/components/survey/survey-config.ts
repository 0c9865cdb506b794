import type { ReactiveControllerHost } from 'lit';
import { publishedSurvey, type ConfigProblem, type SurveyConfig, type SurveyConfigInput } from '@cx-survey/protocol';
import { whenDeliveryLoaded } from '../../delivery/load.js';
import type { Transport } from '../../delivery/outbox.js';
import { PublishedConfigController } from '../../controllers/published-config.js';
import type { Resolution } from './config-check.js';
import { InvalidJson, mergeInput, type AttributeInput } from './config-input.js';
import type { FeatureController } from './features.js';

export interface SurveyConfigOptions {
  /** What the page set: the `config` property, the attributes under the config's names, a host transport. */
  page(): { config: unknown; attrs: AttributeInput; transport?: Transport; configSource?: 'collector' | 'page' };
  /** Loads the full check's chunk when a page needs it. */
  features: FeatureController;
  /** The configuration is invalid (each time it is resolved so): every problem at once, and the service named. */
  invalid(problems: ConfigProblem[], service: string): void;
}

/**
 * The survey a page shows: the collector's published survey (GET /v1/services/:id), narrowed by the
 * page's settings. A page that only names the service shows it as published at once; a page that sets
 * more, or has no collector config, waits for the full check's chunk (config-check.ts), which explains
 * every contradiction before anything can be answered.
 */
export class SurveyConfigController {
  /** The validated configuration with defaults filled in; undefined while pending or invalid. */
  resolved?: SurveyConfig;
  /** Problems found in the current configuration (empty when valid). */
  problems: ConfigProblem[] = [];
  /** The service's config as the collector publishes it, fetched once per URL. */
  readonly published: PublishedConfigController;
  /** The configuration waits for the full check's chunk. */
  private checkAwaited = false;

  constructor(
    host: ReactiveControllerHost & { requestUpdate(name?: PropertyKey, oldValue?: unknown): void },
    private readonly options: SurveyConfigOptions,
  ) {
    this.published = new PublishedConfigController(host, {
      target: () => {
        const { config, attrs } = options.page();
        const fromConfig = (config as { endpoint?: unknown; service?: unknown } | undefined) ?? {};
        return {
          endpoint: attrs.endpoint ?? (typeof fromConfig.endpoint === 'string' ? fromConfig.endpoint : undefined),
          service: attrs.service ?? (typeof fromConfig.service === 'string' ? fromConfig.service : undefined),
        };
      },
      fromCollector: () => {
        const { transport, configSource } = options.page();
        return !transport && configSource !== 'page';
      },
    });
  }

  /**
   * True when the configuration must be resolved again though no setting changed: the full check has
   * arrived, or its load failed (offline) and the host updates again (back online): then it is fetched again.
   */
  get stale(): boolean {
    const { features } = this.options;
    return this.checkAwaited && (!!features.loaded.configCheck || !features.loading);
  }

  /** Resolves the page's settings against the service's published survey (call when they may have changed). */
  resolve(): void {
    const state = this.published.state();
    this.checkAwaited = false;
    if (state === 'pending') {
      // Nothing is shown until the collector says what it accepts (or cannot be reached).
      this.resolved = undefined;
      return;
    }
    const { config, attrs, transport } = this.options.page();
    const published = state?.status === 'ok' ? state.config : undefined;
    const shown = published && !transport && !(config instanceof InvalidJson) ? publishedSurvey(mergeInput(config as SurveyConfigInput | undefined, attrs), published) : undefined;
    if (shown) return this.accept(shown, transport);
    const check = this.options.features.loaded.configCheck;
    if (!check && state?.status !== 'refused') {
      this.checkAwaited = true;
      this.resolved = undefined;
      this.options.features.have(['configCheck']);
      return;
    }
    const result: Resolution =
      state?.status === 'refused'
        ? { ok: false, problems: [state.problem], service: attrs.service ?? '' }
        : check!.resolveElementConfig(config, attrs, !!transport, published, state?.status === 'unavailable' ? state : undefined);
    if (result.ok && state?.status === 'unavailable')
      console.warn(`<cx-survey>: the survey config at ${this.published.url} cannot be fetched (${state.reason}) and none is kept on this device; showing the built-in defaults, which a service without a drivers list accepts`);
    if (result.ok) return this.accept(result.config, transport);
    this.resolved = undefined;
    this.problems = result.problems;
    this.options.invalid(result.problems, attrs.service ?? result.service);
  }

  private accept(config: SurveyConfig, transport: Transport | undefined): void {
    this.resolved = config;
    this.problems = [];
    const { endpoint, channel } = config;
    whenDeliveryLoaded((d) => {
      if (transport) d.registerTransport(endpoint!, transport);
      // Kiosks hold backlogs for days: ask the browser not to evict them.
      if (channel === 'kiosk') d.requestPersistence();
    });
  }
}
