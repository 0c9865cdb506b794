/**
 * The collector's rules for a record of one service, also checked on the device before "thank you"
 * (the same code both sides). A module of its own: the element needs it only on submit, so it loads
 * with the code that comes after the first answer, not with Q1.
 */
import { DRIVER_KEYS, type DriverKey, type Scale } from './a11.js';
import type { ResponseRecord } from './record.js';
import { describeScale, scaleAt, type ScalePeriod } from './scale-history.js';
import { wordingOf, type DriverChoice } from './drivers.js';
import type { PublicServiceConfig } from './service-config.js';

export interface ServiceRules {
  id: string;
  /** The service's periods of scale and cut (a copy published before there was a history: its one `scale`/`positiveCut`). */
  scaleHistory?: readonly ScalePeriod[];
  scale: Scale;
  positiveCut?: number | null;
  drivers: readonly DriverChoice[];
  allowsEveryDriver: boolean;
}

export interface ServiceProblem {
  code: 'scale_mismatch' | 'cut_mismatch' | 'driver_not_offered' | 'instrument_mismatch' | 'token_required';
  field: string;
  message: string;
}

/**
 * What the collector refuses in a record for this service, beyond the record's own consistency. The
 * scale and cut are those in force when it was answered (`scaleHistory`), or, when its answer time cannot
 * be believed (clock suspect), at `clockSuspectAt` (when it was received).
 */
export function serviceRecordProblem(record: ResponseRecord, service: ServiceRules, options: { clockSuspectAt?: number } = {}): ServiceProblem | null {
  const history = service.scaleHistory?.length ? service.scaleHistory : [{ scale: service.scale, positiveCut: service.scale === 'five-point' ? (service.positiveCut ?? 5) : null, from: null, until: null }];
  const suspect = options.clockSuspectAt !== undefined;
  const period = scaleAt(history, suspect ? options.clockSuspectAt! : Date.parse(record.answeredAt));
  const when = suspect ? 'now' : `on ${record.answeredAt}`;
  if (record.scale !== period.scale)
    return { code: 'scale_mismatch', field: 'scale', message: `service "${service.id}" used the ${describeScale(period)} scale ${when}, not ${record.scale}` };
  if (record.scale === 'five-point' && record.positiveCut !== undefined && record.positiveCut !== period.positiveCut)
    return { code: 'cut_mismatch', field: 'positiveCut', message: `service "${service.id}" used the ${describeScale(period)} scale ${when}, so positiveCut is ${period.positiveCut}, not ${record.positiveCut}` };
  const keys = new Set<DriverKey>(service.allowsEveryDriver ? DRIVER_KEYS : service.drivers.map((d) => d.key));
  const notOffered = record.offered.find((k) => !keys.has(k));
  if (notOffered) return { code: 'driver_not_offered', field: 'offered', message: `driver "${notOffered}" is not offered by service "${service.id}"` };
  if (record.instrument && !service.allowsEveryDriver) {
    for (const d of record.instrument.drivers) {
      const theirs = service.drivers.find((s) => s.key === d.key)!;
      if (wordingOf(d) !== wordingOf(theirs))
        return { code: 'instrument_mismatch', field: 'instrument.drivers', message: `driver "${d.key}" was shown as ${wordingOf(d)}; service "${service.id}" uses ${wordingOf(theirs)}` };
    }
  }
  return null;
}

/**
 * The device's share of the token rule: a service that requires a window token refuses a record
 * without one (the collector alone can verify a token's signature).
 */
export function missingTokenProblem(record: ResponseRecord, service: Pick<PublicServiceConfig, 'service' | 'requireToken'>): ServiceProblem | null {
  return service.requireToken && record.token === undefined
    ? { code: 'token_required', field: 'token', message: `service "${service.service}" accepts only responses that carry a 48-hour window token` }
    : null;
}
