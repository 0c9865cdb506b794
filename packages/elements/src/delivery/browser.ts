import { isHttpEndpoint, newRecordId, offerDay, type OfferCount, type PublicServiceConfig, type ResponseRecord } from '@cx-survey/protocol';
import { emit } from '../events/base.js';
import { Outbox, type Transport } from './outbox.js';
import { IndexedDbStorage, type StorageWarning } from './storage.js';
import { fetchTransport, sendKeepalive } from './transport.js';

/** One queue per origin: every survey on the page shares it, and tabs take turns through a Web Lock. */
const LOCK_NAME = 'cx-survey-outbox';

const transports = new Map<string, Transport>();
const defaultTransport = fetchTransport();
/** Records this page queued and has not seen acknowledged: what a keepalive may carry on pagehide. */
const unsent = new Map<string, { record: ResponseRecord; endpoint: string }>();
let outbox: Outbox | undefined;
let storage: IndexedDbStorage | undefined;


/** Lets a host deliver through its own channel (a native app bridge) for one endpoint name. */
export function registerTransport(endpoint: string, transport: Transport | undefined): void {
  if (transport) transports.set(endpoint, transport);
  else transports.delete(endpoint);
  // Records queued for this endpoint may have been waiting for exactly this.
  if (transport) void pageOutbox().flush();
}

/** The page's outbox, created on first use: it flushes at once and whenever the network or the page comes back. */
export function pageOutbox(): Outbox {
  if (outbox) return outbox;
  const store = new IndexedDbStorage((warning: StorageWarning) => emit(window, 'cx-storage-warning', warning));
  storage = store;
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  const box = new Outbox({
    storage: store,
    transportFor: (endpoint) => transports.get(endpoint) ?? (isHttpEndpoint(endpoint) ? defaultTransport : undefined),
    exclusive: locks ? (run) => locks.request(LOCK_NAME, run) : undefined,
  });
  outbox = box;
  box.subscribe((e) => {
    if (e.type === 'sent' || e.type === 'rejected' || e.type === 'expired') unsent.delete(e.id);
    if (e.type === 'rejected' || e.type === 'expired') {
      const { record, code, message, status } = e.letter;
      emit(window, 'cx-dead-letter', { id: e.id, service: record.service, reason: e.type, code, message, status });
    }
  });
  const flush = () => void box.flush();
  void store.probe().then(flush);
  // Back online: send everything now rather than wait out backoff timers grown while offline.
  window.addEventListener('online', () => void box.flush(true));
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && flush());
  window.addEventListener('pagehide', () => {
    const byEndpoint = new Map<string, ResponseRecord[]>();
    for (const { record, endpoint } of unsent.values()) {
      if (!transports.has(endpoint) && isHttpEndpoint(endpoint)) byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), record]);
    }
    for (const [endpoint, records] of byEndpoint) sendKeepalive(records, endpoint);
  });
  return box;
}

/** Queues a record on the page's outbox and starts sending it. */
export async function enqueue(record: ResponseRecord, endpoint: string): Promise<{ durable: boolean }> {
  const box = pageOutbox();
  unsent.set(record.id, { record, endpoint });
  const result = await box.add(record, endpoint);
  void box.flush();
  return result;
}

/**
 * Queues an anonymous offer count (service, channel, day) in the same outbox as the responses, for the
 * collector's offers path: batched, retried and acknowledged the same way.
 */
export async function enqueueOffer(offer: Pick<OfferCount, 'service' | 'channel'>, endpoint: string): Promise<void> {
  const box = pageOutbox();
  // Made here, not by the survey: the record id and day code load with the outbox, not with Q1.
  const count: OfferCount = { id: newRecordId(), service: offer.service, channel: offer.channel, day: offerDay(new Date()), count: 1 };
  // The outbox carries anything with an id that its collector acknowledges per item.
  await box.add(count as unknown as ResponseRecord, endpoint);
  void box.flush();
}

/** The last survey config a collector published for `url`, kept with the queue for offline visits. */
export async function keepServiceConfig(url: string, config: PublicServiceConfig): Promise<void> {
  pageOutbox();
  await storage!.keep(url, config);
}

export async function keptServiceConfig(url: string): Promise<PublicServiceConfig | undefined> {
  pageOutbox();
  return (await storage!.recall(url)) as PublicServiceConfig | undefined;
}

/** Asks the browser not to evict this origin's storage (kiosks keep backlogs for days). */
export function requestPersistence(): void {
  void navigator.storage?.persist?.().catch(() => {});
}
