/**
 * Seed rules a services file must satisfy (issue #14 item 8): every survey is PRA-cleared under
 * the A-11 Section 280 umbrella (control number and expiry) unless the agency states why it is
 * exempt, and rows 4-6 are offered unless marked not applicable with a reason.
 */
import { applicabilityProblems, praClearanceProblems, resolveConfig, type DriverKey, type PraNotice } from '@cx-survey/protocol';

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
  // The seed's PRA rule and its messages are the protocol's (the survey builder shows the same ones).
  const clearance = praClearanceProblems(pra, praExempt);
  // A PRA field's problem names the field (pra.expiration: …); the others name it in their sentence.
  const first = clearance[0];
  if (first) fail(`${where}: ${first.path.startsWith('pra.') ? `${first.path}: ` : ''}${first.message}`);
  let notice: ServiceCompliance['pra'] = null;
  if (pra !== undefined) {
    const r = resolveConfig({ service: 'x', agency: 'x', pra });
    if (r.ok) notice = { controlNumber: r.config.pra!.controlNumber, expiration: r.config.pra!.expiration };
  }
  const problems = applicabilityProblems(offered, item.notApplicable);
  if (problems.length) fail(`${where}: ${problems[0].path}: ${problems[0].message}`);
  return { pra: notice, praExempt: (praExempt as string | undefined)?.trim() ?? null, notApplicable: (item.notApplicable ?? {}) as ServiceCompliance['notApplicable'] };
}
