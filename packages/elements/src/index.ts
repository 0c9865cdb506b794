export { CxSurvey } from './components/survey/cx-survey.js';
export { CxSurveyButton } from './components/survey-button/cx-survey-button.js';
export type * from '@cx-survey/protocol';
export { responses, registerTransport } from './delivery/load.js';
export type { Transport, DeliveryResult } from './delivery/outbox.js';
export type { QueuedRecord, DeadLetter } from './delivery/storage.js';
export type * from './events/index.js';
export { SUPPORTED_LOCALES, type SupportedLocale } from './internal/locales.js';
