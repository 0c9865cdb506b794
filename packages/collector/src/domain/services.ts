import { readFileSync } from 'node:fs';
import { DRIVER_KEYS, originProblem, resolveConfig, SERVICE_SURVEY_KEYS, surveyVersion, type DriverChoice, type DriverKey, type PublicServiceConfig, type Scale } from '@cx-survey/protocol';
import { parseCollectingSince } from './service-clock.js';
import { parseCompliance, type ServiceCompliance } from './service-compliance.js';
import { parseScaleHistory, type ScalePeriod } from './service-scale.js';
import { parseSubmissionInfo, quarterKey, type SubmissionInfo } from './submission-info.js';

/** A designated service as the collector knows it (docs/collector-operations.md, "Services file"). */
export interface ServiceDefinition extends ServiceCompliance {
  id: string;
  name: string;
  agency: string;
  /** The scale in force now; `scaleHistory` has the earlier ones. */
  scale: Scale;
  /** Five-point: the lowest rating that is positive now (default 5); null on thumbs. */
  positiveCut: number | null;
  /** Every period of scale and cut, oldest first, the last one current. */
  scaleHistory: ScalePeriod[];
  /** Epoch ms the service began collecting; answers dated earlier are clock suspect. */
  collectingSince: number | null;
  /** Drivers (and which seed statement of each) the survey offers; records may offer no others. All eight when the file lists none. */
  drivers: DriverChoice[];
  driverKeys: Set<DriverKey>;
  /** Every response must carry a valid 48-hour window token. */
  requireToken: boolean;
  /** Exact browser origins allowed to post for this service; same-origin is always allowed. */
  origins: string[];
  /** True when the file lists no drivers: any is accepted, with any seed statement. */
  allowsEveryDriver: boolean;
  /** The survey as GET /v1/services/:id publishes it; the element renders exactly this. */
  survey: PublicServiceConfig;
  /** The agency's count of customers served, by quarter key ("FY2025-Q2"), from the file. */
  volumeOfCustomers: Record<string, number>;
  /** What the OMB package needs that the survey does not hold (Touchpoints' form metadata, quarterly notes). */
  submission: SubmissionInfo;
}

