#!/usr/bin/env node
// What a page fetches before Q1 can be answered (#16), without a browser: the entry file and
// every chunk it imports statically (a dynamic import waits for a need), and, inside each of
// those chunks, what each source module costs. Run after `npm run build`:
//   node test/bench/first-load.mjs          # table
//   node test/bench/first-load.mjs --json   # the same as JSON
// `npm run bench` measures the same set in Chromium (the files fetched by the time Q1 is
// ready) and prints it against the 12 KB aim; this script says where the bytes come from.
//
// A module's cost is marginal: gzip -9 of the chunk minus gzip -9 of the chunk without that
// module's minified code (located through the chunk's source map). Marginal costs do not add
// up to the chunk's size exactly (gzip shares repeated text between modules), but each one is
// what moving that module out would save.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dist = join(root, 'packages/elements/dist');
const ENTRY = 'cx-survey.min.js';
/** The aim (#16): gzipped JS+CSS before Q1 is usable, thumbs survey in English. */
export const FIRST_LOAD_AIM = 12 * 1024;

const gz = (s) => gzipSync(s, { level: 9 }).length;

/** Relative specifiers of a chunk's static imports (`import … from "./x.js"` and bare `import "./x.js"`). */
function staticImports(code) {
  const out = new Set();
  // Minified: `import{a as b}from"./chunks/x.js"`, `import"./x.js"`, `export{…}from"./x.js"`; never `import(`.
  for (const m of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g)) out.add(m[1]);
  return [...out].filter((s) => s.startsWith('.'));
}

/** The entry and every chunk it reaches through static imports, in load order. */
export function firstLoadFiles(entry = ENTRY) {
  const seen = [];
  const visit = (file) => {
    if (seen.includes(file)) return;
    seen.push(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const spec of staticImports(code)) visit(relative(dist, resolve(dirname(join(dist, file)), spec)));
  };
  visit(entry);
  return seen;
}

/** Each source module's share of a minified chunk: its characters, located through the source map. */
function modulesOf(file) {
  const code = readFileSync(join(dist, file), 'utf8');
  const map = JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8'));
  const lines = code.split('\n');
  const owner = lines.map((line) => new Int16Array(line.length).fill(-1));
  decode(map.mappings).forEach((segments, l) => {
    if (!owner[l]) return;
    for (let i = 0; i < segments.length; i++) {
      const [col, src] = segments[i];
      if (src === undefined) continue;
      const end = segments[i + 1]?.[0] ?? lines[l].length;
      owner[l].fill(src, col, end);
    }
  });
  const whole = gz(code);
  const modules = map.sources.map((source, index) => {
    let own = '';
    let rest = '';
    lines.forEach((line, l) => {
      for (let c = 0; c < line.length; c++) (owner[l][c] === index ? (own += line[c]) : (rest += line[c]));
      rest += '\n';
    });
    const name = source.replace(/^(\.\.\/)+node_modules\//, '').replace(/^(\.\.\/)+(protocol)\/dist\//, 'protocol/').replace(/^\.\.\//, 'elements/');
    return { module: name, minified: own.length, gzipAlone: own.length ? gz(own) : 0, gzipMarginal: whole - gz(rest) };
  });
  return { file, minified: Buffer.byteLength(code), gzip: whole, modules: modules.filter((m) => m.minified > 0).sort((a, b) => b.gzipMarginal - a.gzipMarginal) };
}

export function firstLoad() {
  const chunks = firstLoadFiles().map(modulesOf);
  return { aim: FIRST_LOAD_AIM, total: chunks.reduce((n, c) => n + c.gzip, 0), chunks };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = firstLoad();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
    console.log(`first load (static imports of ${ENTRY}): ${kb(result.total)} gzipped; aim ≤ ${kb(result.aim)}: ${result.total <= result.aim ? 'met' : 'NOT met'}`);
    for (const c of result.chunks) {
      console.log(`\n${c.file}: ${kb(c.gzip)} gzipped, ${kb(c.minified)} minified`);
      if (c.modules.length < 2) continue;
      console.log(`  ${'module'.padEnd(48)} ${'minified'.padStart(9)} ${'gzip alone'.padStart(10)} ${'marginal'.padStart(9)}`);
      for (const m of c.modules) console.log(`  ${m.module.padEnd(48)} ${String(m.minified).padStart(9)} ${String(m.gzipAlone).padStart(10)} ${String(m.gzipMarginal).padStart(9)}`);
    }
  }
}
