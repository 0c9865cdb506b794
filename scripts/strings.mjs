#!/usr/bin/env node
// Lists every message the survey shows, by id, with its English source text:
// what a translator translates and what the locale test checks each locale against.
// Usage: node scripts/strings.mjs [--json]
import { readFileSync } from 'node:fs';
import { DRIVERS } from '../packages/protocol/dist/index.js';

export function catalog() {
  const files = ['packages/elements/src/components/survey/survey.ts', 'packages/elements/src/components/survey-button/survey-button.ts', 'packages/elements/src/internal/content.ts'];
  const out = new Map();
  const call = /tr\.msg\(\s*(str`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*')\s*,\s*'([^']+)'\s*\)/g;
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(call)) {
      let text = m[1];
      if (text.startsWith('str`')) {
        // str`${left} characters left` → "${0} characters left": numbered as @lit/localize numbers them.
        let n = 0;
        text = text.slice(4, -1).replace(/\$\{[^}]*\}/g, () => `\${${n++}}`);
      } else text = text.slice(1, -1).replace(/\\'/g, "'");
      out.set(m[2], text);
    }
  }
  for (const d of DRIVERS) {
    d.statements.forEach((s, i) => {
      out.set(`${d.key}.${i}.positive`, s.positive);
      out.set(`${d.key}.${i}.negative`, s.negative);
    });
    out.set(`${d.key}.short.positive`, d.short.positive);
    out.set(`${d.key}.short.negative`, d.short.negative);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = catalog();
  if (process.argv.includes('--json')) console.log(JSON.stringify(Object.fromEntries(c), null, 2));
  else for (const [id, text] of c) console.log(`${id}\t${text}`);
}
