import type { ResponseRecord } from '@cx-survey/protocol';
import { fiveRecord, record } from './helpers.js';

const ALL = ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other', 'none'] as const;
const at = (iso: string) => ({ answeredAt: iso });

/**
 * FY 2025 Q2 (Jan 1 - Mar 31 2025) for t-thumbs, and records that must be
 * left out of it. The expected figures in report.test.ts are worked out by
 * hand from this list.
 */
export function thumbsFixture(): ResponseRecord[] {
  return [
    record({ ...at('2025-01-02T10:00:00Z'), q1: 1, branch: 'positive', q2: ['effectiveness', 'ease'] }),
    record({ ...at('2025-01-15T10:00:00Z'), q1: 1, branch: 'positive', q2: ['ease'] }),
    record({ ...at('2025-02-01T10:00:00Z'), q1: 1, branch: 'positive', q2: [] }),
    record({ ...at('2025-02-10T10:00:00Z'), q1: 0, branch: 'negative', q2: ['efficiency'], channel: 'kiosk', location: 'office-12' }),
    record({ ...at('2025-03-01T10:00:00Z'), q1: 0, branch: 'negative', q2: ['none'], channel: 'kiosk' }),
    record({ ...at('2025-03-20T10:00:00Z'), q1: null, branch: null, q2: [], q3: 'Only wanted to say the form timed out.' }),
    record({
      ...at('2025-03-31T23:59:59Z'),
      q1: 1,
      branch: 'positive',
      q2: ['humanity'],
      channel: 'kiosk',
      surveyType: 'post-service-journey',
      offered: ALL.filter((k) => k !== 'employee'),
    }),
    // Outside the quarter or the service: never counted.
    record({ ...at('2024-12-31T23:59:59Z'), q1: 0, branch: 'negative', q2: ['ease'] }),
    record({ ...at('2025-04-01T00:00:00Z'), q1: 0, branch: 'negative', q2: ['ease'] }),
    fiveRecord(5, at('2025-02-01T00:00:00Z')),
  ];
}

/** Five-point ratings in FY 2025 Q2: 5, 5, 4, 4, 3, 2, 1 and one skipped. */
export function fiveFixture(): ResponseRecord[] {
  return [5, 5, 4, 4, 3, 2, 1, null].map((q1, i) => fiveRecord(q1, { answeredAt: `2025-02-${String(i + 10)}T12:00:00Z`, ...(q1 === null ? { q3: 'no rating' } : {}) }));
}
