/**
 * Every option of every command, once: the parser's configuration and the help text are both
 * generated from this table, so an option cannot be parsed without being documented.
 */
import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_GRACE_SECONDS } from '@cx-survey/protocol/token';
import { IMPORT_CHANNELS, MEDIA_TRANSLATIONS } from '@cx-survey/protocol';
import { DEFAULT_CONNECTION_LIMITS } from '../http/limits.js';
import { DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMIT } from '../http/server.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in the help, e.g. "<file>". */
  arg?: string;
  /** The environment variable read when the option is absent (booleans: set to 1). */
  env?: string;
  help: string;
  /** A secret given on the command line is visible to every local user (ps): warn, point here. */
  insteadUse?: string;
}

const database = {
  db: { type: 'string', arg: '<file>', env: 'CX_DB', help: 'SQLite file (default .data/cx-collector.sqlite).' },
  'database-url': {
    type: 'string',
    arg: '<url>',
    env: 'DATABASE_URL',
    help: 'PostgreSQL URL, postgres://user@host:5432/database; used instead of SQLite when set. Put a password in the environment, not here.',
  },
  'pg-schema': { type: 'string', arg: '<name>', env: 'CX_PG_SCHEMA', help: 'PostgreSQL schema for the tables (default public).' },
} as const satisfies Record<string, OptionSpec>;

const servicesFile = {
  services: { type: 'string', arg: '<file>', env: 'CX_SERVICES', help: 'Services file (default services.json).' },
} as const satisfies Record<string, OptionSpec>;

const timeZone = {
  'report-tz': { type: 'string', arg: '<zone>', env: 'CX_REPORT_TZ', help: 'IANA time zone of quarter boundaries, e.g. America/New_York (default UTC).' },
} as const satisfies Record<string, OptionSpec>;

const quarter = {
  fy: { type: 'string', arg: '<year>', help: 'Federal fiscal year (FY 2025 = Oct 1 2024 to Sep 30 2025).' },
  quarter: { type: 'string', arg: '<1-4>', help: 'Fiscal quarter; goes with --fy.' },
} as const satisfies Record<string, OptionSpec>;

