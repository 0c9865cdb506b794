import type { Branch, DriverKey, Scale } from './a11.js';
import type { SurveyConfig } from './config.js';
import type { AdditionalQuestion } from './questions.js';

/**
 * Which driver checklist a Q1 answer leads to. Thumbs: 1 is up, 0 is down.
 * Five-point: ratings at or above the cut go to Q2a (the seed's cut is 5).
 */
export function branchFor(scale: Scale, q1: number | null, positiveCut = 5): Branch | null {
  if (q1 === null) return null;
  if (scale === 'thumbs') return q1 === 1 ? 'positive' : 'negative';
  return q1 >= positiveCut ? 'positive' : 'negative';
}

/** Q1 values a scale accepts. */
export function q1Values(scale: Scale): number[] {
  return scale === 'thumbs' ? [1, 0] : [1, 2, 3, 4, 5];
}

/** What one respondent has answered so far. Immutable: every change returns a new object. */
export interface Answers {
  q1: number | null;
  q2: DriverKey[];
  q3: string;
  /** Additional questions by id: text, an option value, or option values. */
  extra: Record<string, string | string[]>;
}

export const EMPTY_ANSWERS: Answers = Object.freeze({ q1: null, q2: [], q3: '', extra: {} }) as Answers;

/**
 * Answers Q1 (null clears it). Moving to the other branch clears Q2, so a
 * record never carries a choice the respondent could no longer see.
 */
export function answerQ1(answers: Answers, q1: number | null, config: Pick<SurveyConfig, 'scale' | 'positiveCut'>): Answers {
  if (q1 !== null && !q1Values(config.scale).includes(q1)) throw new RangeError(`${q1} is not a ${config.scale} answer`);
  const before = branchFor(config.scale, answers.q1, config.positiveCut);
  const after = branchFor(config.scale, q1, config.positiveCut);
  return { ...answers, q1, q2: before === after ? answers.q2 : [] };
}

/** Ticks or unticks a driver. "None of the above" excludes every other choice, and they exclude it. */
export function toggleDriver(answers: Answers, key: DriverKey, on: boolean): Answers {
  let q2 = answers.q2.filter((k) => k !== key);
  if (on) q2 = key === 'none' ? ['none'] : [...q2.filter((k) => k !== 'none'), key];
  return { ...answers, q2 };
}

export function answerQ3(answers: Answers, text: string): Answers {
  return { ...answers, q3: text };
}

/** Sets an additional question's answer; an empty value removes it. */
export function answerExtra(answers: Answers, id: string, value: string | string[]): Answers {
  const extra = { ...answers.extra };
  if (value.length === 0) delete extra[id];
  else extra[id] = value;
  return { ...answers, extra };
}

/** An additional question's answer after the respondent typed `value`, or (un)ticked the choice `value`. */
export function nextExtraValue(q: Pick<AdditionalQuestion, 'type'>, current: string | string[] | undefined, value: string, on: boolean): string | string[] {
  if (q.type === 'text') return value;
  if (q.type === 'single') return on ? value : '';
  return [...((current as string[] | undefined) ?? []).filter((v) => v !== value), ...(on ? [value] : [])];
}

/** True when nothing at all has been answered: such a survey records nothing. */
export function isBlank(answers: Answers): boolean {
  return answers.q1 === null && answers.q2.length === 0 && answers.q3.trim() === '' && Object.keys(answers.extra).length === 0;
}
