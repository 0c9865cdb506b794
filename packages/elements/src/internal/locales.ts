/**
 * Which languages the survey speaks and how a requested language tag is
 * matched to one of them. No DOM: the element passes in what it knows.
 */

/**
 * English plus the languages most spoken in the U.S. by people with limited
 * English proficiency.
 */
export const SUPPORTED_LOCALES = ['en', 'es', 'zh-Hans', 'zh-Hant', 'vi', 'ko', 'tl', 'ru', 'ar', 'ht', 'fr', 'pt'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

const RTL = new Set<string>(['ar']);
export const isRtl = (locale: string) => RTL.has(locale);

/** Traditional script where the tag says so, or by region (Taiwan, Hong Kong, Macau). */
function chinese(parts: string[]): SupportedLocale {
  const rest = parts.slice(1).map((p) => p.toLowerCase());
  if (rest.includes('hant') || rest.some((p) => ['tw', 'hk', 'mo'].includes(p))) return 'zh-Hant';
  return 'zh-Hans';
}

/** One tag to a supported locale, or undefined: es-US → es, zh-TW → zh-Hant, fil → tl, de → undefined. */
export function matchLocale(tag: string | null | undefined, supported: readonly string[] = SUPPORTED_LOCALES): string | undefined {
  if (!tag) return undefined;
  const exact = supported.find((s) => s.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const parts = tag.split(/[-_]/);
  const language = parts[0].toLowerCase();
  const candidate = language === 'zh' ? chinese(parts) : language === 'fil' ? 'tl' : language;
  return supported.find((s) => s.toLowerCase() === candidate.toLowerCase());
}

/** The first of the candidates (most preferred first) that the survey speaks, else English. */
export function resolveLocale(candidates: ReadonlyArray<string | null | undefined>, supported: readonly string[] = SUPPORTED_LOCALES): string {
  for (const tag of candidates) {
    const match = matchLocale(tag, supported);
    if (match) return match;
  }
  return 'en';
}
