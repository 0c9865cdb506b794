/** The collector's dashboard API, with the admin bearer token the user typed (kept for this tab only). */

export interface TrustFigure {
  answered: number;
  positive: number;
  percent: number | null;
  ci: { low: number; high: number } | null;
}

export interface Period {
  fiscalYear: number;
  quarter: number;
  firstDay: string;
  lastDay: string;
  timeZone: string;
  dueDate: string;
}

export interface Overview {
  period: Period;
  responses: number;
  answered: number;
  servicesDeclared: number;
  servicesWithResponses: number;
  weekly: Array<{ week: string; start: number; responses: number; answered: number }>;
  channels: Array<{ value: string; responses: number }>;
  surveyTypes: Array<{ value: string; responses: number }>;
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
  total: number;
  offset: number;
  limit: number;
  items: ServiceRow[];
}

export interface Breakdown {
  value: string;
  responses: number;
  trust: TrustFigure;
}

export interface BranchDrivers {
  responses: number;
  answeredQ2: number;
  drivers: Record<string, { count: number; share: number | null }>;
}

export interface ServiceDetail {
  service: { id: string; name: string; agency: string; scale: string; drivers: string[] };
  period: Period;
  responses: number;
  trust: TrustFigure;
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
  status: 'firing' | 'resolved';
  since: number;
  resolvedAt: number | null;
  message: string;
}

export interface Alerts {
  enabled: boolean;
  webhook: boolean;
  intervalSeconds: number | null;
  rules: Array<{ id: string; type: string }>;
  firing: AlertRow[];
  resolved: AlertRow[];
}

export class UnauthorizedError extends Error {}

const KEY = 'cx-dashboard-token';
export const savedToken = () => sessionStorage.getItem(KEY);
export const saveToken = (t: string | null) => (t ? sessionStorage.setItem(KEY, t) : sessionStorage.removeItem(KEY));

export async function request(path: string, params: Record<string, string | number | undefined> = {}): Promise<Response> {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const res = await fetch(url, { headers: { authorization: `Bearer ${savedToken() ?? ''}` }, cache: 'no-store' });
  if (res.status === 401 || res.status === 403) throw new UnauthorizedError((await res.json().catch(() => null))?.error?.message ?? 'not authorised');
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? `HTTP ${res.status}`);
  return res;
}

export const getJson = async <T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> => (await request(path, params)).json() as Promise<T>;

/** Saves an admin-only file: fetched with the token, handed to the browser as a download. */
export async function download(path: string, params: Record<string, string | number | undefined>, filename: string): Promise<void> {
  const blob = await (await request(path, params)).blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