const serve = {
  port: { type: 'string', arg: '<n>', env: 'PORT', help: 'Port; 0 picks a free one (default 8080).' },
  host: { type: 'string', arg: '<addr>', env: 'HOST', help: 'Address to listen on (default 127.0.0.1).' },
  static: { type: 'string', arg: '<dir>', env: 'CX_STATIC', help: 'Also serve this folder at / (same origin as the API).' },
  'admin-token-file': {
    type: 'string',
    arg: '<file>',
    env: 'CX_ADMIN_TOKEN_FILE',
    help: 'File holding the bearer token for reports, exports, reads and the dashboard (or env CX_ADMIN_TOKEN).',
  },
  'admin-token': { type: 'string', arg: '<t>', env: 'CX_ADMIN_TOKEN', help: 'The admin token itself; avoid: every local user can read it in ps.', insteadUse: '--admin-token-file or CX_ADMIN_TOKEN' },
  'token-secret-file': {
    type: 'string',
    multiple: true,
    arg: '<file>',
    env: 'CX_TOKEN_SECRET_FILE',
    help: 'File holding an HS256 secret (>= 32 bytes) that verifies window tokens; repeat for key rotation (or env CX_TOKEN_SECRET).',
  },
  'token-secret': { type: 'string', multiple: true, arg: '<s>', env: 'CX_TOKEN_SECRET', help: 'An HS256 secret itself; avoid: visible in ps.', insteadUse: '--token-secret-file or CX_TOKEN_SECRET' },
  'token-public-key': {
    type: 'string',
    multiple: true,
    arg: '<file>',
    env: 'CX_TOKEN_PUBLIC_KEY',
    help: 'ES256 public key (SPKI PEM file) verifying window tokens; repeat for key rotation (env: comma-separated files).',
  },
  'grace-days': {
    type: 'string',
    arg: '<n>',
    env: 'CX_GRACE_DAYS',
    help: `Days after a token's window closes that a response answered inside it is still accepted (default ${DEFAULT_GRACE_SECONDS / 86400}).`,
  },
  'no-redact': { type: 'boolean', env: 'CX_REDACT=0', help: 'Store free text as sent (default: SSNs, phone numbers and email addresses are removed before storage).' },
  'body-limit': { type: 'string', arg: '<bytes>', env: 'CX_BODY_LIMIT', help: `Largest request body (default ${DEFAULT_BODY_LIMIT}).` },
  'rate-burst': { type: 'string', arg: '<n>', env: 'CX_RATE_BURST', help: `Records one address may send at once (default ${DEFAULT_RATE_LIMIT.burst}).` },
  'rate-per-second': {
    type: 'string',
    arg: '<n>',
    env: 'CX_RATE_PER_SECOND',
    help: `Records per second refilled per address (default ${DEFAULT_RATE_LIMIT.perSecond}); 0 turns rate limiting off.`,
  },
  'request-timeout': {
    type: 'string',
    arg: '<s>',
    env: 'CX_REQUEST_TIMEOUT',
    help: `Seconds a request (headers and body) may take to arrive (default ${DEFAULT_CONNECTION_LIMITS.requestTimeout / 1000}); slower ones get a 408.`,
  },
  'max-connections-per-address': {
    type: 'string',
    arg: '<n>',
    env: 'CX_MAX_CONNECTIONS_PER_ADDRESS',
    help: `Connections one address may hold (default ${DEFAULT_CONNECTION_LIMITS.perAddress}); 0 for no cap, e.g. behind a load balancer.`,
  },
  'trust-proxy': { type: 'string', arg: '<v>', env: 'CX_TRUST_PROXY', help: 'Trust X-Forwarded-* from a load balancer: true, a hop count, or comma-separated addresses/CIDRs.' },
  'log-level': { type: 'string', arg: '<level>', env: 'LOG_LEVEL', help: 'fatal, error, warn, info, debug, trace or silent (default info).' },
  'log-requests': { type: 'boolean', env: 'CX_LOG_REQUESTS=1', help: 'Log every request (default: rejections and errors only).' },
  'dev-tokens': {
    type: 'boolean',
    env: 'CX_DEV_TOKENS=1',
    help: 'DEVELOPMENT ONLY: GET /dev/window-token?service=… mints tokens with the first token secret, standing in for an agency backend. Never enable in production.',
  },
  dashboard: { type: 'boolean', env: 'CX_DASHBOARD=1', help: 'Serve the dashboard at /dashboard/ and /v1/dashboard/* (needs an admin token; implied by --alerts). docs/dashboard.md.' },
  alerts: { type: 'string', arg: '<file>', env: 'CX_ALERTS', help: 'Alert rules (JSON); evaluated on a timer in this process.' },
  'alert-webhook': { type: 'string', arg: '<url>', env: 'CX_ALERT_WEBHOOK', help: 'Slack/Teams incoming webhook for firings; overrides the alerts file\'s "webhook".', insteadUse: 'CX_ALERT_WEBHOOK' },
} as const satisfies Record<string, OptionSpec>;

const report = {
  service: { type: 'string', arg: '<id>', help: 'One service (default: every service in the services file).' },
} as const satisfies Record<string, OptionSpec>;

const pastRun = {
  'received-before': { type: 'string', arg: '<date>', help: 'Count only records received before this date (YYYY-MM-DD) or ISO instant: reproduces a past run, closed or not.' },
} as const satisfies Record<string, OptionSpec>;

const exportOptions = {
  format: {
    type: 'string',
    arg: '<f>',
    help: "csv: raw Q1/Q2 rows with the instrument columns (default); touchpoints-a11-v2: Touchpoints' 17-column A-11 v2 file; json: the stored records.",
  },
  out: { type: 'string', arg: '<file>', help: 'Write there instead of stdout.' },
} as const satisfies Record<string, OptionSpec>;

const packageOptions = {
  out: { type: 'string', arg: '<dir>', help: 'Folder to write (default omb-package-FY<year>-Q<quarter>); one subfolder per service, summary.json and summary.md at the top.' },
} as const satisfies Record<string, OptionSpec>;

