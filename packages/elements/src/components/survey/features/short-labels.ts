import type { Branch, DriverKey } from '@cx-survey/protocol';
import { icon } from '../icons.js';

// Loaded only by surveys with labels="short": an icon beside each 1-3-word driver label.
const circle = 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z';
const heart = 'M12 20s-8-4.5-8-10a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 10c0 5.5-8 10-8 10z';
const paths: Record<DriverKey, string> = {
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

/** A driver's icon for the branch shown. */
export const driverIcon = (key: DriverKey, branch: Branch = 'positive') => icon((branch === 'negative' && negative[key]) || paths[key]);
