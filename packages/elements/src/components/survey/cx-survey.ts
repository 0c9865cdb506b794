import { CxSurvey } from './survey.js';

export { CxSurvey };

// Defining twice throws; a page may load the bundle and an npm copy.
if (!customElements.get('cx-survey')) customElements.define('cx-survey', CxSurvey);

declare global {
  interface HTMLElementTagNameMap {
    'cx-survey': CxSurvey;
  }
}
