/**
 * The survey that OMB Circular A-11 Section 280.14 prescribes, as data: the
 * required wording, the scales, the driver keys in the seed's order (their
 * statements: drivers.ts). English is the reference text; the element
 * translates it by message id.
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
export const KNOWN_CHANNELS = ['web', 'mobile-app', 'kiosk', 'email', 'sms', 'phone', 'ivr', 'in-person', 'mail', 'paper'] as const;

/** Channels where the element runs in a browser: their records carry the page path and the language shown. */
export const BROWSER_CHANNELS = ['web', 'mobile-app', 'kiosk'] as const;

/** Channels whose format cannot take free text, so Q3 is left out (section 280.14: "… IVR … does not enable"). */
export const NO_Q3_CHANNELS = ['ivr'] as const;

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

/** Section 280.14's best practice: no more than 15 questions in all. */
export const MAX_QUESTIONS = 15;

/** Replaces `{name}` placeholders; unknown names are left as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
