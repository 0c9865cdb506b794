import type { AdditionalQuestion, Answers, DriverKey, SurveyConfig } from '@cx-survey/protocol';
import type { Translator } from '../../../internal/localize.js';

/** What a template needs from the survey: the state to show and what to call back. No template holds state. */
export interface SurveyView {
  readonly config: SurveyConfig;
  readonly answers: Answers;
  readonly tr: Translator;
  readonly on: SurveyActions;
}

/** The respondent's actions, bound once by the element. */
export interface SurveyActions {
  q1(value: number): void;
  driver(key: DriverKey, on: boolean): void;
  q3(text: string): void;
  extra(q: AdditionalQuestion, value: string, on: boolean): void;
  submit(e: Event): void;
  dismiss(): void;
  start(): void;
  pick(locale: string): void;
}
