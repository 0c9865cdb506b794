import { nothing, svg, type SVGTemplateResult } from 'lit';
import type { Branch, DriverKey } from '@cx-survey/protocol';

// Stroke icons on a 24-unit grid, drawn for this project. Decorative only:
// every icon sits beside its text label, so they are aria-hidden.
const circle = 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z';
const heart = 'M12 20s-8-4.5-8-10a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 10c0 5.5-8 10-8 10z';
const paths: Record<DriverKey | 'thumb', string> = {
  thumb: 'M7 10v11H3V10zM7 10l4-7c1.5 0 2.5 1 2.2 2.6L12.6 9H19a2 2 0 0 1 2 2.3l-1.3 7.6A2.5 2.5 0 0 1 17.2 21H7',
  effectiveness: `${circle}M8 12l3 3 5-6`,
  ease: `${circle}M8 14c2 2.5 6 2.5 8 0M9 9.5h.01M15 9.5h.01`,
  efficiency: `${circle}M12 7v5l3 2`,
  transparency: 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  humanity: heart,
  employee: 'M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 3.6-7 8-7s8 3 8 7',
  other: 'M5 12h.01M12 12h.01M19 12h.01',
  none: `${circle}M5.6 5.6l12.8 12.8`,
};

// Q2b's icons must not contradict its labels ("Need not met" beside a tick, "Difficult" beside a smile):
// drivers whose icon carries a judgement get their negative counterpart; the others are neutral.
const negative: Partial<Record<DriverKey, string>> = {
  effectiveness: `${circle}M9 9l6 6M15 9l-6 6`,
  ease: `${circle}M8 16c2-2.5 6-2.5 8 0M9 9.5h.01M15 9.5h.01`,
  humanity: `${heart}M12 7.2l-1.5 3.3 3 2-1.5 3.5`,
};

/** A driver's icon for the branch shown, or the thumb (flipped for thumbs down). */
export function icon(name: DriverKey | 'thumb', flip = false, branch: Branch = 'positive'): SVGTemplateResult {
  const d = (branch === 'negative' && negative[name as DriverKey]) || paths[name];
  return svg`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" transform=${flip ? 'scale(1,-1)' : nothing}><path d=${d}/></svg>`;
}
