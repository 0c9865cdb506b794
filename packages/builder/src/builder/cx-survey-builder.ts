import { CxSurveyBuilder } from './builder.js';
// The preview renders the real survey and launcher.
import '@cx-survey/elements';

export { CxSurveyBuilder };

if (!customElements.get('cx-survey-builder')) customElements.define('cx-survey-builder', CxSurveyBuilder);

declare global {
  interface HTMLElementTagNameMap {
    'cx-survey-builder': CxSurveyBuilder;
  }
}
