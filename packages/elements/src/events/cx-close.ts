/** `cx-close` (from `<cx-survey-button>`): the dialog closed. */
export interface CxCloseDetail {
  /** ISO 8601 instant. */
  timestamp: string;
}
export type CxCloseEvent = CustomEvent<CxCloseDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-close': CxCloseEvent;
  }
}
