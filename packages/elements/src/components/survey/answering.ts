import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  answerExtra,
  answerQ1,
  answerQ3,
  branchFor,
  nextExtraValue,
  toggleDriver,
  type AdditionalQuestion,
  type Answers,
  type Branch,
  type DriverKey,
  type SurveyConfig,
} from '@cx-survey/protocol';
import { emit } from '../../events/base.js';
import type { Translator } from '../../internal/localize.js';

export interface AnsweringOptions {
  /** The resolved config of the survey being answered. */
  config(): SurveyConfig;
  answers(): Answers;
  setAnswers(next: Answers): void;
  /** The service named in events. */
  service(): string;
  tr(): Translator;
  /** Says something to screen reader users (the survey's live region). */
  announce(text: string): void;
  /** Q1's answer brought up the Q2a or Q2b checklist. */
  checklistAppeared(branch: Branch): void;
}

/**
 * The respondent answering: each answer through the protocol's state machine, `cx-answer` for the
 * page (never with free text), and the Q3 count said near the limit once typing pauses.
 */
export class AnsweringController implements ReactiveController {
  private counterTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: AnsweringOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.counterTimer);
  }

  readonly q1 = (value: number): void => {
    const { options } = this;
    const config = options.config();
    const before = branchFor(config.scale, options.answers().q1, config.positiveCut);
    options.setAnswers(answerQ1(options.answers(), value, config));
    const after = branchFor(config.scale, value, config.positiveCut);
    // The checklist appears below without moving focus; say so to screen reader users.
    if (after && after !== before) options.checklistAppeared(after);
    emit(this.host, 'cx-answer', { service: config.service, question: 'q1', value });
  };

  readonly driver = (key: DriverKey, on: boolean): void => {
    const next = toggleDriver(this.options.answers(), key, on);
    this.options.setAnswers(next);
    emit(this.host, 'cx-answer', { service: this.options.service(), question: 'q2', value: next.q2 });
  };

  readonly q3 = (text: string): void => {
    const { options } = this;
    const wasBlank = options.answers().q3.trim() === '';
    options.setAnswers(answerQ3(options.answers(), text));
    if (wasBlank !== (text.trim() === '')) emit(this.host, 'cx-answer', { service: options.service(), question: 'q3', answered: text.trim() !== '' });
    // Announce the count once typing pauses, and only near the limit (the last tenth, at least 20
    // characters): elsewhere it is on the box's description, there when wanted, never interrupting.
    clearTimeout(this.counterTimer);
    const max = options.config().q3MaxLength;
    if (max - text.length <= Math.max(20, max / 10))
      this.counterTimer = setTimeout(() => options.announce(options.tr().msg('q3.counter', { left: max - options.answers().q3.length })), 1000);
  };

  readonly extra = (q: AdditionalQuestion, value: string, on: boolean): void => {
    const { options } = this;
    const next = nextExtraValue(q, options.answers().extra[q.id], value, on);
    options.setAnswers(answerExtra(options.answers(), q.id, next));
    const detail = q.type === 'text' ? { answered: value.trim() !== '' } : { value: next };
    emit(this.host, 'cx-answer', { service: options.service(), question: q.id, ...detail });
  };
}
