/**
 * One source of survey config: the collector publishes each service's survey at
 * GET /v1/services/:id, and the element renders that, narrowed by the page. Fetched once per page
 * and URL; kept with the delivery queue for the next offline visit.
 */
import { isHttpEndpoint, OFFERS_PATH, RESPONSES_PATH, SERVICES_PATH, type ConfigProblem, type PublicServiceConfig } from '@cx-survey/protocol';
import { loadDelivery } from '../delivery/load.js';
import { afterLoadIdle } from './idle.js';

export type ServiceConfigState =
  /** The config came from the collector now, or from this device's copy while the collector is unreachable. */
  | { status: 'ok'; config: PublicServiceConfig; source: 'collector' | 'device' }
  /** The collector cannot be reached and nothing is kept: the page's settings alone, checked by the collector later. */
  | { status: 'unavailable'; reason: string }
  /** The collector answered that this page may not show this service (unknown service, origin not allowed). */
  | { status: 'refused'; problem: ConfigProblem };

/** Where a collector path lives beside the responses endpoint: "/v1/responses" → "/v1/services/<id>". */
function beside(endpoint: string, path: string): string | undefined {
  if (!isHttpEndpoint(endpoint)) return undefined;
  const url = new URL(endpoint, location.href);
  url.pathname = url.pathname.endsWith(RESPONSES_PATH) ? url.pathname.slice(0, -RESPONSES_PATH.length) + path : path;
  url.search = '';
  return url.href;
}

export const serviceConfigUrl = (endpoint: string, service: string) => beside(endpoint, `${SERVICES_PATH}/${encodeURIComponent(service)}`);
export const offersUrl = (endpoint: string) => beside(endpoint, OFFERS_PATH);

const TIMEOUT_MS = 8000;
const fetched = new Map<string, Promise<ServiceConfigState>>();

async function load(url: string): Promise<ServiceConfigState> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  let reason: string;
  try {
    const response = await fetch(url, { credentials: 'omit', headers: { accept: 'application/json' }, signal: abort.signal });
    const body = await response.json().catch(() => undefined);
    if (response.ok && body && typeof body === 'object' && typeof body.version === 'string') {
      // Kept for the next offline visit once the page is idle: the delivery code is not part of the first load.
      afterLoadIdle(() => void loadDelivery().then((d) => d.keepServiceConfig(url, body), () => {}));
      return { status: 'ok', config: body as PublicServiceConfig, source: 'collector' };
    }
    // 4xx: the collector's answer about this service stands. 5xx and anything else: try the copy on this device.
    // Only the collector's own refusals count; a 404 from a server without the route is "unavailable".
    if (['unknown_service', 'origin_not_allowed'].includes(body?.error?.code)) {
      const message = body?.error?.message ?? `HTTP ${response.status}`;
      return { status: 'refused', problem: { path: 'service', message: `the collector at ${new URL(url).origin} refuses the survey config: ${message}` } };
    }
    reason = `HTTP ${response.status}`;
  } catch (e) {
    reason = (e as Error)?.message ?? String(e);
  } finally {
    clearTimeout(timer);
  }
  const kept = await loadDelivery().then((d) => d.keptServiceConfig(url), () => undefined);
  return kept ? { status: 'ok', config: kept, source: 'device' } : { status: 'unavailable', reason };
}

/** The service's published config, fetched once per page (the HTTP cache serves repeats). */
export function serviceConfig(url: string): Promise<ServiceConfigState> {
  let p = fetched.get(url);
  if (!p) {
    p = load(url);
    fetched.set(url, p);
    // A failure is not remembered for ever: the next element tries again.
    void p.then((s) => s.status !== 'ok' && fetched.delete(url));
  }
  return p;
}
