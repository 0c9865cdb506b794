/**
 * The OMB package for one quarter (`cx-collector package`): per service, Touchpoints' raw A-11 v2
 * file, its two-file quarterly submission, and a summary (JSON and Markdown) with the figures, the due
 * date, what the services file does not hold (left blank, listed) and the seed's "program-specific
 * service-level indicators" and "recent accomplishments" from the file, or placeholders.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { quarterPeriod, type ResponseRecord } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../domain/services.js';
import { quarterKeyOf, type ServiceIndicator } from '../domain/submission-info.js';
import type { Store, StreamFilter } from '../store/types.js';
import { buildReport, type ClosedInfo } from './closing.js';
import { quarterFilter, type QuarterReport } from './report.js';
import { a11HeaderCsv, a11QuestionTexts, a11SubmissionsCsv, A11SubmissionsTally, touchpointsA11v2Row, rubyCsvLine, TOUCHPOINTS_A11_V2_COLUMNS } from './touchpoints.js';

export const PACKAGE_FILES = {
  raw: 'touchpoints-a11-v2.csv',
  header: 'touchpoints-a11-header.csv',
  submissions: 'touchpoints-a11-submissions.csv',
  summaryJson: 'summary.json',
  summaryMarkdown: 'summary.md',
} as const;

const PLACEHOLDER_INDICATORS = 'TODO: program-specific service-level indicators (services file: omb.quarters["FY…-Q…"].serviceIndicators)';
const PLACEHOLDER_ACCOMPLISHMENTS = 'TODO: recent accomplishments (services file: omb.quarters["FY…-Q…"].accomplishments)';

export interface ServicePackageSummary {
  service: { id: string; name: string; agency: string };
  fiscalYear: number;
  quarter: number;
  period: QuarterReport['period'];
  dueDate: string;
  generatedAt: string;
  /** What OMB's quarterly entry asks for. */
  submission: {
    trustQuestionText: string;
    volumeOfCustomers: number | null;
    volumeOfCustomersProvidedSurveyOpportunity: number;
    responses: number;
    responseRate: number | null;
    ombControlNumber: string | null;
  };
  figures: Pick<QuarterReport, 'responses' | 'q1Answered' | 'trust' | 'q2' | 'byChannel' | 'bySurveyType' | 'volumes'>;
  serviceIndicators: ServiceIndicator[] | string;
  accomplishments: string;
  /** Touchpoints fields left blank because the services file does not hold them, with the setting that would. */
  missing: Array<{ field: string; setting: string }>;
  /** The close the files reproduce; null for a quarter not closed (the files then hold every record so far). */
  closed: ClosedInfo | null;
  /** Closed quarters: records that arrived after the close, in their own file (not submitted). */
  lateArrivals: { responses: number; file: string } | null;
  files: string[];
}

/** A closed quarter's records that arrived after its close, in the raw file's layout. */
export const LATE_ARRIVALS_FILE = 'touchpoints-a11-v2-late-arrivals.csv';

