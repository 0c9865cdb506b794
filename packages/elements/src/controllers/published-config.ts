import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PublicServiceConfig, SurveyConfig } from '@cx-survey/protocol';
import { loadDelivery } from '../delivery/load.js';
import { offersUrl, serviceConfig, serviceConfigUrl, type ServiceConfigState } from '../internal/service-config.js';

export interface PublishedConfigOptions {
  /** The responses endpoint and service the page names (attributes over `config`), if any. */
  target(): { endpoint?: string; service?: string };
  /** False when the page keeps its own settings (`config-source="page"`) or delivers through a host transport. */
  fromCollector(): boolean;
}

/**
 * The survey the collector publishes for this page's service (GET /v1/services/:id, #14): fetched once
 * per URL, with this device's kept copy when the collector cannot be reached. The host shows nothing
 * while `state()` is pending, and counts each showing as an offer to that collector.
 */
export class PublishedConfigController implements ReactiveController {
  /** The name the host's update is requested under when an answer arrives (its `willUpdate` sees it changed). */
  static readonly CHANGED = 'publishedConfig';
  private answer?: { url: string; state: ServiceConfigState };
  private pending?: { url: string; promise: Promise<void> };

  constructor(
    private readonly host: ReactiveControllerHost & { requestUpdate(name?: PropertyKey, oldValue?: unknown): void },
    private readonly options: PublishedConfigOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The service's config URL beside an http(s) endpoint; none when the page's settings stand alone. */
  get url(): string | undefined {
    const { endpoint, service } = this.options.target();
    return endpoint && service && this.options.fromCollector() ? serviceConfigUrl(endpoint, service) : undefined;
  }

  /**
   * What the collector said for the current URL: undefined when there is no URL; 'pending' while it is
   * being fetched (the host updates again once it is here).
   */
  state(): ServiceConfigState | 'pending' | undefined {
    const url = this.url;
    if (!url) return undefined;
    if (this.answer?.url === url) return this.answer.state;
    if (this.pending?.url !== url) {
      const promise: Promise<void> = serviceConfig(url).then((state) => {
        if (this.pending?.promise === promise) this.pending = undefined;
        this.answer = { url, state };
        // Named, so the host's willUpdate sees what changed; the old value only has to differ from the
        // host's (absent) property for Lit to schedule the update.
        this.host.requestUpdate(PublishedConfigController.CHANGED, null);
      });
      this.pending = { url, promise };
    }
    return 'pending';
  }

  /** The published config, when the collector (or this device's copy of it) gave one. */
  get config(): PublicServiceConfig | undefined {
    const state = this.answer?.url === this.url ? this.answer?.state : undefined;
    return state?.status === 'ok' ? state.config : undefined;
  }

  /** Resolves once no fetch is in flight (for the host's `updateComplete`). */
  get loading(): Promise<void> | undefined {
    return this.pending?.promise;
  }

  /** Each showing is an offer: an anonymous count (service, channel, day) through the same outbox. */
  countOffer(config: SurveyConfig): void {
    // Only a collector that publishes the survey is known to count offers.
    const url = this.options.fromCollector() ? offersUrl(config.endpoint!) : undefined;
    if (!url) return;
    void loadDelivery().then((d) => d.enqueueOffer({ service: config.service, channel: config.channel }, url), () => {});
  }
}
