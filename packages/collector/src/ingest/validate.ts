import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { recordSchema, type ResponseRecord } from '@cx-survey/protocol';

/** A refusal: HTTP status, a stable machine code, the field it concerns and why. */
export interface Problem {
  status: number;
  code: string;
  message: string;
  field?: string;
}

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validateSchema = ajv.compile<ResponseRecord>(recordSchema as unknown as object);

/** "/q2/0" → "q2[0]", "/answers/visit" → "answers.visit". */
export function fieldPath(pointer: string, child?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.reduce((path, p) => (/^\d+$/.test(p) ? `${path}[${p}]` : path ? `${path}.${p}` : p), '');
}

function describe(error: ErrorObject): Problem {
  if (error.keyword === 'additionalProperties') {
    const field = fieldPath(error.instancePath, String(error.params.additionalProperty));
    return { status: 400, code: 'unknown_field', field, message: `unknown field "${field}"` };
  }
  if (error.keyword === 'required') {
    const field = fieldPath(error.instancePath, String(error.params.missingProperty));
    return { status: 400, code: 'missing_field', field, message: `"${field}" is required` };
  }
  const field = fieldPath(error.instancePath);
  let reason = error.message ?? 'is invalid';
  if (error.keyword === 'enum') reason = `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'const') reason = `must be ${JSON.stringify(error.params.allowedValue)}`;
  return { status: 400, code: 'invalid_field', field: field || undefined, message: `${field || 'record'} ${reason}` };
}

/** Checks a value against the protocol's JSON Schema; returns the first problem or null. */
export function schemaProblem(value: unknown): Problem | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { status: 400, code: 'invalid_record', message: 'a response record must be a JSON object' };
  if (validateSchema(value)) return null;
  return describe(validateSchema.errors![0]);
}
