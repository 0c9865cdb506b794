import type { SurveyConfigInput } from '@cx-survey/protocol';

/** The `config` attribute's text when it is not JSON: reported as a config problem, never thrown. */
export class InvalidJson {
  constructor(readonly text: string) {}
}

/** Lit converter for the `config` attribute. */
export const jsonConverter = {
  fromAttribute(value: string | null): unknown {
    if (value === null) return undefined;
    try {
      return JSON.parse(value);
    } catch {
      return new InvalidJson(value);
    }
  },
};

/** What the element's attributes say, under the config's camelCase names (unset ones undefined). */
export interface AttributeInput extends Omit<SurveyConfigInput, 'q3' | 'pra' | 'drivers' | 'questions' | 'wording'> {
  noQ3: boolean;
  kiosk: boolean;
  praControlNumber?: string;
  praExpiration?: string;
  praBurden?: string;
  praBurdenUrl?: string;
}

const isSet = (v: unknown) => v !== undefined && v !== null;
const setOnly = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => isSet(v)));

/**
 * Merges the attributes over `config`: an attribute that is set wins over the
 * same setting there, and the pra-* attributes win key by key over `pra`.
 */
export function mergeInput(config: SurveyConfigInput | undefined, attrs: AttributeInput): Record<string, unknown> {
  const { noQ3, kiosk, praControlNumber, praExpiration, praBurden, praBurdenUrl, ...plain } = attrs;
  const input: Record<string, unknown> = { ...(config ?? {}), ...setOnly(plain) };
  if (noQ3) input.q3 = false;
  if (kiosk && input.channel === undefined) input.channel = 'kiosk';
  const pra = setOnly({ controlNumber: praControlNumber, expiration: praExpiration, burden: praBurden, burdenUrl: praBurdenUrl });
  if (Object.keys(pra).length) input.pra = { ...((input.pra as object | undefined) ?? {}), ...pra };
  return input;
}
