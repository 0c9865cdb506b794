import type { ReactiveControllerHost } from 'lit';
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
  type UiMessageId,
} from '@cx-survey/protocol';
import { DeliveryStatusController, STATUS_TEXT } from '../../controllers/delivery-status.js';
import { queueRecord } from '../../delivery/load.js';
import { emit } from '../../events/base.js';

/**
 * The record for these answers (null when nothing was answered), or the reason the collector would
 * refuse it: its own rules and, when the collector published this service's survey, that service's.
 */
function prepareRecord(
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

export interface SubmissionOptions {
  /** The service named in events. */
  service(): string;
  /** Says the delivery status to screen reader users. */
  announce(id: UiMessageId): void;
}

/**
 * Submit, with the code that comes after Q1: the record built and checked on this device, written
 * ahead, `cx-submit` for the page, and the status line that follows its delivery.
 */
export class Submission {
  readonly delivery: DeliveryStatusController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    options: SubmissionOptions,
  ) {
    this.delivery = new DeliveryStatusController(host, {
      service: options.service,
      announce: (status) => {
        const id = STATUS_TEXT[status];
        if (id) options.announce(id);
      },
    });
  }

  /**
   * Resolves true once the answers are on this device (or nothing was answered): the respondent may be
   * thanked. False when the collector would refuse the record: nothing is kept and `cx-error` says why.
   */
  async submit(config: SurveyConfig, answers: Answers, context: RecordContext, published: PublicServiceConfig | undefined): Promise<boolean> {
    const service = config.service;
    // The collector's own rules, on this device: a record it would refuse is never answered with "thank you".
    const { record, refusal } = prepareRecord(config, answers, context, published);
    if (refusal) {
      const message = `<cx-survey> cannot record this response: ${refusal}`;
      console.error(message, this.host);
      emit(this.host, 'cx-error', { service, code: 'config', message, problems: [{ path: '', message: refusal }] });
      return false;
    }
    this.delivery.submitted(record?.id);
    emit(this.host, 'cx-submit', record ? { service, id: record.id, recorded: true, q1: record.q1, branch: record.branch } : { service, id: null, recorded: false, q1: null, branch: null });
    // Write-ahead: the record is on this device before the respondent is thanked.
    const { durable } = record ? await queueRecord(record, config.endpoint!) : { durable: true };
    if (record) this.delivery.queued(durable);
    if (!durable) emit(this.host, 'cx-error', { service, code: 'storage', message: 'this response is kept in memory only until it is sent' });
    return true;
  }
}
