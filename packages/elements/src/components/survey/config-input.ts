import { endpointProblem, narrowToService, resolveConfig, unconfirmedPageSettings, type ConfigProblem, type PublicServiceConfig, type SurveyConfig, type SurveyConfigInput } from '@cx-survey/protocol';

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

export type Resolution = { ok: true; config: SurveyConfig } | { ok: false; problems: ConfigProblem[]; service: string };

/**
 * The element's whole configuration check: with the service's published config, the page's settings
 * may only narrow it; then the protocol's rules, then the endpoint the browser can send to. `unavailable`:
 * the collector's config could not be fetched and none is kept (offline first visit); the page may then
 * rely only on the built-in defaults.
 */
export function resolveElementConfig(config: unknown, attrs: AttributeInput, hasTransport: boolean, published?: PublicServiceConfig, unavailable?: { reason: string }): Resolution {
  if (config instanceof InvalidJson) return { ok: false, problems: [{ path: 'config', message: 'the config attribute is not valid JSON' }], service: attrs.service ?? '' };
  let input = mergeInput(config as SurveyConfigInput | undefined, attrs);
  const unconfirmed = unavailable ? unconfirmedPageSettings(input as SurveyConfigInput, unavailable.reason) : [];
  if (unconfirmed.length) return { ok: false, problems: unconfirmed, service: String(input.service ?? '') };
  if (published) {
    const narrowed = narrowToService(input as SurveyConfigInput, published);
    if (narrowed.problems.length) return { ok: false, problems: narrowed.problems, service: published.service };
    input = narrowed.input as Record<string, unknown>;
  }
  const result = resolveConfig(input);
  const problem = result.ok ? endpointProblem(result.config.endpoint, hasTransport) : undefined;
  if (result.ok && !problem) return result;
  return { ok: false, problems: result.ok ? [problem!] : result.problems, service: String(input.service ?? '') };
}