const token = {
  'secret-file': { type: 'string', arg: '<file>', env: 'CX_TOKEN_SECRET_FILE', help: 'File holding the HS256 secret (>= 32 bytes) (or env CX_TOKEN_SECRET).' },
  secret: { type: 'string', arg: '<s>', env: 'CX_TOKEN_SECRET', help: 'The HS256 secret itself; avoid: visible in ps.', insteadUse: '--secret-file or CX_TOKEN_SECRET' },
  'private-key': { type: 'string', arg: '<file>', help: 'ES256 private key (PKCS#8 PEM file), instead of a secret.' },
  kid: { type: 'string', arg: '<id>', help: 'Key id to put in the token header (for key rotation).' },
  'transaction-at': { type: 'string', arg: '<iso>', help: 'When the transaction completed (default now); the window starts there.' },
  'window-hours': { type: 'string', arg: '<h>', help: 'Window length in hours, 1 minute to 48 hours (default 48).' },
  issuer: { type: 'string', arg: '<iss>', help: 'Issuer claim (iss), e.g. the agency backend.' },
} as const satisfies Record<string, OptionSpec>;

const purge = {
  before: { type: 'string', arg: '<date>', help: 'Responses answered before this date (YYYY-MM-DD, UTC, or an ISO 8601 time) are deleted (required).' },
  service: { type: 'string', arg: '<id>', help: 'Only this service (default every service).' },
  yes: { type: 'boolean', help: 'Delete; without it purge only counts what it would delete.' },
} as const satisfies Record<string, OptionSpec>;

const keygen = {
  out: { type: 'string', arg: '<prefix>', help: 'Write <prefix>.private.pem, <prefix>.public.pem and <prefix>.public.jwk.json (default: print both PEMs).' },
} as const satisfies Record<string, OptionSpec>;

const importOptions = {
  service: { type: 'string', arg: '<id>', help: 'Service the responses are for (required, except with --template).' },
  channel: { type: 'string', arg: '<channel>', help: `${IMPORT_CHANNELS.join(', ')} (required; with --from touchpoints-a11-v2 default web).` },
  format: { type: 'string', arg: '<csv|jsonl>', help: 'The file\'s format (default: .jsonl / .ndjson are JSON Lines, anything else CSV).' },
  'dry-run': { type: 'boolean', help: 'Check every row and print each row\'s result; store nothing.' },
  partial: { type: 'boolean', help: 'Store the good rows even when some are bad (default: a file with any bad row stores nothing).' },
  template: { type: 'boolean', help: 'Print the CSV header and a comment row explaining each column (with --channel).' },
  from: { type: 'string', arg: '<format>', help: 'touchpoints-a11-v2: the file is GSA Touchpoints\' A-11 v2 export (Form#to_a11_v2_csv, 17 columns).' },
  'answered-at': { type: 'string', arg: '<YYYY-MM-DD>', help: 'Touchpoints only: the date every row is dated by (the export period\'s last day); its file has no dates.' },
} as const satisfies Record<string, OptionSpec>;

const mediaOptions = {
  service: { type: 'string', arg: '<id>', help: 'Service (its agency, scale and drivers; required).' },
  lang: { type: 'string', arg: '<tag>', help: `Language: ${Object.keys(MEDIA_TRANSLATIONS).join(', ')} (default en).` },
  'omb-number': { type: 'string', arg: '<1234-5678>', help: 'PRA: the OMB control number (with --expires).' },
  expires: { type: 'string', arg: '<YYYY-MM-DD>', help: 'PRA: the control number\'s expiration date.' },
  burden: { type: 'string', arg: '<text>', help: 'PRA burden statement, printed / read after the survey.' },
  out: { type: 'string', arg: '<file>', help: 'Write there instead of stdout.' },
} as const satisfies Record<string, OptionSpec>;

const general = {
  help: { type: 'boolean', short: 'h', help: 'Show help (of a command: cx-collector <command> --help).' },
  version: { type: 'boolean', short: 'v', help: 'Print the version.' },
} as const satisfies Record<string, OptionSpec>;

export interface CommandSpec {
  summary: string;
  /** A positional argument the command takes after its options, e.g. "FILE". */
  operand?: string;
  /** Option groups in help order, each with its title. */
  groups: Array<[string, Record<string, OptionSpec>]>;
}

