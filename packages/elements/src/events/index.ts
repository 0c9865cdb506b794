// The cx- events, one module each; importing this registers every name with TypeScript.
export type { CxEventBase, CxEventName, CxEventDetail } from './base.js';
export type * from './cx-show.js';
export type * from './cx-answer.js';
export type * from './cx-submit.js';
export type * from './cx-delivery.js';
export type * from './cx-dismiss.js';
export type * from './cx-expire.js';
export type * from './cx-closed.js';
export type * from './cx-error.js';
export type * from './cx-open.js';
export type * from './cx-close.js';
export type * from './cx-dead-letter.js';
export type * from './cx-storage-warning.js';
