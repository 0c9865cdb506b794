/**
 * The survey that OMB Circular A-11 Section 280.14 prescribes, as data: the
 * required wording, the seven drivers in the seed's order and their matched
 * positive/negative statements. English is the reference text; the element
 * translates it by statement id.
 */

export const SCHEMA_VERSION = 1 as const;

export const SCALES = ['thumbs', 'five-point'] as const;
export type Scale = (typeof SCALES)[number];

export const SUBJECTS = ['interaction', 'service'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** Section 280.14's three kinds of customer feedback survey. */
export const SURVEY_TYPES = ['post-interaction', 'post-service-journey', 'relational'] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];

/**
 * Usual channel names (section 280.14 lists mail, phone, online, email, texting and in-person as
 * examples); any other lower-case slug is accepted too.
 */
export const KNOWN_CHANNELS = ['web', 'mobile-app', 'kiosk', 'email', 'sms', 'phone', 'in-person', 'mail'] as const;

export type Branch = 'positive' | 'negative';

/** How drivers are worded: the seed's statements, or 1-3-word labels with icons. */
export const DRIVER_LABELS = ['statements', 'short'] as const;
export type DriverLabels = (typeof DRIVER_LABELS)[number];

/** Q1 "Required Wording"; {subject} is "interaction" or "service", {agency} the HISP. */
export const Q1_WORDING = 'This {subject} increased my trust in {agency}.';
/** Shown after a thumbs up or a rating at or above the cut (5 by default). */
export const Q2A_WORDING = 'What about this interaction made the difference?';
/** Shown after a thumbs down or a rating below the cut. */
export const Q2B_WORDING = 'What could have been better?';
/** The seed's hint, word for word. */
export const Q2_HINT = '(Tap/Select all that apply)';
export const Q3_WORDING = 'Anything else you want us to know about your experience?';

/** Five-point agreement labels, 1 to 5. */
export const AGREEMENT_LABELS = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'] as const;

export const DRIVER_KEYS = [
  'effectiveness',
  'ease',
  'efficiency',
  'transparency',
  'humanity',
  'employee',
  'other',
  'none',
] as const;
export type DriverKey = (typeof DRIVER_KEYS)[number];

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
  /** The seed's statements; the first is the default. */
  statements: readonly StatementPair[];
  /** 1-3-word labels the seed encourages, shown with icons when `labels: 'short'`. */
  short: StatementPair;
}

const pair = (positive: string, negative: string): StatementPair => ({ positive, negative });

// `as const`: the statement ids each driver has are known to the type checker (messages.ts).
export const DRIVERS = [
  {
    key: 'effectiveness',
    row: 1,
    name: 'Effectiveness',
    required: true,
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
    statements: [pair('I was treated fairly.', 'I was not treated fairly.')],
    short: pair('Treated fairly', 'Treated unfairly'),
  },
  {
    key: 'employee',
    row: 6,
    name: 'Employee interaction',
    required: false,
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
    statements: [pair('Something else.', 'Something else.')],
    short: pair('Something else', 'Something else'),
  },
  {
    key: 'none',
    row: 7,
    name: 'Other: none of the above',
    required: false,
    statements: [pair('None of the above.', 'None of the above.')],
    short: pair('None of these', 'None of these'),
  },
] as const satisfies readonly DriverDefinition[];

export const REQUIRED_DRIVERS: readonly DriverKey[] = DRIVERS.filter((d: DriverDefinition) => d.required).map((d) => d.key);

export function driverDefinition(key: DriverKey): DriverDefinition {
  return (DRIVERS as readonly DriverDefinition[]).find((d) => d.key === key)!;
}

/** Section 280.14's best practice: no more than 15 questions in all. */
export const MAX_QUESTIONS = 15;

/** Replaces `{name}` placeholders; unknown names are left as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
