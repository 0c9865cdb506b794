import type { ResponseRecord } from '@cx-survey/protocol';
import type { DeliveryResult, Transport } from './outbox.js';
import { outcomeOf, retryAfterMs } from './policy.js';

interface CollectorResult {
  index?: number;
  outcome?: 'stored' | 'duplicate' | 'rejected';
  status?: number;
  error?: { code?: string; message?: string };
}

/**
 * POSTs a batch as JSON to the collector and reads its per-record answer.
 * No cookies; a request that hangs is abandoned after `timeoutMs` and retried
 * (the collector may have stored it: the record id makes the retry harmless).
 */
export function fetchTransport(timeoutMs = 20000): Transport {
  return async (records, endpoint) => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let response: Response;
    let body: { results?: CollectorResult[]; error?: { code?: string; message?: string } } | undefined;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(records),
        credentials: 'omit',
        signal: abort.signal,
      });
      body = await response.json().catch(() => undefined);
    } finally {
      clearTimeout(timer);
    }
    const wait = retryAfterMs(response.headers.get('retry-after'), Date.now());
    const whole = (r: ResponseRecord, status: number, error = body?.error): DeliveryResult => ({
      id: r.id,
      outcome: outcomeOf(status),
      status,
      code: error?.code,
      message: error?.message ?? `HTTP ${status}`,
      retryAfterMs: wait,
    });
    if (!Array.isArray(body?.results)) {
      // A 2xx that does not acknowledge each record (a captive portal's page, a proxy) acknowledges nothing.
      if (response.ok) return records.map((r) => ({ id: r.id, outcome: 'retry', status: response.status, message: `HTTP ${response.status} without per-record results` }));
      return records.map((r) => whole(r, response.status));
    }
    const results = body!.results;
    return records.map((r, i) => {
      const x = results.find((y) => y.index === i) ?? results[i];
      if (!x) return { id: r.id, outcome: 'retry', message: 'the collector did not answer for this record' };
      if (x.outcome === 'stored' || x.outcome === 'duplicate') return { id: r.id, outcome: 'delivered', status: x.status };
      return whole(r, x.status ?? response.status, x.error);
    });
  };
}

/** The most a keepalive request may carry (the Fetch standard's limit). */
export const KEEPALIVE_LIMIT = 64 * 1024;

/**
 * Best effort when the page is going away: sends what fits under the
 * keepalive limit without waiting for an answer. Never counts as delivered;
 * the queue keeps the records until a real acknowledgement.
 */
export function sendKeepalive(records: ResponseRecord[], endpoint: string): void {
  let batch: ResponseRecord[] = [];
  const send = () => {
    if (!batch.length) return;
    fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch), credentials: 'omit', keepalive: true }).catch(() => {});
    batch = [];
  };
  let size = 2;
  let total = 0;
  for (const r of records) {
    const bytes = new TextEncoder().encode(JSON.stringify(r)).length + 1;
    // Browsers cap all keepalive requests of a page together at 64 KiB.
    if (total + bytes > KEEPALIVE_LIMIT) break;
    if (size + bytes > KEEPALIVE_LIMIT) {
      send();
      size = 2;
    }
    batch.push(r);
    size += bytes;
    total += bytes;
  }
  send();
}
