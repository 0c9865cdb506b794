/**
 * One source of survey configuration. The collector publishes each service's survey at
 * `GET /v1/services/:id`; the element renders it, and a page may only narrow it (language,
 * presentation, where it runs). The same rules check a record on the device before "thank you" and on
 * the collector before it is stored, so a device never thanks a respondent for a record the collector
 * refuses.
 */
import type { DriverKey, Scale, Subject } from './a11.js';
import type { ConfigProblem, PraNotice, SurveyConfigInput } from './config.js';
import type { AdditionalQuestion } from './questions.js';
import { canonicalJson } from './canonical-json.js';
import { wordingOf, type DriverChoice } from './drivers.js';
import { scaleInForce, type ScalePeriod } from './scale-history.js';


/** A service's survey as the collector publishes it: nothing secret, everything the element needs to render it. */
export interface PublicServiceConfig {
  service: string;
  name: string;
  agency: string;
  subject: Subject;
  q1Wording?: string;
  scale: Scale;
  positiveCut: number;
  /** Every period of scale and cut, oldest first, the last one `scale`/`positiveCut`: a record is checked against the one in force when it was answered. */
  scaleHistory: ScalePeriod[];
  /** The drivers the collector accepts, each with its statement or agency pair. */
  drivers: DriverChoice[];
  /** True when the services file lists no drivers: the collector accepts any, so the element's defaults may apply offline. */
  allowsEveryDriver: boolean;
  q3: boolean;
  q3MaxLength: number;
  questions: AdditionalQuestion[];
  wording?: Record<string, Record<string, string>>;
  pra?: PraNotice;
  /** Responses must carry a window token. */
  requireToken: boolean;
  /** surveyVersion() of this config: the instrument version records carry. */
  version: string;
}

/** Settings a page may set freely: where and how the survey is shown, not what it asks. */
const PAGE_ONLY = new Set(['channel', 'surveyType', 'labels', 'endpoint', 'location', 'pra']);
/** Settings a page may repeat but not change. */
const FIXED = ['service', 'agency', 'subject', 'q1Wording', 'scale', 'positiveCut', 'questions', 'wording'] as const;

const pickBurden = ({ burden, burdenUrl }: Partial<PraNotice>): Partial<PraNotice> => ({ ...(burden !== undefined ? { burden } : {}), ...(burdenUrl !== undefined ? { burdenUrl } : {}) });
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const asChoice = (d: DriverKey | DriverChoice): DriverChoice => (typeof d === 'string' ? { key: d } : d);

/**
 * Merges a page's settings into the service's published config. A page may narrow (fewer drivers,
 * no Q3, a shorter Q3 limit) and set where and how it is shown; anything that would make it ask
 * something the collector does not accept is a problem naming the attribute.
 */
export function narrowToService(page: SurveyConfigInput, published: PublicServiceConfig, now = Date.now()): { input: SurveyConfigInput; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });
  // The scale asked with now (a scheduled change comes into force on its date).
  const service = { ...published, ...scaleInForce(published, now) };
  const input: SurveyConfigInput = {
    service: service.service,
    subject: service.subject,
    scale: service.scale,
    positiveCut: service.positiveCut,
    q3: service.q3,
    q3MaxLength: service.q3MaxLength,
    questions: service.questions,
  };
  // A Q1 wording without {agency} may leave the agency unnamed (published as "").
  if (service.agency) input.agency = service.agency;
  if (service.q1Wording !== undefined) input.q1Wording = service.q1Wording;
  if (service.wording !== undefined) input.wording = service.wording;
  if (service.pra !== undefined) input.pra = service.pra;
  if (!service.allowsEveryDriver) input.drivers = service.drivers;
  for (const key of Object.keys(page) as (keyof SurveyConfigInput)[]) {
    const value = page[key];
    if (value === undefined) continue;
    if (PAGE_ONLY.has(key)) {
      if (key !== 'pra' || service.pra === undefined) (input as Record<string, unknown>)[key] = value;
      // The clearance (number, expiry) is the service's; the burden statement and its link are the page's to show.
      else input.pra = { ...pickBurden(value as PraNotice), ...service.pra };
    } else if ((FIXED as readonly string[]).includes(key)) {
      const theirs = (service as unknown as Record<string, unknown>)[key];
      if (!same(value, theirs))
        bad(key, `the page sets ${key} to ${JSON.stringify(value)}, but service "${service.service}" on the collector says ${theirs === undefined ? 'nothing' : JSON.stringify(theirs)}; remove the attribute or change the services file`);
    } else if (key === 'q3') {
      if (value === true && !service.q3) bad('q3', `service "${service.service}" does not ask Q3; the page cannot turn it on`);
      else input.q3 = value as boolean;
    } else if (key === 'q3MaxLength') {
      if ((value as number) > service.q3MaxLength) bad('q3MaxLength', `service "${service.service}" accepts Q3 answers of at most ${service.q3MaxLength} characters`);
      else input.q3MaxLength = value as number;
    } else if (key === 'drivers') {
      const chosen = (value as Array<DriverKey | DriverChoice>).map(asChoice);
      for (const d of chosen) {
        if (service.allowsEveryDriver) continue;
        const theirs = service.drivers.find((s) => s.key === d.key);
        if (!theirs) bad('drivers', `driver "${d.key}" is not offered by service "${service.service}" (it offers ${service.drivers.map((s) => s.key).join(', ')})`);
        else if ((d.statement !== undefined || d.positive !== undefined) && wordingOf(d) !== wordingOf(theirs))
          bad('drivers', `driver "${d.key}": the page asks for ${wordingOf(d)}, service "${service.service}" uses ${wordingOf(theirs)}`);
      }
      // The service's wording of each driver the page keeps.
      input.drivers = service.allowsEveryDriver ? chosen : service.drivers.filter((s) => chosen.some((d) => d.key === s.key));
    } else {
      (input as Record<string, unknown>)[key] = value;
    }
  }
  return { input, problems };
}

/**
 * What a page may set on a first visit while the collector cannot be reached and no copy of its config is
 * kept (issue #14: "with none cached, the element's built-in defaults apply only if the service file allows
 * every driver"). The element's built-in defaults (thumbs, the seed's Q1 wording and statements, its default
 * drivers) are what a services-file entry without a `drivers` list accepts; a page that sets any of these
 * instead (a scale, a cut, drivers or their statements, other wording, additional questions) asks for
 * something only the collector's config can confirm, so the survey is not shown: each such setting is a problem.
 */
export const COLLECTOR_CONFIRMED = ['scale', 'positiveCut', 'drivers', 'subject', 'q1Wording', 'questions', 'wording'] as const;

export function unconfirmedPageSettings(page: SurveyConfigInput, reason: string): ConfigProblem[] {
  return COLLECTOR_CONFIRMED.filter((key) => page[key] !== undefined).map((key) => ({
    path: key,
    message: `the service's survey config cannot be fetched from the collector (${reason}) and no copy is kept on this device; the page sets ${key}, which only that config can confirm, so the survey is not shown until the collector can be reached`,
  }));
}
