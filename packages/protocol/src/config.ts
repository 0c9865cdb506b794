import { SLUG } from './limits.js';
import { DRIVERS, REQUIRED_DRIVERS, type DriverChoice } from './drivers.js';
import { DEFAULT_Q3_MAX_LENGTH, MAX_ENDPOINT_LENGTH, MAX_Q3_LENGTH } from './limits.js';
import { resolveQuestions, type AdditionalQuestion } from './questions.js';
import { isObject, isText } from './text-checks.js';
import { CHANNEL, DEFAULT_DRIVERS, PAGE_DEFAULTS } from './defaults.js';
import {
  DRIVER_KEYS,
  DRIVER_LABELS,
  SCALES,
  SUBJECTS,
  SURVEY_TYPES,
  type DriverKey,
  type DriverLabels,
  type Scale,
  type Subject,
  type SurveyType,
} from './a11.js';


/** Paperwork Reduction Act notice shown with the survey. */
export interface PraNotice {
  /** OMB control number, e.g. "1505-0191". */
  controlNumber: string;
  /** Expiration date, YYYY-MM-DD; the survey stops collecting after it. */
  expiration: string;
  /** Burden statement text. */
  burden?: string;
  /** Link to the burden statement. */
  burdenUrl?: string;
}

/** A complete, validated survey configuration. */
export interface SurveyConfig {
  service: string;
  agency: string;
  subject: Subject;
  /** Agency's PRA-approved replacement for Q1; may use {agency} and {subject}. */
  q1Wording?: string;
  scale: Scale;
  /** Lowest five-point rating that goes to Q2a (seed: 5). */
  positiveCut: number;
  surveyType: SurveyType;
  channel: string;
  drivers: DriverChoice[];
  labels: DriverLabels;
  q3: boolean;
  q3MaxLength: number;
  questions: AdditionalQuestion[];
  pra?: PraNotice;
  endpoint?: string;
  /** Office or device location code (kiosks). */
  location?: string;
  /**
   * The agency's own PRA-approved wording per language: locale → content key →
   * text with {agency}, {service} and {subject} placeholders. Keys: q1, q2a,
   * q2b, q3, drivers.<key>.positive|negative, questions.<id>.label,
   * questions.<id>.options.<value>.
   */
  wording?: Record<string, Record<string, string>>;
}

/** What a host may pass: everything optional but service and agency, drivers as keys or choices. */
export type SurveyConfigInput = Partial<Omit<SurveyConfig, 'drivers'>> & {
  drivers?: Array<DriverKey | DriverChoice>;
};

export interface ConfigProblem {
  /** Dotted path of the offending setting, e.g. "drivers[2].statement". */
  path: string;
  message: string;
}

export type ConfigResult = { ok: true; config: SurveyConfig } | { ok: false; problems: ConfigProblem[] };


const CONTROL_NUMBER = /^\d{4}-\d{4}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const KNOWN_KEYS = new Set([
  'service', 'agency', 'subject', 'q1Wording', 'scale', 'positiveCut', 'surveyType', 'channel', 'drivers',
  'labels', 'q3', 'q3MaxLength', 'questions', 'pra', 'endpoint', 'location', 'wording',
]);

const LOCALE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const WORDING_KEY = new RegExp(
  `^(agency|pra\\.burden|q1|q2a|q2b|q3|drivers\\.(${DRIVER_KEYS.join('|')})\\.(positive|negative)|questions\\.[A-Za-z][\\w-]*\\.(label|options\\.[\\w-]+))$`,
);

export function isValidDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}


/**
 * Checks a host's configuration against section 280.14 and fills defaults.
 * Every problem is reported at once, each naming the setting, so a developer
 * fixes them in one pass.
 */
