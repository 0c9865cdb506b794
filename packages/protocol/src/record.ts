import {
  BROWSER_CHANNELS,
  DRIVER_KEYS,
  NO_Q3_CHANNELS,
  MAX_QUESTIONS,
  SCALES,
  SCHEMA_VERSION,
  SURVEY_TYPES,
  type Branch,
  type DriverKey,
  type Scale,
  type SurveyType,
} from './a11.js';
import type { SurveyConfig } from './config.js';
import { MAX_Q3_LENGTH, MAX_TEXT_ANSWER_LENGTH } from './limits.js';
import { branchFor, isBlank, type Answers } from './survey-state.js';
import { SLUG_PATTERN } from './limits.js';
import { describeInstrument, instrumentSchema, type Instrument } from './instrument.js';

/** One respondent's answers, as the element sends it and the collector stores it. */
export interface ResponseRecord {
  /** Client-generated UUID; the collector's idempotency key. */
  id: string;
  schemaVersion: typeof SCHEMA_VERSION;
  service: string;
  surveyType: SurveyType;
  channel: string;
  scale: Scale;
  /** Five-point only: the lowest rating that counted as positive. */
  positiveCut?: number;
  /** Thumbs: 1 up, 0 down. Five-point: 1-5. null when skipped. */
  q1: number | null;
  branch: Branch | null;
  /** Driver keys ticked, in the seed's order. */
  q2: DriverKey[];
  /** Drivers the respondent was offered (the CSV leaves the others blank). */
  offered: DriverKey[];
  q3: string | null;
  /** Additional questions by id. */
  answers: Record<string, string | string[]>;
  /** BCP 47 tag of the language the survey was shown in; required on browser channels, optional elsewhere. */
  locale?: string;
  /** ISO 8601 instant the respondent submitted. */
  answeredAt: string;
  /**
   * 'received' when answeredAt is only the date a paper form arrived (the answer date is unknown):
   * allowed, and flagged so a report can say how many such records a quarter holds.
   */
  dateSource?: 'received';
  /** Path of the page, never its query string or fragment; browser channels only. */
  pagePath?: string;
  /** Office or device location code, for kiosks. */
  location?: string;
  /** Signed 48-hour window token, verified by the collector. */
  token?: string;
  /** What was asked: Q1 wording, each offered driver's statement, survey version. Absent only on records queued by older elements. */
  instrument?: Instrument;
}

/** JSON Schema (draft-07) of a ResponseRecord: the collector enforces it, the docs publish it. */
export const recordSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://cx-survey.dev/schema/response-record-v1.json',
  title: 'A-11 Section 280 response record',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'schemaVersion', 'service', 'surveyType', 'channel', 'scale', 'q1', 'branch', 'q2', 'offered', 'q3', 'answers', 'answeredAt'],
  properties: {
    id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' },
    schemaVersion: { const: SCHEMA_VERSION },
    service: { type: 'string', pattern: SLUG_PATTERN },
    surveyType: { enum: [...SURVEY_TYPES] },
    channel: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,31}$' },
    scale: { enum: [...SCALES] },
    positiveCut: { type: 'integer', minimum: 2, maximum: 5 },
    q1: { type: ['integer', 'null'], minimum: 0, maximum: 5 },
    branch: { enum: ['positive', 'negative', null] },
    q2: { type: 'array', items: { enum: [...DRIVER_KEYS] }, uniqueItems: true, maxItems: DRIVER_KEYS.length },
    offered: { type: 'array', items: { enum: [...DRIVER_KEYS] }, uniqueItems: true, maxItems: DRIVER_KEYS.length },
    q3: { type: ['string', 'null'], minLength: 1, maxLength: MAX_Q3_LENGTH },
    answers: {
      type: 'object',
      maxProperties: MAX_QUESTIONS - 2,
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_-]{0,31}$' },
      additionalProperties: {
        anyOf: [
          { type: 'string', minLength: 1, maxLength: MAX_TEXT_ANSWER_LENGTH },
          { type: 'array', minItems: 1, maxItems: 20, uniqueItems: true, items: { type: 'string', pattern: '^[\\w-]{1,64}$' } },
        ],
      },
    },
    locale: { type: 'string', pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 },
    answeredAt: { type: 'string', format: 'date-time', maxLength: 40 },
    dateSource: { const: 'received' },
    pagePath: { type: 'string', pattern: '^/[^?#]*$', maxLength: 2000 },
    location: { type: 'string', pattern: SLUG_PATTERN },
    token: { type: 'string', minLength: 1, maxLength: 4096 },
    instrument: instrumentSchema,
  },
} as const;

export interface RecordProblem {
  path: string;
  message: string;
}

/**
 * Rules a JSON Schema cannot say: the branch follows from Q1, drivers belong
 * to that branch and were offered, "none of the above" stands alone, at most
 * 15 questions. Call after schema validation.
 */
