/**
 * One entry of the collector's services file, checked without the collector: the survey settings by
 * the element's own config check, plus the file's own rules (PRA clearance, "Required if applicable"
 * drivers, origins). The collector (domain/services.ts) and the survey builder share these checks
 * and their messages, so the builder shows a problem exactly as the collector would refuse it.
 */
import { DRIVER_KEYS, type DriverKey } from './a11.js';
import { applicabilityProblems, resolveConfig, type ConfigProblem, type PraNotice, type SurveyConfigInput } from './config.js';
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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
