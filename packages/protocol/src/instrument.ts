/**
 * What was asked travels with the answer: the instrument descriptor names the Q1 wording, the
 * statement (or agency pair) of each offered driver and the survey version, so OMB's "analysis on
 * drivers tapped for individual trust responses" never mixes items that were worded differently.
 * The language is the record's `locale`.
 */
import { DRIVER_KEYS, SUBJECTS, type DriverKey, type Subject } from './a11.js';
import type { SurveyConfig } from './config.js';
import { canonicalJson } from './canonical-json.js';

/** One offered driver as worded: a seed statement by index, or the agency's own matched pair. */
export interface DriverInstrument {
  key: DriverKey;
  statement?: number;
  positive?: string;
  negative?: string;
}

export interface Instrument {
  /** The Q1 template shown: `seed` for the required wording, else the agency's PRA-approved replacement. */
  q1: string;
  subject: Subject;
  drivers: DriverInstrument[];
  /** `agency` when the agency's own wording was used for the record's language, else `seed`. */
  wording: 'seed' | 'agency';
  /** Content hash of the survey's wording and structure (surveyVersion); equal versions asked the same. */
  version: string;
}

const PAIR_TEXT = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** JSON Schema of the descriptor, part of the record's schema. */
export const instrumentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['q1', 'subject', 'drivers', 'wording', 'version'],
  properties: {
    q1: { type: 'string', minLength: 1, maxLength: 300 },
    subject: { enum: [...SUBJECTS] },
    drivers: {
      type: 'array',
      maxItems: DRIVER_KEYS.length,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key'],
        properties: { key: { enum: [...DRIVER_KEYS] }, statement: { type: 'integer', minimum: 0, maximum: 9 }, positive: PAIR_TEXT, negative: PAIR_TEXT },
      },
    },
    wording: { enum: ['seed', 'agency'] },
    version: { type: 'string', pattern: '^[0-9a-f]{16}$' },
  },
} as const;

const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/**
 * 64-bit FNV-1a of the UTF-8 text, 16 hex digits. Not for security: a version label the browser can
 * compute synchronously on any page (SubtleCrypto is async and missing on plain-http pages).
 */
export function contentHash(text: string): string {
  let h = 0xcbf29ce484222325n;
  const step = (byte: number) => (h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK);
  // UTF-8 by hand: this module has neither DOM nor Node typings (no TextEncoder).
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) step(c);
    else if (c < 0x800) [0xc0 | (c >> 6), 0x80 | (c & 63)].forEach(step);
    else if (c < 0x10000) [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)].forEach(step);
    else [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)].forEach(step);
  }
  return h.toString(16).padStart(16, '0');
}

/** The parts of a configuration that change what a respondent is asked (not where or how it is shown). */
export function surveyVersion(config: Pick<SurveyConfig, 'service' | 'agency' | 'subject' | 'q1Wording' | 'scale' | 'positiveCut' | 'drivers' | 'q3' | 'questions' | 'wording'>): string {
  const { service, agency, subject, q1Wording, scale, positiveCut, drivers, q3, questions, wording } = config;
  return contentHash(canonicalJson({ service, agency, subject, q1Wording, scale, positiveCut: scale === 'five-point' ? positiveCut : undefined, drivers, q3, questions, wording }));
}

/** The descriptor of what `config` shows in `locale` (after the element's language resolution). */
export function describeInstrument(config: SurveyConfig, locale: string): Instrument {
  const texts = config.wording?.[locale] ?? config.wording?.[locale.split('-')[0]];
  return {
    q1: config.q1Wording ?? 'seed',
    subject: config.subject,
    drivers: config.drivers.map((d) => (d.positive !== undefined ? { key: d.key, positive: d.positive, negative: d.negative } : { key: d.key, statement: d.statement ?? 0 })),
    wording: texts && Object.keys(texts).length ? 'agency' : 'seed',
    version: surveyVersion(config),
  };
}
