#!/usr/bin/env node
// Lists every message the survey shows, by id, with its English source text
// (@cx-survey/protocol's ENGLISH): what a translator translates.
// Usage: node scripts/strings.mjs [--json]   (after `npx tsc -b packages/protocol`)
import { ENGLISH } from '../packages/protocol/dist/index.js';

if (process.argv.includes('--json')) console.log(JSON.stringify(ENGLISH, null, 2));
else for (const [id, text] of Object.entries(ENGLISH)) console.log(`${id}\t${text}`);
