export * from './a11.js';
export * from './config.js';
export * from './survey-state.js';
export * from './record.js';
export * from './token-decode.js';
export * from './limits.js';
export * from './fiscal-calendar.js';
