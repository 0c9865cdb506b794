// Every survey loads this once it is shown, when the browser is next idle (or at the first answer, if
// that comes sooner): what matters only after Q1 — the Q2a/Q2b checklist and its wording, Submit (the
// record built and checked on this device, written ahead), the thank-you with its delivery status line.
// Q1 never waits for it, and by the time a respondent taps an answer it is here (#16).
export { q2Template } from '../templates/q2.js';
export { q2Text } from '../../../internal/content-q2.js';
export { thanksTemplate } from '../templates/thanks.js';
export { Submission } from '../submission.js';