export function checkRecord(record: ResponseRecord, options: { imported?: boolean } = {}): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });
  // Web records moved from another system (Touchpoints) never knew the page or language: only a browser's own must say.
  if ((BROWSER_CHANNELS as readonly string[]).includes(record.channel) && !options.imported) {
    if (record.pagePath === undefined) bad('pagePath', `a ${record.channel} record states the page path it was answered on`);
    if (record.locale === undefined) bad('locale', `a ${record.channel} record states the language it was shown in`);
    if (record.dateSource !== undefined) bad('dateSource', `a ${record.channel} record is dated when it was answered`);
  }
  if ((NO_Q3_CHANNELS as readonly string[]).includes(record.channel) && record.q3 !== null)
    bad('q3', `the ${record.channel} survey does not ask Q3, so a ${record.channel} record has no Q3 answer`);
  if (record.scale === 'thumbs') {
    if (record.q1 !== null && record.q1 !== 0 && record.q1 !== 1) bad('q1', 'a thumbs answer is 1 (up) or 0 (down)');
    if (record.positiveCut !== undefined) bad('positiveCut', 'positiveCut belongs to the five-point scale only');
  } else {
    if (record.q1 !== null && (record.q1 < 1 || record.q1 > 5)) bad('q1', 'a five-point answer is 1 to 5');
    if (record.positiveCut === undefined) bad('positiveCut', 'a five-point record states its positiveCut');
  }
  const expected = branchFor(record.scale, record.q1, record.positiveCut ?? 5);
  if (record.branch !== expected) bad('branch', `Q1 ${record.q1} on the ${record.scale} scale leads to branch ${expected}, not ${record.branch}`);
  if (record.q2.length && record.branch === null) bad('q2', 'drivers were chosen without a Q1 answer to branch on');
  for (const key of record.q2) {
    if (!record.offered.includes(key)) bad('q2', `driver "${key}" was not offered`);
  }
  if (record.q2.includes('none') && record.q2.length > 1) bad('q2', '"none of the above" cannot be combined with other drivers');
  const count = 2 + (record.q3 === null ? 0 : 1) + Object.keys(record.answers).length;
  if (count > MAX_QUESTIONS) bad('answers', `at most ${MAX_QUESTIONS} questions in all; this record answers ${count}`);
  if (record.instrument && record.instrument.drivers.map((d) => d.key).sort().join() !== [...record.offered].sort().join())
    bad('instrument.drivers', 'the instrument must describe exactly the drivers offered, in the seed order');
  if (Number.isNaN(Date.parse(record.answeredAt))) bad('answeredAt', 'answeredAt is not a date');
  if (record.q1 === null && record.q2.length === 0 && record.q3 === null && Object.keys(record.answers).length === 0)
    bad('', 'a record with nothing answered is not stored');
  return problems;
}

/** A fresh RFC 4122 v4 UUID, also where crypto.randomUUID is missing (non-secure http pages). */
export function newRecordId(): string {
  // Typed here so this module needs neither DOM nor Node typings.
  const c = (globalThis as unknown as { crypto: { randomUUID?: () => string; getRandomValues: (a: Uint8Array) => Uint8Array } }).crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface RecordContext {
  id?: string;
  answeredAt?: Date;
  locale: string;
  pagePath: string;
  token?: string;
}

/**
 * Turns a respondent's answers into a record, or null when nothing was
 * answered. Only what the respondent could see is kept: drivers of the
 * current branch that were offered, configured additional questions.
 */
export function buildRecord(config: SurveyConfig, answers: Answers, context: RecordContext): ResponseRecord | null {
  if (isBlank(answers)) return null;
  const branch = branchFor(config.scale, answers.q1, config.positiveCut);
  const offered = config.drivers.map((d) => d.key);
  const q3 = config.q3 ? answers.q3.trim().slice(0, config.q3MaxLength) : '';
  const extra: Record<string, string | string[]> = {};
  for (const q of config.questions) {
    const value = answers.extra[q.id];
    if (value === undefined || value.length === 0) continue;
    extra[q.id] = typeof value === 'string' ? value.trim().slice(0, q.maxLength ?? 200) : value;
    if (extra[q.id].length === 0) delete extra[q.id];
  }
  const record: ResponseRecord = {
    id: context.id ?? newRecordId(),
    schemaVersion: SCHEMA_VERSION,
    service: config.service,
    surveyType: config.surveyType,
    channel: config.channel,
    scale: config.scale,
    q1: answers.q1,
    branch,
    q2: branch ? offered.filter((k) => answers.q2.includes(k)) : [],
    offered,
    q3: q3 === '' ? null : q3,
    answers: extra,
    locale: context.locale,
    answeredAt: (context.answeredAt ?? new Date()).toISOString(),
    pagePath: context.pagePath.replace(/[?#].*$/, '') || '/',
  };
  if (config.scale === 'five-point') record.positiveCut = config.positiveCut;
  if (config.location) record.location = config.location;
  if (context.token) record.token = context.token;
  record.instrument = describeInstrument(config, context.locale);
  // Whitespace-only answers leave nothing behind.
  if (record.q1 === null && record.q2.length === 0 && record.q3 === null && Object.keys(extra).length === 0) return null;
  return record;
}
