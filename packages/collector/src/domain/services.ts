import { readFileSync } from 'node:fs';
import { DRIVER_KEYS, resolveConfig, surveyVersion, type DriverChoice, type DriverKey, type PublicServiceConfig, type Scale } from '@cx-survey/protocol';
import { parseSubmissionInfo, quarterKey, type SubmissionInfo } from './submission-info.js';

/** A designated service as the collector knows it (docs/collector-operations.md, "Services file"). */
export interface ServiceDefinition {
  id: string;
  name: string;
  agency: string;
  scale: Scale;
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

export class ServicesError extends Error {}

/** Survey settings the file shares with the element's configuration; the protocol checks them. */
const SURVEY_KEYS = ['agency', 'subject', 'q1Wording', 'scale', 'positiveCut', 'drivers', 'q3', 'q3MaxLength', 'questions', 'wording'] as const;
const KEYS = new Set(['id', 'name', ...SURVEY_KEYS, 'requireToken', 'origins', 'volumeOfCustomers', 'omb']);

function checkOrigin(origin: unknown, where: string): string {
  if (typeof origin !== 'string') throw new ServicesError(`${where}: an origin is a string such as "https://www.example.gov"`);
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new ServicesError(`${where}: "${origin}" is not an origin such as "https://www.example.gov"`);
  }
  // Exact origins only: a wildcard would let any page in its range inject responses through visitors' browsers.
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin)
    throw new ServicesError(`${where}: "${origin}" must be exactly scheme://host[:port], with no path, slash or wildcard (did you mean "${url.origin}"?)`);
  return origin;
}

/** Parses and checks a services file's JSON text; every problem names the service and setting. */
export function parseServices(text: string, source = 'services file'): Map<string, ServiceDefinition> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ServicesError(`${source} is not JSON: ${(e as Error).message}`);
  }
  const list = (data as { services?: unknown })?.services;
  if (!Array.isArray(list) || list.length === 0) throw new ServicesError(`${source} must be an object with a non-empty "services" list`);
  const services = new Map<string, ServiceDefinition>();
  list.forEach((item: Record<string, unknown>, i) => {
    const where = `${source}: services[${i}]${typeof item?.id === 'string' ? ` (${item.id})` : ''}`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new ServicesError(`${where} must be an object`);
    for (const k of Object.keys(item)) if (!KEYS.has(k)) throw new ServicesError(`${where}: unknown setting "${k}"`);
    // The protocol's own survey-config check covers id, agency, scale and drivers exactly as the element does.
    const resolved = resolveConfig({ service: item.id, ...Object.fromEntries(SURVEY_KEYS.map((k) => [k, item[k]])) });
    if (!resolved.ok) {
      const p = resolved.problems[0];
      throw new ServicesError(`${where}: ${p.path === 'service' ? 'id' : p.path}: ${p.message.replace(/^service /, 'id ')}`);
    }
    const id = resolved.config.service;
    if (services.has(id)) throw new ServicesError(`${where}: service id "${id}" is declared twice`);
    if (item.name !== undefined && (typeof item.name !== 'string' || !item.name.trim())) throw new ServicesError(`${where}: name must be text`);
    if (item.requireToken !== undefined && typeof item.requireToken !== 'boolean') throw new ServicesError(`${where}: requireToken must be true or false`);
    if (item.origins !== undefined && !Array.isArray(item.origins)) throw new ServicesError(`${where}: origins must be a list of origins`);
    const origins = ((item.origins as unknown[]) ?? []).map((o, j) => checkOrigin(o, `${where}: origins[${j}]`));
    // Without a list the collector does not restrict drivers: the element's own defaults may change.
    const allowsEveryDriver = item.drivers === undefined;
    const drivers = allowsEveryDriver ? DRIVER_KEYS.map((key): DriverChoice => ({ key })) : resolved.config.drivers;
    const c = resolved.config;
    const name = (item.name as string | undefined) ?? id;
    const requireToken = item.requireToken === true;
    const survey: PublicServiceConfig = {
      service: id, name, agency: c.agency, subject: c.subject, scale: c.scale, positiveCut: c.positiveCut, drivers, allowsEveryDriver,
      q3: c.q3, q3MaxLength: c.q3MaxLength, questions: c.questions, requireToken,
      // Without a driver list the element keeps its own defaults; the version then covers those.
      version: surveyVersion(allowsEveryDriver ? c : { ...c, drivers }),
    };
    if (c.q1Wording !== undefined) survey.q1Wording = c.q1Wording;
    if (c.wording !== undefined) survey.wording = c.wording;
    // TODO(#14 part A): the service's PRA notice (control number, expiry) joins `survey.pra` here.
    services.set(id, {
      id,
      name,
      agency: c.agency,
      scale: c.scale,
      drivers,
      driverKeys: new Set(drivers.map((d) => d.key)),
      requireToken,
      origins,
      allowsEveryDriver,
      survey,
      volumeOfCustomers: parseVolumes(item.volumeOfCustomers, where),
      submission: parseSubmissionInfo(item.omb, where, (m) => new ServicesError(m)),
    });
  });
  return services;
}

/** `volumeOfCustomers`: { "FY2025-Q2": 120000, … }, the agency's own count of customers served. */
function parseVolumes(value: unknown, where: string): Record<string, number> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ServicesError(`${where}: volumeOfCustomers must be an object such as {"FY2025-Q2": 120000}`);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = quarterKey(k);
    if (!key) throw new ServicesError(`${where}: volumeOfCustomers: "${k}" is not a fiscal quarter written like FY2025-Q2`);
    if (!Number.isSafeInteger(v) || (v as number) < 0) throw new ServicesError(`${where}: volumeOfCustomers.${k} must be a whole number of customers, 0 or more`);
    out[key] = v as number;
  }
  return out;
}

export function loadServices(path: string): Map<string, ServiceDefinition> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ServicesError(`cannot read services file ${path}: ${(e as Error).message}`);
  }
  return parseServices(text, path);
}
