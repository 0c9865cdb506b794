/** The collector's dashboard API, with the admin bearer token the user typed (kept for this tab only). */

export type { AlertRow, Alerts, Breakdown, BranchDrivers, Overview, Period, QuarterReportView, ScaleFigures, ServiceDetail, ServicePage, ServiceRow, Trust, TrustFigure } from '@cx-survey/collector/dashboard-contract';

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
