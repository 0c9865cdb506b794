/**
 * `POST /v1/imports` as multipart/form-data: an agency's upload form, one file field (`file`) and
 * the options as text fields (`service`, `channel`, `format`, `partial`, `dryRun`). The file is read
 * whole (an import reads it twice: check, then store) up to the collector's body limit; larger
 * files go through `cx-collector import`.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatOf } from '../ingest/import/read.js';

/** The form's text fields; anything else is refused, so a misspelt option is not silently ignored. */
const FIELDS = ['service', 'channel', 'format', 'partial', 'dryRun'] as const;

/** What browsers and spreadsheet tools call a CSV or JSON Lines file (Windows sends Excel's type for .csv). */
const FILE_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', 'text/plain', 'application/octet-stream', 'application/x-ndjson', 'application/jsonl'];

/** A refused upload: its status (400, 413 or 415), error code, field and message. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export type UploadInput = Partial<Record<(typeof FIELDS)[number], string>> & { data: string };

/** Adds the multipart parser to the import route's scope, with at most one file of at most bodyLimit bytes. */
export async function registerUploads(scope: FastifyInstance): Promise<void> {
  await scope.register(multipart, {
    limits: { files: 1, fields: FIELDS.length, parts: FIELDS.length + 1, fileSize: scope.initialConfig.bodyLimit, fieldSize: 1024 },
  });
}

/** Reads the form: its fields and the file's text, or throws an UploadError saying what is wrong. */
export async function readUpload(request: FastifyRequest, bodyLimit: number): Promise<UploadInput> {
  const fields: Partial<Record<string, string>> = {};
  let file: { data: string; format: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new UploadError(400, 'invalid_upload', part.fieldname, `the file goes in the field "file", not "${part.fieldname}"`);
        const type = part.mimetype.split(';')[0].trim().toLowerCase();
        if (!FILE_TYPES.includes(type)) {
          part.file.resume();
          throw new UploadError(415, 'unsupported_file_type', 'file', `${part.filename || 'the file'} is ${type}; upload a CSV (text/csv) or JSON Lines (application/x-ndjson) file`);
        }
        const buffer = await part.toBuffer();
        const format = type === 'application/x-ndjson' || type === 'application/jsonl' ? 'jsonl' : formatOf(part.filename ?? '');
        file = { data: buffer.toString('utf8'), format };
      } else {
        if (!(FIELDS as readonly string[]).includes(part.fieldname)) throw new UploadError(400, 'invalid_upload', part.fieldname, `unknown form field "${part.fieldname}"; the fields are file, ${FIELDS.join(', ')}`);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (e) {
    if (e instanceof UploadError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new UploadError(413, 'file_too_large', 'file', `the file is larger than ${bodyLimit} bytes; import it with cx-collector import`);
    if (code === 'FST_FILES_LIMIT') throw new UploadError(400, 'invalid_upload', 'file', 'upload one file at a time');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new UploadError(400, 'invalid_upload', '', `the form has too many fields; it holds file, ${FIELDS.join(', ')}`);
    // Nothing is stored while the form is read: any other failure is the form's (a cut-off body, a broken boundary).
    throw new UploadError(400, 'invalid_upload', '', `the form cannot be read: ${(e as Error).message}`);
  }
  if (!file) throw new UploadError(400, 'invalid_upload', 'file', 'the form has no file: send it in the field "file"');
  return { format: file.format, ...fields, data: file.data };
}
