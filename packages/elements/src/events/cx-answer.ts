import type { DriverKey } from '@cx-survey/protocol';
import type { CxEventBase } from './base.js';

/**
 * `cx-answer`: a question was answered or changed. Free text is never included:
 * Q3 and text questions say only whether they are answered.
 */
export type CxAnswerDetail = CxEventBase &
  (
    | { question: 'q1'; value: number }
    | { question: 'q2'; value: DriverKey[] }
    | { question: string; value: string | string[] }
    | { question: string; answered: boolean }
  );
export type CxAnswerEvent = CustomEvent<CxAnswerDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-answer': CxAnswerEvent;
  }
}
