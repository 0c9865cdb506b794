import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResponseRecord } from '@cx-survey/protocol';
import { ADMIN, PRA, record } from './helpers.js';

export const DAY = 86_400_000;

/** Thumbs records of a service: `count` answered inside [from, to), floor(count × upShare) of them thumbs up, ups and downs interleaved evenly. */
export function thumbs(service: string, count: number, upShare: number, from: number, to: number, extra: Partial<ResponseRecord> = {}): ResponseRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const up = Math.floor((i + 1) * upShare + 1e-9) > Math.floor(i * upShare + 1e-9);
    return record({
      service,
      answeredAt: new Date(from + ((i + 0.5) * (to - from)) / count).toISOString(),
      q1: up ? 1 : 0,
      branch: up ? 'positive' : 'negative',
      q2: up ? (i % 3 === 0 ? ['ease', 'efficiency'] : ['effectiveness']) : i % 2 ? ['efficiency'] : [],
      channel: i % 4 === 0 ? 'kiosk' : 'web',
      surveyType: i % 5 === 0 ? 'post-service-journey' : 'post-interaction',
      ...extra,
    });
  });
}

export function fivePoint(service: string, ratings: Array<number | null>, from: number, to: number): ResponseRecord[] {
  return ratings.map((q1, i) =>
    record({
      service,
      scale: 'five-point',
      positiveCut: 4,
      q1,
      branch: q1 === null ? null : q1 >= 4 ? 'positive' : 'negative',
      q2: q1 === null ? [] : q1 >= 4 ? ['humanity'] : ['ease'],
      q3: q1 === null ? 'skipped the rating' : null,
      answeredAt: new Date(from + ((i + 0.5) * (to - from)) / ratings.length).toISOString(),
      channel: i % 3 === 0 ? 'phone' : 'web',
    }),
  );
}

/** The seeds date from FY 2025: a collector receiving them now must accept answers that old without calling them clock suspect. */
export const HISTORY_GRACE = ['--grace-days', '3650'];

export function servicesFile(ids: Array<{ id: string; scale?: string; name?: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cx-dash-'));
  const file = join(dir, 'services.json');
  writeFileSync(file, JSON.stringify({ services: ids.map((s) => ({ id: s.id, name: s.name ?? `Service ${s.id}`, agency: 'Test Agency', scale: s.scale ?? 'thumbs', pra: PRA,
    // fivePoint() records are answered with 4-5 positive: the service must say so, or the collector refuses them.
    ...(s.scale === 'five-point' ? { positiveCut: 4 } : {}) })) }));
  return file;
}

export async function post(url: string, records: ResponseRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 100) {
    const res = await fetch(`${url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(records.slice(i, i + 100)) });
    const body = (await res.json()) as { stored: number; rejected: number; results: unknown[] };
    if (res.status !== 200 || body.rejected) throw new Error(`seeding failed: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  }
}

export async function admin<T>(url: string, path: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const uniqueSchema = () => `cx_dash_${process.pid}_${randomUUID().slice(0, 8)}`;

/** FY 2025 Q2 = January 1 to March 31, 2025 (UTC). */
export const Q2_FROM = Date.UTC(2025, 0, 1);
export const Q2_TO = Date.UTC(2025, 3, 1);
