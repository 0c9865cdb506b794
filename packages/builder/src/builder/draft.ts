/**
 * The builder's state: a services-file entry (what the collector needs) and the page settings the
 * entry does not hold (languages, labels, kiosk, launcher, collector address). Kept in the URL's hash
 * and in localStorage, so a reload or a shared link restores the draft.
 */
import { resolveConfig, serviceEntryProblems, type ConfigProblem, type DriverChoice, type DriverKey, type ServiceEntry } from '@cx-survey/protocol';

export type Launcher = 'none' | 'inline' | 'corner';

export interface PageSettings {
  /** Collector base URL, e.g. https://collector.example.gov. */
  endpoint: string;
  /** Survey languages, the first the default. */
  languages: string[];
  labels: 'statements' | 'short';
  kiosk: boolean;
  location?: string;
  launcher: Launcher;
  /** PRA burden statement: the page shows it with the service's clearance. */
  burden?: string;
}

export interface Draft {
  entry: ServiceEntry;
  page: PageSettings;
}

export function newDraft(): Draft {
  return {
    entry: {
      id: '',
      name: '',
      agency: '',
      subject: 'interaction',
      scale: 'thumbs',
      drivers: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other'],
      q3: true,
      questions: [],
      pra: { controlNumber: '', expiration: '' },
      requireToken: false,
      origins: [],
    },
    page: { endpoint: '', languages: ['en'], labels: 'statements', kiosk: false, launcher: 'none' },
  };
}

const blank = (v: unknown) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The entry as the services file holds it: empty optional fields left out, the cut only on the five-point scale. */
export function cleanEntry(entry: ServiceEntry): ServiceEntry {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) if (!blank(v) || k === 'id' || k === 'drivers' || k === 'questions') out[k] = v;
  if (entry.scale !== 'five-point') delete out.positiveCut;
  // Blank lines are where the person is still typing, not settings.
  if (entry.origins) out.origins = entry.origins.filter((o) => o.trim() !== '');
  if (entry.questions)
    out.questions = entry.questions.map((q) => (q.options ? { ...q, options: q.options.filter((o) => o.label.trim() !== '') } : q));
  if (entry.praExempt !== undefined) out.praExempt = entry.praExempt;
  if (out.questions && (out.questions as unknown[]).length === 0) delete out.questions;
  if (out.origins && (out.origins as unknown[]).length === 0) delete out.origins;
  if (entry.notApplicable) {
    const offered = new Set((entry.drivers ?? []).map((d) => (typeof d === 'string' ? d : d.key)));
    const reasons = Object.fromEntries(Object.entries(entry.notApplicable).filter(([k]) => !offered.has(k as DriverKey)));
    if (Object.keys(reasons).length) out.notApplicable = reasons;
    else delete out.notApplicable;
  }
  if (entry.wording) {
    const wording: Record<string, Record<string, string>> = {};
    for (const [tag, texts] of Object.entries(entry.wording)) {
      const kept = Object.fromEntries(Object.entries(texts).filter(([, t]) => t !== ''));
      if (Object.keys(kept).length) wording[tag] = kept;
    }
    if (Object.keys(wording).length) out.wording = wording;
    else delete out.wording;
  }
  return out as unknown as ServiceEntry;
}

/** Problems of the entry (the protocol's checks, the collector's messages) and of the page settings, by setting. */
export function draftProblems(draft: Draft): ConfigProblem[] {
  const problems = serviceEntryProblems(cleanEntry(draft.entry));
  // The page's own settings, by the element's own check (the id and agency are the entry's business).
  const { endpoint, location, labels } = draft.page;
  const page = resolveConfig({ service: 'x', agency: 'x', labels, ...(endpoint ? { endpoint } : {}), ...(location ? { location } : {}) });
  if (!page.ok) problems.push(...page.problems);
  return problems;
}

export const driverKey = (d: DriverKey | DriverChoice): DriverKey => (typeof d === 'string' ? d : d.key);

/** UTF-8 JSON in base64url: a URL hash that survives mail clients and chat apps. */
export function encodeDraft(draft: Draft): string {
  const bytes = new TextEncoder().encode(JSON.stringify(draft));
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeDraft(text: string): Draft | undefined {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const draft = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))) as Draft;
    if (!draft || typeof draft.entry !== 'object' || typeof draft.page !== 'object') return undefined;
    return { entry: draft.entry, page: { ...newDraft().page, ...draft.page } };
  } catch {
    return undefined;
  }
}

export const STORAGE_KEY = 'cx-survey-builder:draft';
const HASH = '#draft=';

/** The draft from the link, else the one saved on this device, else a new one. */
export function restoreDraft(): { draft: Draft; restored: boolean } {
  const fromHash = location.hash.startsWith(HASH) ? decodeDraft(location.hash.slice(HASH.length)) : undefined;
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage blocked (private mode, policy): the link alone keeps the draft.
  }
  const draft = fromHash ?? (saved ? decodeDraft(saved) : undefined);
  return draft ? { draft, restored: true } : { draft: newDraft(), restored: false };
}

export function saveDraft(draft: Draft): void {
  const text = encodeDraft(draft);
  // replaceState: typing must not fill the back button's history.
  history.replaceState(null, '', `${location.pathname}${location.search}${HASH}${text}`);
  try {
    localStorage.setItem(STORAGE_KEY, text);
  } catch {
    // As above.
  }
}
