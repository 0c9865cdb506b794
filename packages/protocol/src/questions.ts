/**
 * Questions after the required ones (section 280.14 "Additional considerations": at most 15 questions
 * in all), and their check.
 */
import { MAX_QUESTIONS } from './a11.js';
import { isText, isObject } from './text-checks.js';
import { MAX_TEXT_ANSWER_LENGTH } from './limits.js';

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

/** Checks the additional questions; each problem goes to `bad`, naming the setting. */
export function resolveQuestions(value: unknown, q3: boolean, bad: (path: string, message: string) => void): AdditionalQuestion[] {
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
