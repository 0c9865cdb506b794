/**
 * What OMB's quarterly submission asks for that a survey does not hold: Touchpoints' form metadata
 * (department, bureau, point of contact, transaction point, mode, instrument reference, Federal
 * Register notice) and, per quarter, the seed's "program-specific service-level indicators" and
 * "recent accomplishments". All optional: the package leaves what is missing blank and lists it.
 */

export interface ServiceIndicator {
  name: string;
  value: string | number;
  unit?: string;
}

export interface QuarterNotes {
  serviceIndicators?: ServiceIndicator[];
  accomplishments?: string;
  submissionComment?: string;
}

export interface SubmissionInfo {
  department?: string;
  bureau?: string;
  contact?: { name?: string; email?: string };
  /** Touchpoints' "transaction point": the form's name, e.g. "Online renewal confirmation page". */
  transactionPoint?: string;
  /** Touchpoints' "mode" (medium), e.g. "Website". */
  mode?: string;
  instrumentReference?: string;
  federalRegisterUrl?: string;
  submissionComment?: string;
  /** By quarter key, "FY2025-Q2". */
  quarters: Record<string, QuarterNotes>;
}

/** "FY2025-Q2" (any case, "FY 2025 Q2" too) → "FY2025-Q2"; null when it is not a fiscal quarter. */
export function quarterKey(text: string): string | null {
  const m = /^FY\s?(\d{4})[\s-]?Q([1-4])$/i.exec(text.trim());
  return m ? `FY${m[1]}-Q${m[2]}` : null;
}

export const quarterKeyOf = (fiscalYear: number, quarter: number) => `FY${fiscalYear}-Q${quarter}`;

const TEXT_FIELDS = ['department', 'bureau', 'transactionPoint', 'mode', 'instrumentReference', 'federalRegisterUrl', 'submissionComment'] as const;

export function parseSubmissionInfo(value: unknown, where: string, error: (message: string) => Error): SubmissionInfo {
  if (value === undefined) return { quarters: {} };
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const text = (v: unknown, path: string, max = 2000): string => {
    if (typeof v !== 'string' || !v.trim() || v.length > max) throw error(`${where}: ${path} must be non-empty text of at most ${max} characters`);
    return v;
  };
  if (!isObject(value)) throw error(`${where}: omb must be an object (department, bureau, contact, transactionPoint, mode, instrumentReference, federalRegisterUrl, submissionComment, quarters)`);
  const info: SubmissionInfo = { quarters: {} };
  for (const [k, v] of Object.entries(value)) {
    if ((TEXT_FIELDS as readonly string[]).includes(k)) info[k as (typeof TEXT_FIELDS)[number]] = text(v, `omb.${k}`);
    else if (k === 'contact') {
      if (!isObject(v)) throw error(`${where}: omb.contact must be {"name": …, "email": …}`);
      info.contact = {};
      for (const [ck, cv] of Object.entries(v)) {
        if (ck !== 'name' && ck !== 'email') throw error(`${where}: omb.contact: unknown setting "${ck}"`);
        info.contact[ck] = text(cv, `omb.contact.${ck}`, 200);
      }
      if (info.contact.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(info.contact.email)) throw error(`${where}: omb.contact.email is not an email address`);
    } else if (k === 'quarters') {
      if (!isObject(v)) throw error(`${where}: omb.quarters must be an object such as {"FY2025-Q2": {"accomplishments": "…"}}`);
      for (const [qk, notes] of Object.entries(v)) {
        const key = quarterKey(qk);
        const path = `omb.quarters.${qk}`;
        if (!key) throw error(`${where}: ${path}: "${qk}" is not a fiscal quarter written like FY2025-Q2`);
        if (!isObject(notes)) throw error(`${where}: ${path} must be an object`);
        const out: QuarterNotes = {};
        for (const [nk, nv] of Object.entries(notes)) {
          if (nk === 'accomplishments' || nk === 'submissionComment') out[nk] = text(nv, `${path}.${nk}`, 10_000);
          else if (nk === 'serviceIndicators') {
            if (!Array.isArray(nv)) throw error(`${where}: ${path}.serviceIndicators must be a list of {name, value, unit?}`);
            out.serviceIndicators = nv.map((ind, i) => {
              const p = `${path}.serviceIndicators[${i}]`;
              if (!isObject(ind)) throw error(`${where}: ${p} must be {name, value, unit?}`);
              for (const ik of Object.keys(ind)) if (!['name', 'value', 'unit'].includes(ik)) throw error(`${where}: ${p}: unknown setting "${ik}"`);
              if (typeof ind.value !== 'number' && typeof ind.value !== 'string') throw error(`${where}: ${p}.value must be a number or text`);
              const indicator: ServiceIndicator = { name: text(ind.name, `${p}.name`, 200), value: ind.value };
              if (ind.unit !== undefined) indicator.unit = text(ind.unit, `${p}.unit`, 50);
              return indicator;
            });
          } else throw error(`${where}: ${path}: unknown setting "${nk}" (serviceIndicators, accomplishments, submissionComment)`);
        }
        info.quarters[key] = out;
      }
    } else throw error(`${where}: omb: unknown setting "${k}"`);
  }
  return info;
}
