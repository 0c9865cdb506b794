/**
 * Reading options: the flag, else its environment variable, checked and turned into what the
 * commands use. Everything here only reads (files named by options included) and throws
 * UsageError with one line that names the flag or variable; nothing is opened or started.
 */
import { readFileSync } from 'node:fs';
import { isTimeZone, parseFiscalQuarter, type QuarterPeriod, quarterPeriod } from '@cx-survey/protocol';
import { loadServices, type ServiceDefinition } from '../domain/services.js';
import { quoteIdent } from '../store/postgres.js';
import type { StoreOptions } from '../store/index.js';
import { optionsOf, type CommandName, type OptionSpec } from './options.js';

export class UsageError extends Error {}

export type Values = Record<string, string | boolean | string[] | undefined>;

/** Up to four significant digits, no exponent: how people write limits. */
const human = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4))));

/** The closest of some names to a mistyped one, if close enough to be a likely typo. */
export function closest(input: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(input, name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

export class Settings {
  private readonly specs: Record<string, OptionSpec>;

  constructor(
    readonly command: CommandName,
    readonly values: Values,
    readonly env: NodeJS.ProcessEnv,
    private readonly warn: (line: string) => void,
  ) {
    this.specs = optionsOf(command);
    for (const [name, spec] of Object.entries(this.specs))
      if (spec.insteadUse && values[name] !== undefined) warn(`warning: --${name} puts a secret where every local user can read it (ps); use ${spec.insteadUse}`);
  }

  private envName(name: string): string | undefined {
    return this.specs[name]?.env?.split('=')[0];
  }

  /** How to name where a value came from in a message: the flag, or the variable. */
  label(name: string): string {
    return this.values[name] !== undefined || !this.envName(name) || this.env[this.envName(name)!] === undefined ? `--${name}` : this.envName(name)!;
  }

  /** The flag's text, else its variable's; empty means unset. */
  text(name: string): string | undefined {
    const v = this.values[name];
    if (typeof v === 'string') return v;
    const env = this.envName(name);
    const fromEnv = env ? this.env[env] : undefined;
    return fromEnv === '' ? undefined : fromEnv;
  }

  /** A repeatable flag's values, else its variable's (comma-separated). */
  list(name: string): string[] {
    const v = this.values[name];
    if (Array.isArray(v)) return v;
    const text = this.text(name);
    return text ? text.split(',').map((s) => s.trim()).filter(Boolean) : [];
  }

  /** A boolean flag, or its variable set to the value the table gives (CX_REDACT=0, CX_DASHBOARD=1). */
  flag(name: string): boolean {
    if (this.values[name] === true) return true;
    const [env, on] = this.specs[name]?.env?.split('=') ?? [];
    return env !== undefined && this.env[env] === (on ?? '1');
  }

  number(name: string, fallback: number, limits: { min: number; max?: number; integer?: boolean; range?: string }): number {
    const text = this.text(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    const { min, max = Number.MAX_SAFE_INTEGER, integer } = limits;
    if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      const kind = integer ? 'a whole number' : 'a number';
      const range = limits.range ?? (max === Number.MAX_SAFE_INTEGER ? `${kind} of at least ${human(min)}` : `${kind} from ${human(min)} to ${human(max)}`);
      throw new UsageError(`${this.label(name)} must be ${range}, not "${text}"`);
    }
    return n;
  }

  /** One of a fixed set of words. */
  choice<T extends string>(name: string, fallback: T, choices: readonly T[]): T {
    const text = this.text(name) ?? fallback;
    if (!choices.includes(text as T)) {
      const guess = closest(text, choices);
      throw new UsageError(`${this.label(name)} must be ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}, not "${text}"${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
    return text as T;
  }

  /** A file's text, read now so a missing file stops the command before anything starts. */
  readFile(path: string, what: string): string {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  }

  /** A secret from a file (trailing newline dropped); an empty file is a mistake, not an empty secret. */
  secretFile(path: string, what: string): string {
    const secret = this.readFile(path, what).replace(/\r?\n$/, '');
    if (!secret.trim()) throw new UsageError(`${what} ${path} is empty`);
    return secret;
  }

  /** Where the store is: a checked PostgreSQL URL, or the SQLite file. Opens nothing. */
  database(): StoreOptions {
    const url = this.text('database-url');
    const schema = this.text('pg-schema');
    if (schema !== undefined) {
      try {
        quoteIdent(schema);
      } catch {
        throw new UsageError(`${this.label('pg-schema')} must be a PostgreSQL name (letters, digits and _, not starting with a digit), not "${schema}"`);
      }
    }
    if (url === undefined) return { sqliteFile: this.text('db') };
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      // Never echo the text: it may hold a password.
    }
    if (!parsed) throw new UsageError(`${this.label('database-url')} is not a URL; it must be postgres://user@host:5432/database (unset it to use SQLite)`);
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
      throw new UsageError(`${this.label('database-url')} must be a PostgreSQL URL, postgres://user@host:5432/database, not a "${parsed.protocol}" URL (unset it to use SQLite)`);
    if (!parsed.hostname && !parsed.searchParams.get('host')) throw new UsageError(`${this.label('database-url')} names no host: postgres://user@host:5432/database`);
    if (parsed.password && this.values['database-url'] !== undefined)
      this.warn('warning: --database-url holds a password every local user can read (ps); put the URL in DATABASE_URL');
    return { databaseUrl: url, pgSchema: schema };
  }

  /** Services file, with every problem in it reported at once. */
  services(): Map<string, ServiceDefinition> {
    return loadServices(this.text('services') ?? 'services.json');
  }

  /** A service id declared in the services file. */
  service(services: Map<string, ServiceDefinition>, id: string, file: string): ServiceDefinition {
    const s = services.get(id);
    if (s) return s;
    const guess = closest(id, services.keys());
    throw new UsageError(`unknown service "${id}": ${file} declares ${[...services.keys()].map((k) => `"${k}"`).join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`);
  }

  timeZone(): string {
    const tz = this.text('report-tz') ?? 'UTC';
    if (!isTimeZone(tz)) throw new UsageError(`${this.label('report-tz')}: unknown time zone "${tz}" (an IANA name such as America/New_York or UTC)`);
    return tz;
  }

  /** --fy with --quarter, as a period in the report's time zone; null when neither is given and none is required. */
  quarter(required: boolean, timeZone: string): QuarterPeriod | null {
    const fy = this.text('fy');
    const quarter = this.text('quarter');
    if (fy === undefined && quarter === undefined && !required) return null;
    if (fy === undefined || quarter === undefined) throw new UsageError('--fy and --quarter go together, e.g. --fy 2025 --quarter 2');
    const q = parseFiscalQuarter(fy, quarter);
    if (!q.ok) throw new UsageError(`--${q.message}, not "${q.field === 'fy' ? fy : quarter}"`);
    return quarterPeriod(q.fiscalYear, q.quarter, timeZone);
  }
}
