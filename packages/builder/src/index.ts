export { CxSurveyBuilder } from './builder/cx-survey-builder.js';
