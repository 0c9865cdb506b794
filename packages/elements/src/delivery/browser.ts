import { isHttpEndpoint, type ResponseRecord } from '@cx-survey/protocol';
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
  const storage = new IndexedDbStorage((warning: StorageWarning) => emit(window, 'cx-storage-warning', warning));
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  const box = new Outbox({
    storage,
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
  void storage.probe().then(flush);
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

/** Asks the browser not to evict this origin's storage (kiosks keep backlogs for days). */
export function requestPersistence(): void {
  void navigator.storage?.persist?.().catch(() => {});
}
