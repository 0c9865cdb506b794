// The single-file bundle a page loads with one <script type="module"> (dist/cx-survey.min.js).
// <cx-survey> is defined at once; <cx-survey-button>, the delivery code, languages and the
// features only some surveys use are chunks loaded when a page needs them.
import './components/survey/cx-survey.js';

export { responses, registerTransport } from './delivery/load.js';

/** Loads the launcher the first time the page has a <cx-survey-button>, now or later. */
function defineLauncherOnSight(): void {
  const look = () => {
    if (!document.querySelector('cx-survey-button')) return false;
    void import('./components/survey-button/cx-survey-button.js');
    return true;
  };
  if (look()) return;
  const observer = new MutationObserver(() => look() && observer.disconnect());
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
defineLauncherOnSight();
