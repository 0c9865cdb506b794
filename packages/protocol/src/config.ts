import { SLUG } from './limits.js';
import { DRIVERS, REQUIRED_DRIVERS, REQUIRED_IF_APPLICABLE_DRIVERS, type DriverChoice } from './drivers.js';
import { CHANNEL, DEFAULT_DRIVERS, PAGE_DEFAULTS } from './defaults.js';
import {
  DRIVER_KEYS,
  DRIVER_LABELS,
  MAX_QUESTIONS,
  SCALES,
  SUBJECTS,
  SURVEY_TYPES,
  type DriverKey,
  type DriverLabels,
  type Scale,
  type Subject,
  type SurveyType,
} from './a11.js';


export interface ChoiceOption {
  value: string;
  label: string;
}

/** A question after the required ones (section 280.14 "Additional considerations"). */
export interface AdditionalQuestion {
  id: string;
  type: 'single' | 'multiple' | 'text';
  label: string;
  options?: ChoiceOption[];
  /** For text questions; default 200. */
  maxLength?: number;
}

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

export const DEFAULT_Q3_MAX_LENGTH = 1000;
export const MAX_Q3_LENGTH = 5000;
export const MAX_TEXT_ANSWER_LENGTH = 1000;

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

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
  if (endpoint !== undefined && !isText(endpoint, 2000)) bad('endpoint', 'endpoint must be a URL');

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

function resolveQuestions(value: unknown, q3: boolean, bad: (path: string, message: string) => void): AdditionalQuestion[] {
  if (!Array.isArray(value)) {
    bad('questions', 'questions must be a list');
    return [];
  }
  const required = q3 ? 3 : 2;
  if (value.length + required > MAX_QUESTIONS)
    bad('questions', `at most ${MAX_QUESTIONS} questions in all (section 280.14): Q1, Q2${q3 ? ', Q3' : ''} and ${MAX_QUESTIONS - required} more; ${value.length} additional given`);
  const ids = new Set<string>();
  return value.map((item, i) => {
    const path = `questions[${i}]`;
    if (!isObject(item)) {
      bad(path, 'each question must be an object with id, type and label');
      return item as AdditionalQuestion;
    }
    for (const k of Object.keys(item)) {
      if (!['id', 'type', 'label', 'options', 'maxLength'].includes(k)) bad(`${path}.${k}`, `unknown question setting "${k}"`);
    }
    const { id, type, label, options, maxLength } = item;
    if (typeof id !== 'string' || !/^[a-z][a-z0-9_-]{0,31}$/i.test(id)) bad(`${path}.id`, 'id must be 1-32 letters, digits, "_" or "-", starting with a letter');
    else if (ids.has(id)) bad(`${path}.id`, `question id "${id}" is used twice`);
    else ids.add(id);
    if (type !== 'single' && type !== 'multiple' && type !== 'text') bad(`${path}.type`, 'type must be single, multiple or text');
    if (!isText(label, 300)) bad(`${path}.label`, 'label must be non-empty text of at most 300 characters');
    if (type === 'text') {
      if (options !== undefined) bad(`${path}.options`, 'a text question has no options');
      if (maxLength !== undefined && (!Number.isInteger(maxLength) || (maxLength as number) < 1 || (maxLength as number) > MAX_TEXT_ANSWER_LENGTH))
        bad(`${path}.maxLength`, `maxLength must be a whole number from 1 to ${MAX_TEXT_ANSWER_LENGTH}`);
    } else if (type === 'single' || type === 'multiple') {
      if (maxLength !== undefined) bad(`${path}.maxLength`, 'only text questions take maxLength');
      if (!Array.isArray(options) || options.length < 2 || options.length > 20) bad(`${path}.options`, 'a choice question needs 2 to 20 options');
      else {
        const values = new Set<string>();
        options.forEach((o, j) => {
          if (!isObject(o) || typeof o.value !== 'string' || !/^[\w-]{1,64}$/.test(o.value) || !isText(o.label, 200))
            bad(`${path}.options[${j}]`, 'an option needs a value (1-64 letters, digits, "_" or "-") and a label');
          else if (values.has(o.value)) bad(`${path}.options[${j}]`, `option value "${o.value}" is used twice`);
          else values.add(o.value);
        });
      }
    }
    return item as unknown as AdditionalQuestion;
  });
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