export function resolveConfig(input: unknown): ConfigResult {
  const problems: ConfigProblem[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(input)) return { ok: false, problems: [{ path: '', message: 'configuration must be an object' }] };

  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) bad(key, `unknown setting "${key}"`);
  }
  const get = <T>(key: string, fallback: T): T => (input[key] === undefined ? fallback : (input[key] as T));

  const service = get<unknown>('service', undefined);
  if (service === undefined) bad('service', 'service is required: the identifier of the designated service');
  else if (typeof service !== 'string' || !SLUG.test(service))
    bad('service', 'service must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');

  const q1Wording = get<unknown>('q1Wording', undefined);
  if (q1Wording !== undefined && !isText(q1Wording, 300)) bad('q1Wording', 'q1Wording must be non-empty text of at most 300 characters');

  const agency = get<unknown>('agency', undefined);
  const agencyNeeded = typeof q1Wording !== 'string' || q1Wording.includes('{agency}');
  if (agency === undefined) {
    if (agencyNeeded) bad('agency', 'agency is required: the High Impact Service Provider named in Q1');
  } else if (!isText(agency, 200)) bad('agency', 'agency must be non-empty text of at most 200 characters');

  const subject = get<unknown>('subject', 'interaction');
  if (!SUBJECTS.includes(subject as Subject)) bad('subject', `subject must be one of ${SUBJECTS.join(', ')}`);

  const scale = get<unknown>('scale', 'thumbs');
  if (!SCALES.includes(scale as Scale)) bad('scale', `scale must be one of ${SCALES.join(', ')}`);

  const positiveCut = get<unknown>('positiveCut', 5);
  if (!Number.isInteger(positiveCut) || (positiveCut as number) < 2 || (positiveCut as number) > 5)
    bad('positiveCut', 'positiveCut must be a whole number from 2 to 5 (the lowest rating that counts as positive)');

  const surveyType = get<unknown>('surveyType', PAGE_DEFAULTS.surveyType);
  if (!SURVEY_TYPES.includes(surveyType as SurveyType)) bad('surveyType', `surveyType must be one of ${SURVEY_TYPES.join(', ')}`);

  const channel = get<unknown>('channel', PAGE_DEFAULTS.channel);
  if (typeof channel !== 'string' || !CHANNEL.test(channel))
    bad('channel', 'channel must be a lower-case word such as web, mobile-app, kiosk, email, sms, phone or in-person');

  const drivers = resolveDrivers(get<unknown>('drivers', DEFAULT_DRIVERS), bad);
  if (agency === undefined && !agencyNeeded) {
    const named = drivers.find((d) => (d.positive ?? DRIVERS.find((x) => x.key === d.key)!.statements[d.statement ?? 0].positive).includes('{agency}'));
    if (named) bad('agency', `agency is required: the "${named.key}" statement names it`);
    const worded = isObject(input.wording) && Object.values(input.wording).some((texts) => isObject(texts) && Object.values(texts).some((t) => typeof t === 'string' && t.includes('{agency}')));
    if (!named && worded) bad('agency', 'agency is required: the wording names it');
  }

  const labels = get<unknown>('labels', PAGE_DEFAULTS.labels);
  if (!DRIVER_LABELS.includes(labels as DriverLabels)) bad('labels', 'labels must be "statements" or "short"');

  const q3 = get<unknown>('q3', true);
  if (typeof q3 !== 'boolean') bad('q3', 'q3 must be true or false');
  const q3MaxLength = get<unknown>('q3MaxLength', DEFAULT_Q3_MAX_LENGTH);
  if (!Number.isInteger(q3MaxLength) || (q3MaxLength as number) < 1 || (q3MaxLength as number) > MAX_Q3_LENGTH)
    bad('q3MaxLength', `q3MaxLength must be a whole number from 1 to ${MAX_Q3_LENGTH}`);

  const questions = resolveQuestions(get<unknown>('questions', []), q3 !== false, bad);
  const pra = resolvePra(get<unknown>('pra', undefined), bad);

  const endpoint = get<unknown>('endpoint', undefined);
  if (endpoint !== undefined && !isText(endpoint, MAX_ENDPOINT_LENGTH)) bad('endpoint', 'endpoint must be a URL');

  const location = get<unknown>('location', undefined);
  if (location !== undefined && (typeof location !== 'string' || !SLUG.test(location)))
    bad('location', 'location must be 1-64 letters, digits, ".", "_" or "-"');

  const wording = get<unknown>('wording', undefined);
  if (wording !== undefined) {
    if (!isObject(wording)) bad('wording', 'wording must be an object: language tag → content key → text');
    else
      for (const [tag, texts] of Object.entries(wording)) {
        if (!LOCALE_TAG.test(tag)) bad(`wording.${tag}`, `"${tag}" is not a language tag such as es or zh-Hant`);
        else if (!isObject(texts)) bad(`wording.${tag}`, 'each language holds content key → text');
        else
          for (const [key, text] of Object.entries(texts)) {
            if (!WORDING_KEY.test(key)) bad(`wording.${tag}.${key}`, `unknown content key "${key}"; keys are agency, pra.burden, q1, q2a, q2b, q3, drivers.<driver>.positive|negative, questions.<id>.label, questions.<id>.options.<value>`);
            else if (!isText(text, 2000)) bad(`wording.${tag}.${key}`, 'wording must be non-empty text of at most 2000 characters');
          }
      }
  }

  if (problems.length) return { ok: false, problems };
  const config: SurveyConfig = {
    service: service as string,
    agency: (agency as string | undefined) ?? '',
    subject: subject as Subject,
    scale: scale as Scale,
    positiveCut: positiveCut as number,
    surveyType: surveyType as SurveyType,
    channel: channel as string,
    drivers,
    labels: labels as DriverLabels,
    q3: q3 as boolean,
    q3MaxLength: q3MaxLength as number,
    questions,
  };
  if (q1Wording !== undefined) config.q1Wording = q1Wording as string;
  if (pra) config.pra = pra;
  if (endpoint !== undefined) config.endpoint = endpoint as string;
  if (location !== undefined) config.location = location as string;
  if (wording !== undefined) config.wording = wording as Record<string, Record<string, string>>;
  return { ok: true, config };
}

