import type { CxEventBase } from './base.js';

/** `cx-closed`: the window token's 48-hour window ended before anything was answered. */
export type CxClosedDetail = CxEventBase & { /** ISO 8601 instant. */ expiresAt: string };
export type CxClosedEvent = CustomEvent<CxClosedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-closed': CxClosedEvent;
  }
}