export const COMMANDS = {
  serve: {
    summary: 'Run the collector HTTP server.',
    groups: [
      ['Database and services', { ...database, ...servicesFile }],
      ['Server', serve],
      ['Reports', timeZone],
    ],
  },
  report: {
    summary: 'Print section 280.14 quarterly figures as JSON (one report per service).',
    groups: [
      ['Quarter (required) and service', { ...quarter, ...report, ...pastRun }],
      ['Database and services', { ...database, ...servicesFile, ...timeZone }],
    ],
  },
  close: {
    summary: "Freeze a quarter's figures as submitted to OMB (time, record count, checksum); the quarter must have ended.",
    groups: [
      ['Quarter (required) and service', { ...quarter, ...report }],
      ['Database and services', { ...database, ...servicesFile, ...timeZone }],
    ],
  },
  export: {
    summary: "Write raw Q1/Q2 data as CSV (with the instrument columns), in Touchpoints' exact A-11 v2 layout, or the stored records as JSON.",
    groups: [
      ['What to export (default: everything)', { ...exportOptions, ...report, ...quarter }],
      ['Database and services', { ...database, ...servicesFile, ...timeZone }],
    ],
  },
  package: {
    summary: "Write the quarter's OMB package: per service, Touchpoints' A-11 v2 file, its two-file quarterly submission, and a JSON + Markdown summary.",
    groups: [
      ['Quarter (required) and service', { ...quarter, ...report, ...packageOptions }],
      ['Database and services', { ...database, ...servicesFile, ...timeZone }],
    ],
  },
  import: {
    summary: 'Store responses gathered on paper, by phone or IVR, in person, by email or text (CSV / JSON Lines), or Touchpoints history. docs/channels.md.',
    operand: 'FILE',
    groups: [
      ['What to import', importOptions],
      ['Database and services', { ...database, ...servicesFile, ...timeZone }],
    ],
  },
  paper: {
    summary: 'Print the paper survey (HTML with a print stylesheet) for a service and language.',
    groups: [['Survey', { ...mediaOptions, phone: { type: 'string', arg: '<number>', help: 'The number that answers the survey by phone (the mail-in form\'s phone option).' } }], ['Services', servicesFile]],
  },
  ivr: {
    summary: 'Print the phone / IVR script (text for an interviewer, or SSML) for a service and language.',
    groups: [['Survey', { ...mediaOptions, format: { type: 'string', arg: '<text|ssml>', help: 'text for an interviewer (default) or SSML for a speech engine.' } }], ['Services', servicesFile]],
  },
  sms: {
    summary: 'Print the text-message flow for a service and language.',
    groups: [['Survey', mediaOptions], ['Services', servicesFile]],
  },
  token: {
    summary: 'Mint a 48-hour window token (what an agency backend does when a transaction completes).',
    groups: [
      ['Token', { service: { type: 'string', arg: '<id>', help: 'Service the response will be for (required).' }, ...token }],
      ['Checking the service', { services: { ...servicesFile.services, env: undefined, help: 'Services file: when given, --service must be declared in it.' } }],
    ],
  },
  keygen: {
    summary: 'Create an ES256 key pair for window tokens (private key for the issuer, public key for the collector).',
    groups: [['Output', keygen]],
  },
  migrate: {
    summary: 'Apply database migrations and exit (serve also does this at start).',
    groups: [['Database', database]],
  },
  purge: {
    summary: 'Delete responses answered before a date (retention). Counts only unless --yes.',
    groups: [
      ['What to delete', purge],
      ['Database and services', { ...database, ...servicesFile }],
    ],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
export const GENERAL_OPTIONS: Record<string, OptionSpec> = general;

/** The options a command accepts, general ones included. */
export function optionsOf(command: CommandName | null): Record<string, OptionSpec> {
  const out: Record<string, OptionSpec> = { ...general };
  if (command) for (const [, group] of COMMANDS[command].groups as CommandSpec['groups']) Object.assign(out, group);
  return out;
}

/** node:util parseArgs's configuration for a command ('any': every command's options). */
export function parserOptions(command: CommandName | 'any'): NonNullable<ParseArgsConfig['options']> {
  const specs = command === 'any' ? Object.assign({}, ...COMMAND_NAMES.map((c) => optionsOf(c))) as Record<string, OptionSpec> : optionsOf(command);
  return Object.fromEntries(
    Object.entries(specs).map(([name, o]) => [name, { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }]),
  );
}

/** Every option name of every command. */
export function allOptionNames(): string[] {
  return [...new Set(COMMAND_NAMES.flatMap((c) => Object.keys(optionsOf(c))))];
}
