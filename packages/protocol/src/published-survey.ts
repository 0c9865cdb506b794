/**
 * The survey a page shows when it only names the collector's service: the published config as it
 * stands. Small on purpose: it is in what every page downloads before Q1 (#16), while the full check
 * (config.ts, service-config.ts) loads only for a page that sets more.
 */
import type { SurveyConfig } from './config.js';
import { CHANNEL, DEFAULT_DRIVERS, PAGE_DEFAULTS } from './defaults.js';
import { isHttpEndpoint } from './endpoint.js';
import { isSlug, MAX_ENDPOINT_LENGTH } from './limits.js';
import { scaleInForce } from './scale-history.js';
import type { PublicServiceConfig } from './service-config.js';

/** Page settings that need no check beyond their own shape (or equality with the published value). */
const PLAIN: Record<string, (value: unknown, published: PublicServiceConfig) => boolean> = {
  service: (v, p) => v === p.service,
  // A page may repeat what the service says (and only that).
  agency: (v, p) => v === p.agency,
  subject: (v, p) => v === p.subject,
  scale: (v, p) => v === p.scale,
  positiveCut: (v, p) => v === p.positiveCut,
  q1Wording: (v, p) => v === p.q1Wording,
  endpoint: (v) => typeof v === 'string' && v.length <= MAX_ENDPOINT_LENGTH && isHttpEndpoint(v),
  channel: (v) => typeof v === 'string' && CHANNEL.test(v),
  location: isSlug,
};

/**
 * The config `narrowToService` and then `resolveConfig` give when every page setting is one of
 * service, agency, subject, scale, positiveCut or q1Wording as published, an http(s) endpoint, a
 * channel or a location: the published survey
 * with the page's defaults. The collector checked that survey when it read its services file, so
 * nothing is left to check. Undefined when the page sets anything else: then the full check
 * runs, with its messages.
 */
export function publishedSurvey(page: Record<string, unknown>, service: PublicServiceConfig, now = Date.now()): SurveyConfig | undefined {
  // The scale asked with now (a scheduled change comes into force on its date).
  const published = { ...service, ...scaleInForce(service, now) };
  for (const [key, value] of Object.entries(page)) if (value !== undefined && !PLAIN[key]?.(value, published)) return undefined;
  const config: SurveyConfig = {
    service: published.service,
    agency: published.agency,
    subject: published.subject,
    scale: published.scale,
    positiveCut: published.positiveCut,
    surveyType: PAGE_DEFAULTS.surveyType,
    channel: (page.channel as string | undefined) ?? PAGE_DEFAULTS.channel,
    // Without a drivers list the collector accepts any: the element offers its defaults.
    drivers: published.allowsEveryDriver ? DEFAULT_DRIVERS.map((key) => ({ key })) : published.drivers,
    labels: PAGE_DEFAULTS.labels,
    q3: published.q3,
    q3MaxLength: published.q3MaxLength,
    questions: published.questions,
  };
  if (published.q1Wording !== undefined) config.q1Wording = published.q1Wording;
  if (published.pra !== undefined) config.pra = published.pra;
  if (page.endpoint !== undefined) config.endpoint = page.endpoint as string;
  if (page.location !== undefined) config.location = page.location as string;
  if (published.wording !== undefined) config.wording = published.wording;
  return config;
}
