/**
 * Removes the most common direct identifiers from free text before it is
 * stored. Conservative on purpose: a nine-digit number or a phone-shaped
 * number is removed even when it is something else, since a lost digit costs
 * the analysis little and a stored SSN costs the respondent a lot.
 */
export type RedactionKind = 'email' | 'ssn' | 'phone';

const PATTERNS: ReadonlyArray<[RedactionKind, RegExp, string]> = [
  // Emails first, so their digits are not then taken for phone numbers.
  ['email', /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  ['ssn', /(?<![\d-])\d{3}[- .]?\d{2}[- .]?\d{4}(?![\d-])/g, '[SSN]'],
  ['phone', /(?<![\d])(?:\+?1[-. ]?)?(?:\(\d{3}\)|\d{3})[-. ]?\d{3}[-. ]?\d{4}(?!\d)/g, '[phone]'],
];

export function redactText(text: string, found: Set<RedactionKind>): string {
  let out = text;
  for (const [kind, pattern, marker] of PATTERNS) {
    out = out.replace(pattern, () => {
      found.add(kind);
      return marker;
    });
  }
  return out;
}
