import type { CxEventBase } from './base.js';

/** `cx-delivery`: the delivery of the record this element submitted changed state. */
export type CxDeliveryDetail = CxEventBase & { id: string } & (
    | { status: 'queued'; /** False when the record is held in memory only. */ durable: boolean }
    | { status: 'sent' | 'rejected' | 'expired' }
    | { status: 'retrying'; attempts: number; /** ISO 8601 instant. */ nextAttemptAt: string }
  );
export type CxDeliveryEvent = CustomEvent<CxDeliveryDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-delivery': CxDeliveryEvent;
  }
}
