import type { DriverKey } from '@cx-survey/protocol';
import { icon } from '../icons.js';

// Loaded only by surveys with labels="short": an icon beside each 1-3-word driver label.
const paths: Record<DriverKey, string> = {
  effectiveness: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12l3 3 5-6',
  ease: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 14c2 2.5 6 2.5 8 0M9 9.5h.01M15 9.5h.01',
  efficiency: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2',
  transparency: 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  humanity: 'M12 20s-8-4.5-8-10a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 10c0 5.5-8 10-8 10z',
  employee: 'M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 3.6-7 8-7s8 3 8 7',
  other: 'M5 12h.01M12 12h.01M19 12h.01',
  none: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM5.6 5.6l12.8 12.8',
};

export const driverIcon = (key: DriverKey) => icon(paths[key]);
