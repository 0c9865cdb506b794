import type { Branch } from '@cx-survey/protocol';
import type { CxEventBase } from './base.js';

/** `cx-submit`: the respondent pressed Submit. Nothing answered: `recorded` is false and nothing is sent. */
export type CxSubmitDetail = CxEventBase &
  ({ recorded: true; id: string; q1: number | null; branch: Branch | null } | { recorded: false; id: null; q1: null; branch: null });
export type CxSubmitEvent = CustomEvent<CxSubmitDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-submit': CxSubmitEvent;
  }
}
