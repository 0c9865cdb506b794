import type { ResponseRecord } from '@cx-survey/protocol';
import { afterLoadIdle } from '../internal/idle.js';
import type { Transport } from './outbox.js';
import type { DeadLetter, QueuedRecord } from './storage.js';

type DeliveryModule = typeof import('./browser.js');
let loading: Promise<DeliveryModule> | undefined;

/**
 * The delivery code is a chunk of its own: showing Q1 does not need it, so it
 * loads on the respondent's first answer or when the browser is first idle
 * after the page has loaded (`loadDeliverySoon`), whichever comes first; the
 * `responses` API, a kiosk and a submit load it at once. Once the page is
 * idle its outbox is started, so a backlog from an earlier visit is sent. A
 * failed load (a network blip) is tried again on the next call.
 */
export function loadDelivery(): Promise<DeliveryModule> {
  loading ??= import('./browser.js').then(
    (d) => {
      for (const ready of whenReady.splice(0)) ready(d);
      return d;
    },
    (err) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

const whenReady: Array<(d: DeliveryModule) => void> = [];
let loaded: DeliveryModule | undefined;
whenReady.push((d) => (loaded = d));

/** Runs `ready` once the delivery code is loaded, however late, without asking for it to load. */
export function whenDeliveryLoaded(ready: (d: DeliveryModule) => void): void {
  if (loaded) ready(loaded);
  else whenReady.push(ready);
}

let scheduled = false;

/** Loads the delivery code once the page is idle after its load event: a queued backlog is sent soon after load. */
export function loadDeliverySoon(): void {
  if (scheduled) return;
  scheduled = true;
  afterLoadIdle(() =>
    // Starting the page's outbox sends the backlog (a survey's status line subscribes only once it submits).
    loadDelivery().then((d) => d.pageOutbox(), () => {
      // Offline before the chunk came: try again when the network is back.
      scheduled = false;
      window.addEventListener('online', loadDeliverySoon, { once: true });
    }),
  );
}

/** Records submitted while the delivery code could not be loaded: kept here and queued as soon as it loads. */
const waiting: Array<{ record: ResponseRecord; endpoint: string }> = [];
let retrying = false;

function retryLater(): void {
  if (retrying) return;
  retrying = true;
  const attempt = () =>
    loadDelivery().then(async (d) => {
      window.removeEventListener('online', attempt);
      clearInterval(timer);
      retrying = false;
      for (const w of waiting.splice(0)) await d.enqueue(w.record, w.endpoint);
    }, () => {});
  const timer = setInterval(attempt, 30000);
  window.addEventListener('online', attempt);
}

/**
 * Queues a record for delivery. If the delivery code cannot be loaded yet,
 * the record is held in memory (durable: false) and queued once it loads.
 */
export async function queueRecord(record: ResponseRecord, endpoint: string): Promise<{ durable: boolean }> {
  try {
    return await (await loadDelivery()).enqueue(record, endpoint);
  } catch {
    waiting.push({ record, endpoint });
    retryLater();
    return { durable: false };
  }
}

/** Responses, not the anonymous offer counts that share their queue. */
export const isResponse = (entry: { record: object }) => 'schemaVersion' in entry.record;

/**
 * The delivery queue's public face: what is waiting, what was refused, and
 * ways to act on them. Dead letters are never deleted unless a host says so.
 */
export const responses = {
  /** Records waiting to be delivered. */
  pending: async (): Promise<QueuedRecord[]> => (await loadDelivery()).pageOutbox().pending().then((all) => all.filter(isResponse)),
  /** Records the collector refused or that passed its grace period. */
  deadLetters: async (): Promise<DeadLetter[]> => (await loadDelivery()).pageOutbox().deadLetters(),
  /** Puts a dead letter back in the queue. */
  retryDeadLetter: async (id: string): Promise<boolean> => (await loadDelivery()).pageOutbox().retryDeadLetter(id),
  /** Deletes a dead letter for good, once someone has dealt with it. */
  discardDeadLetter: async (id: string): Promise<void> => (await loadDelivery()).pageOutbox().discardDeadLetter(id),
  /** Sends what is due now; with `force`, everything waiting, backoff or not (a kiosk's "send now"). */
  flush: async (force = false): Promise<void> => (await loadDelivery()).pageOutbox().flush(force),
};

/** Lets a host deliver through its own channel (a native app bridge) for one endpoint name. */
export async function registerTransport(endpoint: string, transport: Transport | undefined): Promise<void> {
  (await loadDelivery()).registerTransport(endpoint, transport);
}
