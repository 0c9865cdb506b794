import type { CxEventBase } from './base.js';

/** `cx-show`: the survey was first rendered with a valid configuration and an unexpired PRA notice; again after `reset()`. */
export type CxShowDetail = CxEventBase;
export type CxShowEvent = CustomEvent<CxShowDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-show': CxShowEvent;
  }
}
