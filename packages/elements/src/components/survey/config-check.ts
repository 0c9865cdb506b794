import { endpointProblem, narrowToService, resolveConfig, unconfirmedPageSettings, type ConfigProblem, type PublicServiceConfig, type SurveyConfig, type SurveyConfigInput } from '@cx-survey/protocol';
import { InvalidJson, mergeInput, type AttributeInput } from './config-input.js';

// The full configuration check and its messages: a chunk loaded only by a page that sets more than the
// collector's service (or has no collector config); the others show the published survey as it is (#16).

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