function resolveDrivers(value: unknown, bad: (path: string, message: string) => void): DriverChoice[] {
  if (!Array.isArray(value)) {
    bad('drivers', 'drivers must be a list of driver keys or {key, statement} objects');
    return [];
  }
  const chosen = new Map<DriverKey, DriverChoice>();
  value.forEach((item, i) => {
    const path = `drivers[${i}]`;
    const choice: Record<string, unknown> = typeof item === 'string' ? { key: item } : isObject(item) ? item : {};
    const key = choice.key as DriverKey;
    if (!DRIVER_KEYS.includes(key)) {
      bad(path, `unknown driver "${String(choice.key)}"; drivers are ${DRIVER_KEYS.join(', ')}`);
      return;
    }
    if (chosen.has(key)) bad(path, `driver "${key}" is listed twice`);
    for (const k of Object.keys(choice)) {
      if (!['key', 'statement', 'positive', 'negative'].includes(k)) bad(`${path}.${k}`, `unknown driver setting "${k}"`);
    }
    const def = DRIVERS.find((d) => d.key === key)!;
    const result: DriverChoice = { key };
    if (choice.statement !== undefined) {
      const n = choice.statement;
      if (!Number.isInteger(n) || (n as number) < 0 || (n as number) >= def.statements.length)
        bad(`${path}.statement`, `driver "${key}" has statements 0 to ${def.statements.length - 1}`);
      else result.statement = n as number;
    }
    const { positive, negative } = choice;
    if (positive !== undefined || negative !== undefined) {
      if (!isText(positive, 200) || !isText(negative, 200))
        bad(path, `driver "${key}" needs its own wording as a matched pair: both "positive" and "negative", each at most 200 characters`);
      else Object.assign(result, { positive, negative });
      if (choice.statement !== undefined) bad(path, `driver "${key}" takes either a seed statement or its own wording, not both`);
    }
    chosen.set(key, result);
  });
  for (const key of REQUIRED_DRIVERS) {
    if (!chosen.has(key)) bad('drivers', `driver "${key}" is required by A-11 Section 280.14 and cannot be left out`);
  }
  // Always the seed's order, whatever order the host listed them in.
  return DRIVER_KEYS.filter((k) => chosen.has(k)).map((k) => chosen.get(k)!);
}

function resolvePra(value: unknown, bad: (path: string, message: string) => void): PraNotice | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    bad('pra', 'pra must be an object with controlNumber and expiration');
    return undefined;
  }
  for (const k of Object.keys(value)) {
    if (!['controlNumber', 'expiration', 'burden', 'burdenUrl'].includes(k)) bad(`pra.${k}`, `unknown PRA setting "${k}"`);
  }
  const { controlNumber, expiration, burden, burdenUrl } = value;
  if (typeof controlNumber !== 'string' || !CONTROL_NUMBER.test(controlNumber))
    bad('pra.controlNumber', 'the OMB control number must look like 1234-5678');
  if (expiration === undefined || expiration === '')
    bad('pra.expiration', `OMB control number ${String(controlNumber)} has no expiration date; a PRA notice must show both`);
  else if (typeof expiration !== 'string' || !isValidDate(expiration)) bad('pra.expiration', 'the expiration date must be a real date written YYYY-MM-DD');
  if (burden !== undefined && !isText(burden, 2000)) bad('pra.burden', 'burden must be non-empty text of at most 2000 characters');
  if (burdenUrl !== undefined && (typeof burdenUrl !== 'string' || !/^(https?:\/\/|\/)/.test(burdenUrl)))
    bad('pra.burdenUrl', 'burdenUrl must be an http(s) URL or a path starting with /');
  const pra: PraNotice = { controlNumber: controlNumber as string, expiration: expiration as string };
  if (burden !== undefined) pra.burden = burden as string;
  if (burdenUrl !== undefined) pra.burdenUrl = burdenUrl as string;
  return pra;
}
