import i18next from 'i18next';

/** An agency's own per-language wording, looked up through a private i18next instance. */
export interface AgencyWording {
  t(key: string, values: Record<string, string>): string | undefined;
}

/**
 * Builds an i18next instance of the survey's own (createInstance: the host page's i18next is never
 * touched) holding the agency's PRA-approved wording for one language.
 */
export async function agencyWording(texts: Record<string, string>, locale: string): Promise<AgencyWording> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { translation: texts } },
    // Values are rendered as text by Lit, never as HTML, so i18next need not escape them.
    // Single braces, as in q1Wording and the built-in texts: one placeholder syntax for agencies to learn.
    interpolation: { escapeValue: false, prefix: '{', suffix: '}' },
    keySeparator: false,
  });
  return {
    t: (key, values) => (instance.exists(key) ? instance.t(key, values) : undefined),
  };
}
