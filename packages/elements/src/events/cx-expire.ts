import type { CxEventBase } from './base.js';

/** `cx-expire`: the PRA expiration date has passed, so the survey is not shown. */
export type CxExpireDetail = CxEventBase & { controlNumber: string; /** YYYY-MM-DD */ expiration: string };
export type CxExpireEvent = CustomEvent<CxExpireDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-expire': CxExpireEvent;
  }
}