/** Streams the filter's records into a raw A-11 v2 file (and the tally, when given); resolves with how many. */
async function writeRawFile(store: Store, filter: StreamFilter, path: string, tally?: A11SubmissionsTally): Promise<number> {
  let count = 0;
  async function* raw(): AsyncGenerator<string> {
    yield rubyCsvLine(TOUCHPOINTS_A11_V2_COLUMNS);
    let chunk = '';
    for await (const row of store.stream(filter)) {
      const record = JSON.parse(row.record) as ResponseRecord;
      tally?.add(record);
      chunk += touchpointsA11v2Row(record);
      if (++count % 500 === 0) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(raw()), createWriteStream(path));
  return count;
}

/** Writes one service's package into `dir` (created) and returns its summary. */
export async function writeServicePackage(store: Store, service: ServiceDefinition, fiscalYear: number, quarter: 1 | 2 | 3 | 4, timeZone: string, dir: string): Promise<ServicePackageSummary> {
  await mkdir(dir, { recursive: true });
  const report = await buildReport(store, service, fiscalYear, quarter, timeZone);
  // A closed quarter's files hold exactly what its close counted (the ids it stored); records that
  // arrived later go to a file of their own, never into the submitted one.
  const closed = report.closed ? { fiscalYear, quarter } : undefined;
  const filter: StreamFilter = { ...quarterFilter(service.id, quarterPeriod(fiscalYear, quarter, report.period.timeZone)), inClose: closed };
  const tally = new A11SubmissionsTally();
  const count = await writeRawFile(store, filter, join(dir, PACKAGE_FILES.raw), tally);
  const late = closed ? await writeRawFile(store, { ...filter, inClose: undefined, notInClose: closed }, join(dir, LATE_ARRIVALS_FILE)) : null;

  const info = service.submission;
  const notes = info.quarters[quarterKeyOf(fiscalYear, quarter)] ?? {};
  // A PRA-exempt service has no control number: listed as left blank, like any other missing field.
  const ombControlNumber = service.pra?.controlNumber;
  const missing: Array<{ field: string; setting: string }> = [];
  const need = <T>(value: T | undefined | null, field: string, setting: string): T | undefined => {
    if (value === undefined || value === null) missing.push({ field, setting });
    return value ?? undefined;
  };
  const volume = report.volumes.volumeOfCustomers;
  const header = a11HeaderCsv({
    submissionComment: notes.submissionComment ?? info.submissionComment,
    instrumentReference: need(info.instrumentReference, 'survey_instrument_reference', 'omb.instrumentReference'),
    contactName: need(info.contact?.name, 'agency_poc_name', 'omb.contact.name'),
    contactEmail: need(info.contact?.email, 'agency_poc_email', 'omb.contact.email'),
    department: need(info.department, 'department', 'omb.department'),
    bureau: need(info.bureau, 'bureau', 'omb.bureau'),
    service: service.name,
    transactionPoint: need(info.transactionPoint, 'transaction_point', 'omb.transactionPoint'),
    mode: need(info.mode, 'mode', 'omb.mode'),
    startDate: report.period.firstDay,
    endDate: report.period.lastDay,
    totalVolume: need(volume, 'total_volume', `volumeOfCustomers["${quarterKeyOf(fiscalYear, quarter)}"] or PUT /v1/services/${service.id}/volumes`) ?? null,
    surveyOpportunityVolume: report.volumes.offered,
    responseCount: count,
    ombControlNumber: need(ombControlNumber, 'OMB_control_number', 'pra.controlNumber'),
    federalRegisterUrl: need(info.federalRegisterUrl, 'federal_register_url', 'omb.federalRegisterUrl'),
  });
  await writeFile(join(dir, PACKAGE_FILES.header), header);
  const texts = a11QuestionTexts(service);
  await writeFile(join(dir, PACKAGE_FILES.submissions), a11SubmissionsCsv(tally, texts, report.period.firstDay, report.period.lastDay));

  const summary: ServicePackageSummary = {
    service: { id: service.id, name: service.name, agency: service.agency },
    fiscalYear,
    quarter,
    period: report.period,
    dueDate: report.dueDate,
    generatedAt: new Date().toISOString(),
    submission: {
      trustQuestionText: texts[0],
      volumeOfCustomers: volume,
      volumeOfCustomersProvidedSurveyOpportunity: report.volumes.offered,
      responses: report.responses,
      responseRate: report.volumes.responseRate,
      ombControlNumber: ombControlNumber ?? null,
    },
    figures: {
      responses: report.responses, q1Answered: report.q1Answered, trust: report.trust, q2: report.q2,
      byChannel: report.byChannel, bySurveyType: report.bySurveyType, volumes: report.volumes,
    },
    serviceIndicators: notes.serviceIndicators ?? PLACEHOLDER_INDICATORS,
    accomplishments: notes.accomplishments ?? PLACEHOLDER_ACCOMPLISHMENTS,
    missing,
    closed: report.closed ?? null,
    lateArrivals: late === null ? null : { responses: late, file: LATE_ARRIVALS_FILE },
    files: [...Object.values(PACKAGE_FILES), ...(late === null ? [] : [LATE_ARRIVALS_FILE])],
  };
  await writeFile(join(dir, PACKAGE_FILES.summaryJson), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(join(dir, PACKAGE_FILES.summaryMarkdown), summaryMarkdown(summary));
  return summary;
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v} %`);
const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('en-US'));

export function summaryMarkdown(s: ServicePackageSummary): string {
  const t = s.figures.trust;
  const trust =
    t.percent !== undefined
      ? `${pct(t.percent)} (${t.up} of ${t.answered} thumbs up)`
      : `5 only: ${pct(t.percentAtCut?.['5'])}; 4-5: ${pct(t.percentAtCut?.['4-5'])}; 3-5: ${pct(t.percentAtCut?.['3-5'])} (${t.answered} answered)`;
  const lines = [
    `# ${s.service.name}: FY ${s.fiscalYear} Q${s.quarter}`,
    '',
    `${s.service.agency}. Period ${s.period.firstDay} to ${s.period.lastDay} (${s.period.timeZone}). **Due to OMB ${s.dueDate}.**`,
    '',
    '| Quarterly entry | Value |',
    '| --- | --- |',
    `| Trust question text | ${s.submission.trustQuestionText} |`,
    `| Volume of customers | ${num(s.submission.volumeOfCustomers)} |`,
    `| Volume of customers provided a survey opportunity | ${num(s.submission.volumeOfCustomersProvidedSurveyOpportunity)} |`,
    `| Responses | ${num(s.submission.responses)} |`,
    `| Response rate | ${pct(s.submission.responseRate)} |`,
    `| OMB control number | ${s.submission.ombControlNumber ?? '—'} |`,
    `| Trust | ${trust} |`,
    '',
    '## Drivers',
    '',
    '| Driver | Q2a count | Q2a share | Q2b count | Q2b share |',
    '| --- | --- | --- | --- | --- |',
    ...Object.keys(s.figures.q2.positive.drivers).map((k) => {
      const p = s.figures.q2.positive.drivers[k as keyof typeof s.figures.q2.positive.drivers];
      const n = s.figures.q2.negative.drivers[k as keyof typeof s.figures.q2.negative.drivers];
      return `| ${k} | ${p.count} | ${pct(p.share)} | ${n.count} | ${pct(n.share)} |`;
    }),
    '',
    '## By channel',
    '',
    '| Channel | Offered | Responses | Response rate |',
    '| --- | --- | --- | --- |',
    ...Object.entries(s.figures.volumes.byChannel).map(([ch, v]) => `| ${ch} | ${num(v.offered)} | ${num(v.responses)} | ${pct(v.responseRate)} |`),
    '',
    '## Program-specific service-level indicators',
    '',
    ...(typeof s.serviceIndicators === 'string' ? [s.serviceIndicators] : s.serviceIndicators.map((i) => `- ${i.name}: ${i.value}${i.unit ? ` ${i.unit}` : ''}`)),
    '',
    '## Recent accomplishments',
    '',
    s.accomplishments,
    '',
    ...(s.closed
      ? [
          '## Closed quarter',
          '',
          `Closed ${s.closed.closedAt} with ${num(s.closed.records)} responses (checksum \`${s.closed.checksum}\`); the files hold exactly those.`,
          `${num(s.lateArrivals?.responses ?? 0)} response(s) arrived after closing: \`${LATE_ARRIVALS_FILE}\`, not part of the submission.`,
          '',
        ]
      : []),
    '## Left blank',
    '',
    ...(s.missing.length ? s.missing.map((m) => `- \`${m.field}\`: set \`${m.setting}\``) : ['Nothing: every Touchpoints field is filled.']),
    '',
    `Files: ${s.files.map((f) => `\`${f}\``).join(', ')}.`,
    '',
  ];
  return lines.join('\n');
}
