import type { ConfigProblem } from '@cx-survey/protocol';
import type { CxEventBase } from './base.js';

/** `cx-error`: a configuration, delivery, storage or language problem. */
export type CxErrorDetail = CxEventBase & { message: string } & (
    | { code: 'config'; /** Every problem at once, each naming its setting. */ problems: ConfigProblem[] }
    | { code: 'delivery' | 'storage' | 'locale' }
  );
export type CxErrorEvent = CustomEvent<CxErrorDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-error': CxErrorEvent;
  }
}
