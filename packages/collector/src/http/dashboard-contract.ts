/**
 * The JSON the dashboard reads from /v1/dashboard/*: the routes are typed by it and the dashboard
 * imports it (types only), so the two cannot drift apart. No runtime code here.
 */
import type { DriverKey } from '@cx-survey/protocol';
import type { AlertStatus } from '../alerts/state.js';
import type { AlertRule } from '../alerts/rules.js';
import type { TrustFigure } from '../domain/trust.js';

export type { TrustFigure, Trust } from '../domain/trust.js';
/** GET /v1/reports?fy=&quarter=&service= answers `{ reports: QuarterReportView[] }`: the quarter as submitted (frozen once closed). */
export type { ReportView as QuarterReportView } from '../reports/closing.js';
export type { ScaleFigures } from '../reports/report.js';

export interface Period {
  fiscalYear: number;
  quarter: number;
  firstDay: string;
  lastDay: string;
  timeZone: string;
  dueDate: string;
  from: number;
  to: number;
}

export interface Facet {
  value: string;
  responses: number;
}

export interface Overview {
  period: Period;
  responses: number;
  answered: number;
  servicesDeclared: number;
  servicesWithResponses: number;
  weekly: Array<{ week: string; start: number; responses: number; answered: number }>;
  /** Facet counts ignore their own filter, so every choice stays visible after choosing one. */
  channels: Facet[];
  surveyTypes: Facet[];
  alertsEnabled: boolean;
}

export interface ServiceRow {
  id: string;
  name: string;
  agency: string;
  scale: string;
  responses: number;
  trust: TrustFigure;
}

export interface ServicePage {
  period: Period;
  cut: number;
  total: number;
  offset: number;
  limit: number;
  items: ServiceRow[];
}

export interface Breakdown extends Facet {
  trust: TrustFigure;
}

export interface BranchDrivers {
  responses: number;
  answeredQ2: number;
  drivers: Record<DriverKey, { count: number; share: number | null }>;
}

export interface ServiceDetail {
  service: { id: string; name: string; agency: string; scale: string; drivers: DriverKey[] };
  period: Period;
  fiscalYear: number;
  quarter: number;
  cut: number;
  responses: number;
  trust: TrustFigure;
  distribution?: Record<'1' | '2' | '3' | '4' | '5', number>;
  weekly: Array<{ week: string; start: number; responses: number; trust: TrustFigure }>;
  quarterly: Array<{ label: string; fiscalYear: number; quarter: number; responses: number; trust: TrustFigure }>;
  q2: { positive: BranchDrivers; negative: BranchDrivers };
  byChannel: Breakdown[];
  bySurveyType: Breakdown[];
}

export interface AlertRow {
  ruleId: string;
  service: string;
  serviceName: string;
  status: AlertStatus;
  since: number;
  updatedAt: number;
  resolvedAt: number | null;
  message: string;
  detail: Record<string, unknown>;
}

export interface Alerts {
  enabled: boolean;
  webhook: boolean;
  intervalSeconds: number | null;
  rules: AlertRule[];
  firing: AlertRow[];
  resolved: AlertRow[];
}
