/** `cx-dead-letter` (on window): the collector refused a record, or it passed its grace period; it is kept as a dead letter. */
export interface CxDeadLetterDetail {
  id: string;
  service: string;
  reason: 'rejected' | 'expired';
  code: string;
  message: string;
  /** The collector's HTTP status, when it answered. */
  status?: number;
  /** ISO 8601 instant. */
  timestamp: string;
}
export type CxDeadLetterEvent = CustomEvent<CxDeadLetterDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-dead-letter': CxDeadLetterEvent;
  }
}
