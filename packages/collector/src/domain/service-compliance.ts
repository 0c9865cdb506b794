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

/**
 * Every problem of the service's PRA and rows 4-6 settings goes into `problems` (like the rest of the
 * services file's checks): a reader fixes them all in one pass. null when there was any. `offered`
 * null: the driver list itself is wrong (reported elsewhere), so rows 4-6 cannot be judged yet.
 */
export function parseCompliance(item: Record<string, unknown>, offered: readonly DriverKey[] | null, where: string, problems: string[]): ServiceCompliance | null {
  const before = problems.length;
  const bad = (message: string) => problems.push(`${where}: ${message}`);
  const { pra, praExempt } = item;
  // The seed's PRA rule and its messages are the protocol's (the survey builder shows the same ones);
  // a PRA field's problem names the field (pra.expiration: …), the others name it in their sentence.
  for (const p of praClearanceProblems(pra, praExempt)) bad(`${p.path.startsWith('pra.') ? `${p.path}: ` : ''}${p.message}`);
  let notice: ServiceCompliance['pra'] = null;
  if (pra !== undefined) {
    const r = resolveConfig({ service: 'x', agency: 'x', pra });
    if (r.ok) notice = { controlNumber: r.config.pra!.controlNumber, expiration: r.config.pra!.expiration };
  }
  if (offered) for (const p of applicabilityProblems(offered, item.notApplicable)) bad(`${p.path}: ${p.message}`);
  if (problems.length > before) return null;
  return { pra: notice, praExempt: (praExempt as string | undefined)?.trim() ?? null, notApplicable: (item.notApplicable ?? {}) as ServiceCompliance['notApplicable'] };
}
