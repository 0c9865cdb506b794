import { CxSurveyButton } from './survey-button.js';

export { CxSurveyButton };

if (!customElements.get('cx-survey-button')) customElements.define('cx-survey-button', CxSurveyButton);

declare global {
  interface HTMLElementTagNameMap {
    'cx-survey-button': CxSurveyButton;
  }
}
