// Shared helpers for the element tests: the real collector, events, axe.
import { executeServerCommand } from '@web/test-runner-commands';
import { aTimeout, waitUntil } from '@open-wc/testing';
import type { ResponseRecord } from '@cx-survey/protocol';
import type { CxSurvey } from '../../packages/elements/src/components/survey/survey.js';
import type { responses } from '../../packages/elements/src/delivery/load.js';
import { createStore, del } from 'idb-keyval';
import { DB_NAME } from '../../packages/elements/src/delivery/storage.js';

declare global {
  interface Window {
    CX_TEST: { collector: string; adminToken: string };
  }
}

export const collectorUrl = () => window.CX_TEST.collector;
export const endpoint = () => `${window.CX_TEST.collector}/v1/responses`;

/** Admin read of the real collector, done by the test server so the token stays out of the page. */
export async function collectorGet<T = unknown>(path: string): Promise<{ status: number; body: T }> {
  return executeServerCommand('cx-collector', { path });
}

/** Waits for the collector to hold a record with this id, and returns it as stored. */
export async function storedRecord(id: string, timeout = 5000): Promise<ResponseRecord> {
  const end = Date.now() + timeout;
  for (;;) {
    const { status, body } = await collectorGet<ResponseRecord>(`/v1/responses/${id}`);
    if (status === 200) return body;
    if (Date.now() > end) throw new Error(`collector has no record ${id} (last status ${status})`);
    await aTimeout(100);
  }
}

/** Collects every cx- event a node sees, in order. */
export function recordEvents(target: EventTarget, names = ['cx-show', 'cx-answer', 'cx-submit', 'cx-delivery', 'cx-dismiss', 'cx-expire', 'cx-error']) {
  const events: CustomEvent[] = [];
  for (const n of names) target.addEventListener(n, (e) => events.push(e as CustomEvent));
  return events;
}

export const until = waitUntil;

/** A YYYY-MM-DD date `days` from today in local time. */
export function localDate(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** An endpoint where nothing listens: deliveries to it are retried, never acknowledged. */
export const unreachable = 'http://127.0.0.1:9/v1/responses';

/** Removes a record from this origin's outbox, so a test's unsendable record does not linger. */
export async function forget(id: string): Promise<void> {
  const store = createStore(DB_NAME, 'v1');
  await del(`q:${id}`, store);
  await del(`d:${id}`, store);
}

/** Ids of the records the collector holds for a service and location, with repeats if any. */
export async function storedIds(service: string, location: string): Promise<string[]> {
  const { status, body } = await collectorGet<ResponseRecord[]>(`/v1/export.json?service=${service}`);
  if (status !== 200) throw new Error(`export answered ${status}`);
  return body.filter((r) => r.location === location).map((r) => r.id);
}

/** Asserts, waiting up to `timeout`, that the collector holds exactly these ids once each for that location. */
export async function expectStoredOnce(service: string, location: string, ids: string[], timeout = 15000): Promise<void> {
  const want = [...ids].sort().join();
  const end = Date.now() + timeout;
  let got: string[] = [];
  for (;;) {
    got = (await storedIds(service, location)).sort();
    if (got.join() === want) return;
    if (got.length > ids.length || Date.now() > end) throw new Error(`collector holds [${got}] for ${location}, expected each of [${[...ids].sort()}] once`);
    await aTimeout(200);
  }
}

export const fault = (payload: object | null) => executeServerCommand('cx-fault', payload);
export const stopCollector = () => executeServerCommand('cx-collector-stop');
export const startCollector = () => executeServerCommand('cx-collector-start');
export const mintToken = (payload: { service: string; windowSeconds?: number; issuedSecondsAgo?: number }) => executeServerCommand<string, typeof payload>('cx-token', payload);
/** Chromium: really offline for the collector's requests. Resolves false where the engine cannot emulate it. */
export const setOffline = (offline: boolean) => executeServerCommand<boolean, { offline: boolean }>('cx-network', { offline });

/** A unique location code per test, so each test counts only its own records. */
export const uniqueLocation = () => `t-${Math.random().toString(36).slice(2, 10)}`;

/**
 * Loads test/browser/fixtures/survey-frame.html in an iframe: a second page of this origin, with its own
 * outbox and module instances (query: service, endpoint, location, source=collector, break=idb|quota).
 */
export async function frame(query: Record<string, string>) {
  const iframe = document.createElement('iframe');
  iframe.src = `/test/browser/fixtures/survey-frame.html?${new URLSearchParams(query)}`;
  document.body.append(iframe);
  await waitUntil(() => (iframe.contentWindow as Window & { cxReady?: boolean })?.cxReady, 'frame ready', { timeout: 10000 });
  const win = () => iframe.contentWindow as Window & { cxEvents: { type: string; detail: Record<string, unknown> }[]; cxResponses: typeof responses; cxReady?: boolean };
  const el = () => win().document.querySelector('cx-survey') as CxSurvey;
  await el().updateComplete;
  return { iframe, win, el };
}
