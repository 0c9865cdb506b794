/**
 * Section 280.14's driver table as data: the seven drivers in the seed's order, their status and
 * their matched positive/negative statements. Apart from a11.ts's wording so that a page showing Q1
 * does not download the checklist's statements before the respondent answers (#16).
 */
import type { DriverKey } from './a11.js';

/** One driver as offered: which seed statement, or the agency's own matched pair. */
export interface DriverChoice {
  key: DriverKey;
  /** Index into the seed's statements for this driver (default 0). */
  statement?: number;
  /** The agency's own "similar" wording; positive and negative come as a pair. */
  positive?: string;
  negative?: string;
}

export interface StatementPair {
  positive: string;
  negative: string;
}

export interface DriverDefinition {
  key: DriverKey;
  /** The seed's row number (1-7); "Something else" and "None of the above" share row 7. */
  row: number;
  name: string;
  /** "Required", or "Required if applicable" / "If applicable" in the seed. */
  required: boolean;
  /** The seed's Status column, word for word: rows 4-6 must be offered where they apply, row 7 is optional. */
  status: DriverStatus;
  /** The seed's statements; the first is the default. */
  statements: readonly StatementPair[];
  /** 1-3-word labels the seed encourages, shown with icons when `labels: 'short'`. */
  short: StatementPair;
}

export type DriverStatus = 'Required' | 'Required if applicable' | 'If applicable';

const pair = (positive: string, negative: string): StatementPair => ({ positive, negative });

// `as const`: the statement ids each driver has are known to the type checker (messages.ts).
export const DRIVERS = [
  {
    key: 'effectiveness',
    row: 1,
    name: 'Effectiveness',
    required: true,
    status: 'Required',
    statements: [
      pair('My need was addressed.', 'My need was not addressed.'),
      pair('My issue was resolved.', 'My issue was not resolved.'),
      pair('I found what I needed.', 'I did not find what I needed.'),
      pair('My question was answered.', 'My question was not answered.'),
    ],
    short: pair('Need met', 'Need not met'),
  },
  {
    key: 'ease',
    row: 2,
    name: 'Ease',
    required: true,
    status: 'Required',
    statements: [
      pair('It was easy to complete what I needed to do.', 'It was difficult to complete what I needed to do.'),
      pair('It was easy to find what I needed.', 'It was difficult to find what I needed.'),
    ],
    short: pair('Easy', 'Difficult'),
  },
  {
    key: 'efficiency',
    row: 3,
    name: 'Efficiency',
    required: true,
    status: 'Required',
    statements: [
      pair('It took a reasonable amount of time to do what I needed to do.', 'It took too long to do what I needed to do.'),
      pair('I found what I needed on the site quickly.', 'I did not find what I needed on the site quickly.'),
    ],
    short: pair('Quick', 'Too slow'),
  },
  {
    key: 'transparency',
    row: 4,
    name: 'Transparency',
    required: false,
    status: 'Required if applicable',
    statements: [
      pair(
        'I understand what was being asked of me throughout the process.',
        'I did not understand what was being asked of me throughout the process.',
      ),
      pair("I understand the reason for the {agency}'s decision.", "I did not understand the reason for the {agency}'s decision."),
    ],
    short: pair('Clear process', 'Unclear process'),
  },
  {
    key: 'humanity',
    row: 5,
    name: 'Humanity / Equity',
    required: false,
    status: 'Required if applicable',
    statements: [pair('I was treated fairly.', 'I was not treated fairly.')],
    short: pair('Treated fairly', 'Treated unfairly'),
  },
  {
    key: 'employee',
    row: 6,
    name: 'Employee interaction',
    required: false,
    status: 'Required if applicable',
    statements: [
      pair('Employees I interacted with were helpful.', 'Employees I interacted with were not helpful.'),
      pair(
        'The call center representative was committed to solving my problem.',
        'The call center representative was not committed to solving my problem.',
      ),
    ],
    short: pair('Helpful staff', 'Unhelpful staff'),
  },
  {
    key: 'other',
    row: 7,
    name: 'Other: something else',
    required: false,
    status: 'If applicable',
    statements: [pair('Something else.', 'Something else.')],
    short: pair('Something else', 'Something else'),
  },
  {
    key: 'none',
    row: 7,
    name: 'Other: none of the above',
    required: false,
    status: 'If applicable',
    statements: [pair('None of the above.', 'None of the above.')],
    short: pair('None of these', 'None of these'),
  },
] as const satisfies readonly DriverDefinition[];

export const REQUIRED_DRIVERS: readonly DriverKey[] = DRIVERS.filter((d: DriverDefinition) => d.required).map((d) => d.key);
/** Rows 4-6: a service offers them unless it states why they do not apply. */
export const REQUIRED_IF_APPLICABLE_DRIVERS: readonly DriverKey[] = DRIVERS.filter((d: DriverDefinition) => d.status === 'Required if applicable').map((d) => d.key);

export function driverDefinition(key: DriverKey): DriverDefinition {
  return (DRIVERS as readonly DriverDefinition[]).find((d) => d.key === key)!;
}

/** How a driver is worded, for messages: a seed statement by index or the agency's own pair. */
export const wordingOf = (d: DriverChoice) => (d.positive !== undefined ? `own wording "${d.positive}" / "${d.negative}"` : `statement ${d.statement ?? 0}`);
