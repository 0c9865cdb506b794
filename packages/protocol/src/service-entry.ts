/**
 * One entry of the collector's services file, checked without the collector: the survey settings by
 * the element's own config check, plus the file's own rules (PRA clearance, "Required if applicable"
 * drivers, origins). The collector (domain/services.ts) and the survey builder share these checks
 * and their messages, so the builder shows a problem exactly as the collector would refuse it.
 */
import { DRIVER_KEYS, type DriverKey } from './a11.js';
import { resolveConfig, type ConfigProblem, type PraNotice, type SurveyConfigInput } from './config.js';
import { REQUIRED_IF_APPLICABLE_DRIVERS } from './drivers.js';
import { isObject, isText } from './text-checks.js';
import type { DriverChoice } from './drivers.js';

/** A services-file entry as written in JSON (docs/collector-operations.md, "Services file"). */
export interface ServiceEntry extends Pick<SurveyConfigInput, 'agency' | 'subject' | 'q1Wording' | 'scale' | 'positiveCut' | 'q3' | 'q3MaxLength' | 'questions' | 'wording'> {
  id: string;
  name?: string;
  drivers?: Array<DriverKey | DriverChoice>;
  notApplicable?: Partial<Record<DriverKey, string>>;
  pra?: Pick<PraNotice, 'controlNumber' | 'expiration'>;
  praExempt?: string;
  requireToken?: boolean;
  origins?: string[];
}

/** The entry's settings that the element's configuration shares (checked by resolveConfig). */
export const SERVICE_SURVEY_KEYS = ['agency', 'subject', 'q1Wording', 'scale', 'positiveCut', 'drivers', 'q3', 'q3MaxLength', 'questions', 'wording'] as const;

/** URL without DOM typings: this package runs in browsers and Node alike. */
const Url = (globalThis as unknown as { URL: new (text: string) => { protocol: string; origin: string } }).URL;

/** Why `origin` cannot be an allowed origin, or null. Exact origins only: a wildcard would let any page in its range inject responses through visitors' browsers. */
export function originProblem(origin: unknown): string | null {
  if (typeof origin !== 'string') return 'an origin is a string such as "https://www.example.gov"';
  let url: { protocol: string; origin: string };
  try {
    url = new Url(origin);
  } catch {
    return `"${origin}" is not an origin such as "https://www.example.gov"`;
  }
  // URL takes "*" as a host character, so a wildcard would otherwise pass as an exact origin.
  if (origin.includes('*')) return `"${origin}" is a wildcard: list each site's exact origin, such as "https://www.example.gov"`;
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin)
    return `"${origin}" must be exactly scheme://host[:port], with no path, slash or wildcard (did you mean "${url.origin}"?)`;
  return null;
}

/** The seed: every survey needs PRA approval under the A-11 Section 280 umbrella clearance, unless the agency says why it is exempt. */
export function praClearanceProblems(pra: unknown, praExempt: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (pra !== undefined && praExempt !== undefined) problems.push({ path: 'pra', message: 'give either pra (control number and expiry) or praExempt (the reason), not both' });
  if (pra === undefined && praExempt === undefined)
    problems.push({ path: 'pra', message: 'pra is required: { "controlNumber": "1234-5678", "expiration": "YYYY-MM-DD" } from the A-11 Section 280 umbrella clearance, or "praExempt": "<why no PRA clearance is needed>"' });
  if (pra !== undefined) {
    // The element's own PRA check: the same rules, the same messages.
    const r = resolveConfig({ service: 'x', agency: 'x', pra });
    if (!r.ok) problems.push(...r.problems);
  }
  if (praExempt !== undefined && (typeof praExempt !== 'string' || !praExempt.trim() || praExempt.length > 500))
    problems.push({ path: 'praExempt', message: 'praExempt must say why the collection needs no PRA clearance (text of at most 500 characters)' });
  return problems;
}


/**
 * Every problem of one services-file entry that the collector would refuse it for, each at its setting
 * (`id`, `drivers`, `pra.expiration`, `origins[1]` …). Scale history, clock and OMB submission settings
 * are the collector's alone and not checked here.
 */
export function serviceEntryProblems(entry: unknown): ConfigProblem[] {
  if (!isObject(entry)) return [{ path: '', message: 'a service entry must be an object' }];
  const problems: ConfigProblem[] = [];
  const resolved = resolveConfig({ service: entry.id, ...Object.fromEntries(SERVICE_SURVEY_KEYS.map((k) => [k, entry[k]])) });
  if (!resolved.ok)
    for (const p of resolved.problems) problems.push(p.path === 'service' ? { path: 'id', message: p.message.replace(/^service /, 'id ') } : p);
  if (entry.name !== undefined && (typeof entry.name !== 'string' || !entry.name.trim())) problems.push({ path: 'name', message: 'name must be text' });
  if (entry.requireToken !== undefined && typeof entry.requireToken !== 'boolean') problems.push({ path: 'requireToken', message: 'requireToken must be true or false' });
  if (entry.origins !== undefined && !Array.isArray(entry.origins)) problems.push({ path: 'origins', message: 'origins must be a list of origins' });
  else
    ((entry.origins as unknown[] | undefined) ?? []).forEach((o, i) => {
      const message = originProblem(o);
      if (message) problems.push({ path: `origins[${i}]`, message });
    });
  problems.push(...praClearanceProblems(entry.pra, entry.praExempt));
  // Rows 4-6 are checked even while other settings are wrong, so the builder shows every problem at once.
  if (Array.isArray(entry.drivers)) {
    const offered = entry.drivers.map((d) => (isObject(d) ? d.key : d)).filter((k): k is DriverKey => DRIVER_KEYS.includes(k as DriverKey));
    problems.push(...applicabilityProblems(offered, entry.notApplicable));
  }
  return problems;
}

/**
 * Section 280.14 rows 4-6 are "Required if applicable": a deployment offers each of them or states
 * why it does not apply (`notApplicable`: driver → reason). Row 7 stays optional; rows 1-3 are
 * checked with the drivers themselves. Problems name the setting.
 */
export function applicabilityProblems(offered: readonly DriverKey[], notApplicable: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });
  if (notApplicable !== undefined && !isObject(notApplicable)) {
    bad('notApplicable', 'notApplicable must be an object: driver → the reason it does not apply to this service');
    return problems;
  }
  const reasons = (notApplicable ?? {}) as Record<string, unknown>;
  for (const [key, reason] of Object.entries(reasons)) {
    if (!REQUIRED_IF_APPLICABLE_DRIVERS.includes(key as DriverKey))
      bad(`notApplicable.${key}`, `only the "Required if applicable" drivers (${REQUIRED_IF_APPLICABLE_DRIVERS.join(', ')}) can be marked not applicable`);
    else if (!isText(reason, 500)) bad(`notApplicable.${key}`, `say why driver "${key}" does not apply to this service (text of at most 500 characters)`);
    else if (offered.includes(key as DriverKey)) bad(`notApplicable.${key}`, `driver "${key}" is offered and also marked not applicable; choose one`);
  }
  for (const key of REQUIRED_IF_APPLICABLE_DRIVERS) {
    if (!offered.includes(key) && reasons[key] === undefined)
      bad('drivers', `driver "${key}" is "Required if applicable" in A-11 Section 280.14: offer it, or mark it in notApplicable with the reason it does not apply`);
  }
  return problems;
}
