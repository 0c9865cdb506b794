import type { CxEventBase } from './base.js';

/** `cx-dismiss`: "No thanks" on the survey or "Close" on the thank-you. */
export type CxDismissDetail = CxEventBase & { stage: 'survey' | 'thanks' };
export type CxDismissEvent = CustomEvent<CxDismissDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-dismiss': CxDismissEvent;
  }
}
