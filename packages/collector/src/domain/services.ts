import { readFileSync } from 'node:fs';
import { DRIVER_KEYS, resolveConfig, type DriverChoice, type DriverKey, type Scale } from '@cx-survey/protocol';

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

const KEYS = new Set(['id', 'name', 'agency', 'scale', 'drivers', 'requireToken', 'origins']);

function checkOrigin(origin: unknown, where: string): string {
  if (typeof origin !== 'string') throw new Problem(`${where}: an origin is a string such as "https://www.example.gov"`);
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Problem(`${where}: "${origin}" is not an origin such as "https://www.example.gov"`);
  }
  // Exact origins only: a wildcard would let any page in its range inject responses through visitors' browsers.
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin)
    throw new Problem(`${where}: "${origin}" must be exactly scheme://host[:port], with no path, slash or wildcard (did you mean "${url.origin}"?)`);
  return origin;
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
  const resolved = resolveConfig({ service: item.id, agency: item.agency, scale: item.scale ?? 'thumbs', drivers: item.drivers ?? undefined });
  if (!resolved.ok)
    for (const p of resolved.problems) problems.push(`${where}: ${p.path === 'service' ? 'id' : p.path}: ${p.message.replace(/^service /, 'id ')}`);
  if (item.name !== undefined && (typeof item.name !== 'string' || !item.name.trim())) problems.push(`${where}: name must be text`);
  if (item.requireToken !== undefined && typeof item.requireToken !== 'boolean') problems.push(`${where}: requireToken must be true or false`);
  let origins: string[] = [];
  if (item.origins !== undefined && !Array.isArray(item.origins)) problems.push(`${where}: origins must be a list of origins`);
  else origins = ((item.origins as unknown[]) ?? []).map((o, j) => check(() => checkOrigin(o, `${where}: origins[${j}]`)) ?? '');
  if (!resolved.ok || problems.length > before) return null;
  const id = resolved.config.service;
  // Without a list the collector does not restrict drivers: the element's own defaults may change.
  const drivers = item.drivers === undefined ? DRIVER_KEYS.map((key): DriverChoice => ({ key })) : resolved.config.drivers;
  return {
    id,
    name: (item.name as string | undefined) ?? id,
    agency: resolved.config.agency,
    scale: resolved.config.scale,
    drivers,
    driverKeys: new Set(drivers.map((d) => d.key)),
    requireToken: item.requireToken === true,
    origins,
  };
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
