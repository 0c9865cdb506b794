export { CxSurvey } from './components/survey/cx-survey.js';
export type * from '@cx-survey/protocol';
