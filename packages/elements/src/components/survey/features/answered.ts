import {
  buildRecord,
  checkRecord,
  missingTokenProblem,
  serviceRecordProblem,
  type Answers,
  type PublicServiceConfig,
  type RecordContext,
  type ResponseRecord,
  type SurveyConfig,
} from '@cx-survey/protocol';

// Every survey loads this once it is shown, when the browser is next idle (or at the first answer, if
// that comes sooner): what matters only after Q1 — the Q2a/Q2b checklist and its wording, the record
// built and checked on this device at Submit, the thank-you with its delivery status line. Q1 never
// waits for it, and by the time a respondent taps an answer it is here (#16).
export { q2Template } from '../templates/q2.js';
export { q2Text } from '../../../internal/content-q2.js';
export { thanksTemplate } from '../templates/thanks.js';
export { DeliveryStatusController, STATUS_TEXT } from '../../../controllers/delivery-status.js';

/**
 * The record for these answers (null when nothing was answered), or the reason the collector would
 * refuse it: its own rules and, when the collector published this service's survey, that service's.
 */
export function prepareRecord(
  config: SurveyConfig,
  answers: Answers,
  context: RecordContext,
  published: PublicServiceConfig | undefined,
): { record: ResponseRecord | null; refusal?: string } {
  const record = buildRecord(config, answers, context);
  if (!record) return { record };
  const refusal = checkRecord(record)[0]?.message ?? (published && (serviceRecordProblem(record, { ...published, id: published.service }) ?? missingTokenProblem(record, published))?.message);
  return refusal ? { record, refusal } : { record };
}
