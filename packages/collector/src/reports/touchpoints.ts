/**
 * Touchpoints' A-11 files, laid out exactly as GSA's Touchpoints writes them (app/models/form.rb):
 * the raw Q1/Q2 file (Form#to_a11_v2_csv) and the two-file quarterly submission
 * (to_a11_header_csv, to_a11_submissions_csv). Cells follow Ruby's CSV defaults, which Touchpoints
 * uses: "\n" line ends, nil as an empty field, "" as `""`, quotes only around a comma, quote, CR or LF,
 * and no formula defusing (the file is for upload, byte for byte; open it in a spreadsheet with care).
 */
import { fill, TOUCHPOINTS_A11_V2_COLUMNS, TOUCHPOINTS_DRIVERS, Q1_WORDING, Q2A_WORDING, Q2B_WORDING, Q3_WORDING, type DriverKey, type ResponseRecord } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../domain/services.js';
import type { Store, StreamFilter } from '../store/types.js';

// The columns and driver order are the protocol's (media/touchpoints.ts), shared with the Touchpoints import.
export { TOUCHPOINTS_A11_V2_COLUMNS, TOUCHPOINTS_DRIVERS };

type Cell = string | number | null | undefined;

/** One field as Ruby's CSV writes it by default. */
export function rubyCsvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  if (s === '') return '""';
  return /[\r\n",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const rubyCsvLine = (cells: readonly Cell[]) => `${cells.map(rubyCsvField).join(',')}\n`;

/** Our "none of the above" is Touchpoints' "other" option. */
const touchpointsKey = (k: DriverKey): string => (k === 'none' ? 'other' : k);

/** 1 ticked, 0 offered (including: the respondent was on the other branch), "null" not offered at all. */
function driverCells(record: ResponseRecord, branch: 'positive' | 'negative'): Cell[] {
  const picked = new Set(record.branch === branch ? record.q2.map(touchpointsKey) : []);
  const offered = new Set(record.offered.map(touchpointsKey));
  return TOUCHPOINTS_DRIVERS.map((k) => (picked.has(k) ? 1 : offered.has(k) ? 0 : 'null'));
}

export function touchpointsA11v2Row(record: ResponseRecord): string {
  return rubyCsvLine([record.id, record.q1, ...driverCells(record, 'positive'), ...driverCells(record, 'negative'), record.q3]);
}

/** The raw Q1/Q2 file: header, then one row per record in (answeredAt, id) order. Q3 (question_4) is the redacted text as stored. */
export async function* touchpointsA11v2Export(store: Store, filter: StreamFilter): AsyncGenerator<string> {
  yield rubyCsvLine(TOUCHPOINTS_A11_V2_COLUMNS);
  let chunk = '';
  let n = 0;
  for await (const row of store.stream(filter)) {
    chunk += touchpointsA11v2Row(JSON.parse(row.record) as ResponseRecord);
    if (++n % 500 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export const A11_HEADER_COLUMNS = [
  'submission comment', 'survey_instrument_reference', 'agency_poc_name', 'agency_poc_email', 'department', 'bureau', 'service',
  'transaction_point', 'mode', 'start_date', 'end_date', 'total_volume', 'survey_opp_volume', 'response_count', 'OMB_control_number',
  'federal_register_url',
] as const;

export interface A11HeaderFields {
  submissionComment?: string;
  instrumentReference?: string;
  contactName?: string;
  contactEmail?: string;
  department?: string;
  bureau?: string;
  service: string;
  transactionPoint?: string;
  mode?: string;
  startDate: string;
  endDate: string;
  totalVolume: number | null;
  surveyOpportunityVolume: number | null;
  responseCount: number;
  ombControlNumber?: string;
  federalRegisterUrl?: string;
}

/** File 1 of the quarterly submission: the header row and one metadata row. */
export function a11HeaderCsv(f: A11HeaderFields): string {
  return (
    rubyCsvLine(A11_HEADER_COLUMNS) +
    rubyCsvLine([
      f.submissionComment, f.instrumentReference, f.contactName, f.contactEmail, f.department, f.bureau, f.service, f.transactionPoint, f.mode,
      f.startDate, f.endDate, f.totalVolume, f.surveyOpportunityVolume, f.responseCount, f.ombControlNumber, f.federalRegisterUrl,
    ])
  );
}

export const A11_SUBMISSIONS_COLUMNS = [
  'standardized_question_number', 'standardized_question_identifier', 'customized_question_text', 'likert_scale_1', 'likert_scale_2',
  'likert_scale_3', 'likert_scale_4', 'likert_scale_5', 'response_volume', 'notes', 'start_date', 'end_date',
] as const;

/**
 * Counts for file 2, as Touchpoints counts its answer_01..answer_04 fields: per question, how many
 * answers equal "1" … "5" (only Q1 can), and how many answers are present at all.
 */
export class A11SubmissionsTally {
  readonly likert = [0, 1, 2, 3].map(() => [0, 0, 0, 0, 0]);
  readonly present = [0, 0, 0, 0];
  add(record: ResponseRecord): void {
    const positive = record.branch === 'positive' && record.q2.length > 0;
    const negative = record.branch === 'negative' && record.q2.length > 0;
    const answers: Array<string | null> = [record.q1 === null ? null : String(record.q1), positive ? record.q2.join(',') : null, negative ? record.q2.join(',') : null, record.q3];
    answers.forEach((a, i) => {
      if (a === null || a.trim() === '') return;
      this.present[i]++;
      if (/^[1-5]$/.test(a)) this.likert[i][Number(a) - 1]++;
    });
  }
}

/** The text each question was asked with: the agency's Q1 if it replaced it, the seed's wording otherwise. */
export function a11QuestionTexts(service: ServiceDefinition): string[] {
  const q1 = fill(service.survey.q1Wording ?? Q1_WORDING, { agency: service.agency, subject: service.survey.subject, service: service.name });
  return [q1, Q2A_WORDING, Q2B_WORDING, Q3_WORDING];
}

/** File 2 of the quarterly submission: one row per standardized question. */
export function a11SubmissionsCsv(tally: A11SubmissionsTally, texts: string[], startDate: string, endDate: string): string {
  let out = rubyCsvLine(A11_SUBMISSIONS_COLUMNS);
  texts.forEach((text, i) => {
    out += rubyCsvLine([i + 1, `answer_0${i + 1}`, text, ...tally.likert[i], tally.present[i], '', startDate, endDate]);
  });
  return out;
}
