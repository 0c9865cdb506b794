// Writes the JSON Schemas the package exports (`@cx-survey/protocol/record.schema.json`) from the
// compiled protocol, so the file and `recordSchema` are the same object, never two copies by hand.
import { writeFileSync } from 'node:fs';
import { recordSchema } from '../dist/record.js';

const out = new URL('../dist/record.schema.json', import.meta.url);
writeFileSync(out, JSON.stringify(recordSchema, null, 2) + '\n');
