/** How the dashboard writes numbers and names: pure, no DOM, tested beside it (format.unit.test.ts). */
import { DRIVERS, type DriverKey } from '@cx-survey/protocol';
import type { TrustFigure } from './api.js';

/** The seed's driver names, from the protocol. */
export const DRIVER_NAMES = Object.fromEntries(DRIVERS.map((d) => [d.key, d.name])) as Record<DriverKey, string>;

/** A bar's label: the name's first word; for the two "Other: …" rows, what follows "Other:". */
export function chartLabel(k: DriverKey): string {
  const name = DRIVER_NAMES[k];
  const rest = name.startsWith('Other: ') ? name.slice('Other: '.length) : name.split(' ')[0];
  return rest[0].toUpperCase() + rest.slice(1);
}

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} %`);
export const ci = (t: Pick<TrustFigure, 'ci'>) => (t.ci ? `${t.ci.low.toFixed(1)}–${t.ci.high.toFixed(1)} %` : '—');
export const num = (n: number) => n.toLocaleString('en-US');
