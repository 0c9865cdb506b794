/** Import files, read row by row however large they are: CSV (header row) or JSON Lines. */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { RawRow } from './rows.js';

export type ImportFormat = 'csv' | 'jsonl';

/** A row with its row number in the file (the header is row 1), or why it could not be read. */
export type ReadRow = { row: number; values: RawRow } | { row: number; error: string };

/** The file's format from its name: .jsonl / .ndjson are JSON Lines, anything else CSV. */
export const formatOf = (name: string): ImportFormat => (/\.(jsonl|ndjson)$/i.test(name) ? 'jsonl' : 'csv');

/** Thrown when the file as a whole cannot be read (a broken header, an unterminated quote). */
export class ImportFileError extends Error {}

async function* csvRows(input: Readable): AsyncGenerator<ReadRow> {
  // Lines starting with "#" are comments (the template's column notes); blank lines are skipped.
  const parser = input.pipe(parse({ columns: (h: string[]) => h.map((c) => c.trim()), bom: true, comment: '#', comment_no_infix: true, skip_empty_lines: true, info: true, relax_column_count: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; invalid_field_length: number } }>) {
      const row = info.lines;
      yield info.invalid_field_length ? { row, error: 'this row has a different number of fields from the header' } : { row, values: record };
    }
  } catch (e) {
    throw new ImportFileError(`the CSV cannot be read: ${(e as Error).message}`);
  }
}

async function* jsonLines(input: Readable): AsyncGenerator<ReadRow> {
  let row = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    row++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      yield { row, error: `not JSON: ${(e as Error).message}` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) yield { row, error: 'each line must be a JSON object' };
    else yield { row, values: value as RawRow };
  }
}

export function readRows(input: Readable, format: ImportFormat): AsyncGenerator<ReadRow> {
  return format === 'csv' ? csvRows(input) : jsonLines(input);
}
