/**
 * Seed rules a services file must satisfy (issue #14 item 8): every survey is PRA-cleared under
 * the A-11 Section 280 umbrella (control number and expiry) unless the agency states why it is
 * exempt, and rows 4-6 are offered unless marked not applicable with a reason.
 */
import { applicabilityProblems, resolveConfig, type DriverKey, type PraNotice } from '@cx-survey/protocol';

export interface ServiceCompliance {
  /** OMB control number and expiry of the PRA clearance; null when exempt. */
  pra: Pick<PraNotice, 'controlNumber' | 'expiration'> | null;
  /** Why the collection needs no PRA clearance; null when cleared. */
  praExempt: string | null;
  /** "Required if applicable" drivers this service does not offer, with the reason. */
  notApplicable: Partial<Record<DriverKey, string>>;
}

export function parseCompliance(item: Record<string, unknown>, offered: readonly DriverKey[], where: string, fail: (message: string) => never): ServiceCompliance {
  const { pra, praExempt } = item;
  if (pra !== undefined && praExempt !== undefined) fail(`${where}: give either pra (control number and expiry) or praExempt (the reason), not both`);
  let notice: ServiceCompliance['pra'] = null;
  if (pra === undefined && praExempt === undefined)
    fail(`${where}: pra is required: { "controlNumber": "1234-5678", "expiration": "YYYY-MM-DD" } from the A-11 Section 280 umbrella clearance, or "praExempt": "<why no PRA clearance is needed>"`);
  if (pra !== undefined) {
    // The element's own PRA check: the same rules, the same messages.
    const r = resolveConfig({ service: 'x', agency: 'x', pra });
    if (!r.ok) fail(`${where}: ${r.problems[0].path}: ${r.problems[0].message}`);
    else notice = { controlNumber: r.config.pra!.controlNumber, expiration: r.config.pra!.expiration };
  }
  if (praExempt !== undefined && (typeof praExempt !== 'string' || !praExempt.trim() || praExempt.length > 500))
    fail(`${where}: praExempt must say why the collection needs no PRA clearance (text of at most 500 characters)`);
  const problems = applicabilityProblems(offered, item.notApplicable);
  if (problems.length) fail(`${where}: ${problems[0].path}: ${problems[0].message}`);
  return { pra: notice, praExempt: (praExempt as string | undefined)?.trim() ?? null, notApplicable: (item.notApplicable ?? {}) as ServiceCompliance['notApplicable'] };
}
