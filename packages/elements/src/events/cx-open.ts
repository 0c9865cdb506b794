/** `cx-open` (from `<cx-survey-button>`): the dialog opened. */
export interface CxOpenDetail {
  /** ISO 8601 instant. */
  timestamp: string;
}
export type CxOpenEvent = CustomEvent<CxOpenDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-open': CxOpenEvent;
  }
}
