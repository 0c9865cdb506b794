/**
 * Removes the most common direct identifiers (SSNs, phone numbers, e-mail addresses) from what a
 * respondent could type or a page could carry before a record is stored. Conservative on purpose: a
 * nine-digit number or a phone-shaped number is removed even when it is something else, since a lost
 * digit costs the analysis little and a stored SSN costs the respondent a lot.
 *
 * Matching is Unicode-aware, because the forms people (and their keyboards) produce are: any script's
 * or full-width digits, en and em dashes, no-break and double spaces between groups, invisible
 * format characters (zero-width space, soft hyphen, word joiner) inside a number or an address, and
 * internationalised e-mail addresses. The text is matched as sent and only the matches are replaced,
 * so everything else is stored exactly as written.
 */
import type { ResponseRecord } from '@cx-survey/protocol';

export type RedactionKind = 'email' | 'ssn' | 'phone';

export const REDACTION_MARKERS: Readonly<Record<RedactionKind, string>> = { email: '[email]', ssn: '[SSN]', phone: '[phone]' };

/** A digit of any script, with any invisible format characters after it. */
const DIGIT = String.raw`\p{Nd}\p{Cf}*`;
/** Between digit groups: up to three spaces, dashes, dots or format characters ("123 – 45 6789"). */
const SEP = String.raw`[\p{Zs}\p{Pd}\p{Cf}\t.\u2212\uFF0E]{0,3}`;
const group = (n: number) => `(?:${DIGIT}){${n}}`;
const NOT_AFTER_DIGIT = String.raw`(?<!\p{Nd}\p{Cf}*)`;
// Only a digit ends the match early: "123-45-6789-thanks" and "123-45-6789--4" are SSNs all the same.
const NOT_BEFORE_DIGIT = String.raw`(?!\p{Cf}*\p{Nd})`;

// Local part and domain labels: letters and digits of any script, combining marks, format characters.
const LOCAL = String.raw`[\p{L}\p{M}\p{N}\p{Cf}._%+'\-]+`;
const LABEL = String.raw`[\p{L}\p{M}\p{N}\p{Cf}\-]+`;
const DOT = String.raw`[.\uFF0E\u3002\uFF61]`;
const AT = String.raw`[@\uFF20\uFE6B]`;

const PATTERNS: ReadonlyArray<[RedactionKind, RegExp]> = [
  // E-mail first, so its digits are not then taken for phone numbers.
  ['email', new RegExp(`${LOCAL}\\p{Cf}*${AT}\\p{Cf}*${LABEL}(?:${DOT}${LABEL})*${DOT}(?:xn--[\\p{L}\\p{N}\\-]+|[\\p{L}\\p{M}\\p{Cf}]{2,})`, 'gu')],
  ['ssn', new RegExp(`${NOT_AFTER_DIGIT}${group(3)}${SEP}${group(2)}${SEP}${group(4)}${NOT_BEFORE_DIGIT}`, 'gu')],
  [
    'phone',
    new RegExp(`${NOT_AFTER_DIGIT}(?:[+\\uFF0B]?\\p{Cf}*[1\\uFF11]\\p{Cf}*${SEP})?(?:[(\\uFF08]${group(3)}[)\\uFF09]|${group(3)})${SEP}${group(3)}${SEP}${group(4)}${NOT_BEFORE_DIGIT}`, 'gu'),
  ],
];
const MAY_HOLD_EMAIL = new RegExp(AT, 'u');

/** Replaces every identifier in `text` with its marker, adding each kind found to `found`. */
export function redactText(text: string, found: Set<RedactionKind>): string {
  let out = text;
  for (const [kind, pattern] of PATTERNS) {
    if (kind === 'email' && !MAY_HOLD_EMAIL.test(out)) continue;
    out = out.replace(pattern, () => {
      found.add(kind);
      return REDACTION_MARKERS[kind];
    });
  }
  return out;
}

/** The first `max` code points of `text`: a cut never leaves half of a surrogate pair behind. */
export function truncateCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (let n = 0; n < max && end < text.length; n++) end += (text.codePointAt(end)! > 0xffff ? 2 : 1);
  return text.slice(0, end);
}

/** A page path, segment by segment, also when a segment is percent-encoded ("/case/123%2D45%2D6789"). */
function redactPath(path: string, found: Set<RedactionKind>): string {
  return path
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // Not valid percent-encoding: matched as it is.
      }
      const local = new Set<RedactionKind>();
      const redacted = redactText(decoded, local);
      if (!local.size) return segment;
      for (const k of local) found.add(k);
      return redacted;
    })
    .join('/');
}

export interface TextLimits {
  q3: number;
  textAnswer: number;
}

/**
 * The record as it will be stored: identifiers removed from Q3, from text and choice answers, from
 * the page path and the location code; free text then cut to its limit in code points (a marker can
 * be longer than the short address it replaced). The same object when nothing was found.
 */
export function redactRecord(record: ResponseRecord, found: Set<RedactionKind>, limits: TextLimits): ResponseRecord {
  const local = new Set<RedactionKind>();
  const q3 = record.q3 === null ? null : truncateCodePoints(redactText(record.q3, local), limits.q3);
  const answers: ResponseRecord['answers'] = {};
  for (const [k, v] of Object.entries(record.answers))
    answers[k] = typeof v === 'string' ? truncateCodePoints(redactText(v, local), limits.textAnswer) : v.map((item) => redactText(item, local));
  const pagePath = redactPath(record.pagePath, local);
  const location = record.location === undefined ? undefined : redactText(record.location, local);
  if (!local.size) return record;
  for (const k of local) found.add(k);
  return { ...record, q3, answers, pagePath, ...(location === undefined ? {} : { location }) };
}