/** A services file's problems, every one of them: fixing one at a time would take as many restarts. */
export class ServicesError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(problems.length === 1 ? problems[0] : `${source} has ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** One problem, thrown inside one service's checks and collected by parseServices. */
class Problem extends Error {}

/** Survey settings the file shares with the element's configuration; the protocol checks them. */
const SURVEY_KEYS = SERVICE_SURVEY_KEYS;
// Scale history, device clocks and the seed's PRA and "Required if applicable" rules: each parsed in its own module.
const RULE_KEYS = ['scaleHistory', 'collectingSince', 'pra', 'praExempt', 'notApplicable'] as const;
const KEYS = new Set<string>(['id', 'name', ...SURVEY_KEYS, ...RULE_KEYS, 'requireToken', 'origins', 'volumeOfCustomers', 'omb']);
const fail = (message: string): never => {
  throw new Problem(message);
};

function checkOrigin(origin: unknown, where: string): string {
  const problem = originProblem(origin);
  if (problem) throw new Problem(`${where}: ${problem}`);
  return origin as string;
}

/** Checks one entry of the list; every problem found is added to `problems`. */
function parseService(item: Record<string, unknown>, where: string, problems: string[]): ServiceDefinition | null {
  const before = problems.length;
  const check = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      problems.push(e.message);
      return undefined;
    }
  };
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    problems.push(`${where} must be an object`);
    return null;
  }
  for (const k of Object.keys(item)) if (!KEYS.has(k)) problems.push(`${where}: unknown setting "${k}"`);
  // The protocol's own survey-config check covers id, agency, scale and drivers exactly as the element does.
  const resolved = resolveConfig({ service: item.id, ...Object.fromEntries(SURVEY_KEYS.map((k) => [k, item[k]])) });
  if (!resolved.ok)
    for (const p of resolved.problems) problems.push(`${where}: ${p.path === 'service' ? 'id' : p.path}: ${p.message.replace(/^service /, 'id ')}`);
  if (item.name !== undefined && (typeof item.name !== 'string' || !item.name.trim())) problems.push(`${where}: name must be text`);
  if (item.requireToken !== undefined && typeof item.requireToken !== 'boolean') problems.push(`${where}: requireToken must be true or false`);
  let origins: string[] = [];
  if (item.origins !== undefined && !Array.isArray(item.origins)) problems.push(`${where}: origins must be a list of origins`);
  else origins = ((item.origins as unknown[]) ?? []).map((o, j) => check(() => checkOrigin(o, `${where}: origins[${j}]`)) ?? '');
  // The rule settings are judged even when something else is wrong, so every problem is reported at once.
  const offeredKeys = !resolved.ok ? null : item.drivers === undefined ? DRIVER_KEYS : resolved.config.drivers.map((d) => d.key);
  const compliance = parseCompliance(item, offeredKeys, where, problems);
  const scaleHistory = resolved.ok ? check(() => parseScaleHistory({ scale: resolved.config.scale, positiveCut: item.positiveCut }, item.scaleHistory, where, fail)) : undefined;
  const collectingSince = check(() => parseCollectingSince(item.collectingSince, where, fail));
  const volumeOfCustomers = check(() => parseVolumes(item.volumeOfCustomers, where));
  const submission = check(() => parseSubmissionInfo(item.omb, where, (m) => new Problem(m)));
  if (!resolved.ok || problems.length > before) return null;
  if (!scaleHistory || collectingSince === undefined || !compliance || !volumeOfCustomers || !submission) return null;
  const c = resolved.config;
  const id = c.service;
  // Without a list the collector does not restrict drivers: the element's own defaults may change.
  const allowsEveryDriver = item.drivers === undefined;
  const drivers = allowsEveryDriver ? DRIVER_KEYS.map((key): DriverChoice => ({ key })) : c.drivers;
  const name = (item.name as string | undefined) ?? id;
  const requireToken = item.requireToken === true;
  const survey: PublicServiceConfig = {
    service: id, name, agency: c.agency, subject: c.subject, scale: c.scale, positiveCut: c.positiveCut, scaleHistory, drivers, allowsEveryDriver,
    q3: c.q3, q3MaxLength: c.q3MaxLength, questions: c.questions, requireToken,
    // Without a driver list the element keeps its own defaults; the version then covers those.
    version: surveyVersion(allowsEveryDriver ? c : { ...c, drivers }),
  };
  if (c.q1Wording !== undefined) survey.q1Wording = c.q1Wording;
  if (c.wording !== undefined) survey.wording = c.wording;
  // The services file's PRA clearance is the notice the element shows: the page cannot contradict it.
  if (compliance.pra) survey.pra = { ...compliance.pra };
  return {
    id,
    name,
    agency: c.agency,
    scale: c.scale,
    positiveCut: scaleHistory[scaleHistory.length - 1].positiveCut,
    scaleHistory,
    collectingSince,
    ...compliance,
    drivers,
    driverKeys: new Set(drivers.map((d) => d.key)),
    requireToken,
    origins,
    allowsEveryDriver,
    survey,
    volumeOfCustomers,
    submission,
  };
}

/** `volumeOfCustomers`: { "FY2025-Q2": 120000, … }, the agency's own count of customers served. */
function parseVolumes(value: unknown, where: string): Record<string, number> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(`${where}: volumeOfCustomers must be an object such as {"FY2025-Q2": 120000}`);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value as object)) {
    const key = quarterKey(k);
    if (!key) fail(`${where}: volumeOfCustomers: "${k}" is not a fiscal quarter written like FY2025-Q2`);
    else if (!Number.isSafeInteger(v) || (v as number) < 0) fail(`${where}: volumeOfCustomers.${k} must be a whole number of customers, 0 or more`);
    else out[key] = v as number;
  }
  return out;
}

/** Parses and checks a services file's JSON text; every problem names the service and setting, and all are reported together. */
export function parseServices(text: string, source = 'services file'): Map<string, ServiceDefinition> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ServicesError(source, [`${source} is not JSON: ${(e as Error).message}`]);
  }
  const list = (data as { services?: unknown })?.services;
  if (!Array.isArray(list) || list.length === 0) throw new ServicesError(source, [`${source} must be an object with a non-empty "services" list`]);
  const services = new Map<string, ServiceDefinition>();
  const problems: string[] = [];
  list.forEach((item: Record<string, unknown>, i) => {
    const where = `${source}: services[${i}]${typeof item?.id === 'string' ? ` (${item.id})` : ''}`;
    const service = parseService(item, where, problems);
    if (!service) return;
    if (services.has(service.id)) problems.push(`${where}: service id "${service.id}" is declared twice`);
    else services.set(service.id, service);
  });
  if (problems.length) throw new ServicesError(source, problems);
  return services;
}

export function loadServices(path: string): Map<string, ServiceDefinition> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ServicesError(path, [`cannot read services file ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`]);
  }
  return parseServices(text, path);
}
