#!/usr/bin/env node
// Writes docs/reference.md from packages/elements/custom-elements.json, the
// Custom Elements Manifest that @custom-elements-manifest/analyzer generates
// from the JSDoc in the element sources. Run through `npm run docs`, which
// builds first. No dependencies beyond Node.
//
// For every custom element: summary and description, attributes, properties
// that have no attribute, public methods, events, CSS parts, CSS custom
// properties (and slots, when an element has any). Private and protected
// members, members whose names start with _ or #, and static members without
// a description are left out. The output has no timestamp, so running it
// twice on the same manifest gives the same file.
//
// Manifest shape (analyzer 0.11, `--litelement`, elements declaring a static
// `properties` object): every entry of `properties` is listed as an attribute,
// including Lit's internal `state: true` entries, which have no attribute at
// run time; they are recognised by their field being private or protected and
// left out. Attributes the element observes without a property of its own
// (`lang`, added to `observedAttributes`) have no `fieldName` and no
// description; they are described from GLOBAL_ATTRIBUTES below.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(root, 'packages/elements/custom-elements.json');
const outPath = join(root, 'docs/reference.md');

let manifest;
try {
  manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
} catch (err) {
  console.error(`docs-reference: cannot read ${relative(root, manifestPath)} (${err.code ?? err.message}); run npm run build first`);
  process.exit(1);
}

/** One line of table text: pipes escaped, line breaks folded, <, >, * and _ escaped outside code spans. */
function cell(text) {
  if (text === undefined || text === null || text === '') return '—';
  return String(text)
    .replace(/\s*\n\s*/g, ' ')
    .split('`')
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([*_])/g, '\\$1')))
    .join('`')
    .replace(/\|/g, '\\|');
}

/** Inline code in a table cell; backticks inside are avoided by doubling the fence. */
function code(text) {
  if (text === undefined || text === null || text === '') return '—';
  const t = String(text).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

function table(headers, rows) {
  if (!rows.length) return '';
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}

/** Descriptions of global HTML attributes an element observes (they carry no JSDoc in the manifest). */
const GLOBAL_ATTRIBUTES = {
  lang: 'Global HTML attribute, watched live: the language to show, unless the respondent picks another in the language picker. Without it the page\'s `<html lang>`, then the browser\'s languages, decide. See docs/languages.md.',
};

const isPublic = (m) => (m.privacy === undefined || m.privacy === 'public') && !/^[_#]/.test(m.name);
const shownStatic = (m) => !m.static || Boolean(m.description);

function signature(method) {
  const params = (method.parameters ?? [])
    .map((p) => `${p.rest ? '...' : ''}${p.name}${p.optional ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`)
    .join(', ');
  return `${method.static ? 'static ' : ''}${method.name}(${params}): ${method.return?.type?.text ?? 'void'}`;
}

function elementSection(decl, modulePath) {
  const out = [];
  const members = decl.members ?? [];
  const fieldOf = (name) => members.find((m) => m.kind === 'field' && m.name === name);
  // Lit `state: true` entries of a static `properties` object come out as attributes of private fields: not attributes.
  const attributes = (decl.attributes ?? []).filter((a) => {
    const field = a.fieldName ? fieldOf(a.fieldName) : undefined;
    return !field || isPublic(field);
  });

  out.push(`## \`<${decl.tagName}>\`\n`);
  out.push(`Class \`${decl.name}\` in \`${modulePath}\`${decl.superclass?.name ? `, extends \`${decl.superclass.name}\`${decl.superclass.package ? ` from \`${decl.superclass.package}\`` : ''}` : ''}.\n`);
  if (decl.deprecated) out.push(`**Deprecated.** ${decl.deprecated === 'true' ? '' : decl.deprecated}\n`);
  if (decl.summary) out.push(`**${decl.summary.trim()}**\n`);
  if (decl.description) out.push(`${decl.description.trim().replace(/\s*\n\s*/g, ' ')}\n`);

  out.push('### Attributes\n');
  if (attributes.length) {
    out.push(
      'Default is the initial value the class declares; "—" means none is declared, and the element may still apply a default when it validates the setting (the description says which).\n',
    );
    out.push(
      table(
        ['Attribute', 'Property', 'Type', 'Default', 'Description'],
        attributes.map((a) => {
          const field = a.fieldName ? fieldOf(a.fieldName) : undefined;
          const property = a.fieldName ? `${code(a.fieldName)}${field?.reflects ? ' (reflects)' : ''}` : '—';
          const description = a.description ?? field?.description ?? (a.fieldName ? undefined : GLOBAL_ATTRIBUTES[a.name] ?? 'Global HTML attribute, observed by the element.');
          return [code(a.name), property, code(a.type?.text ?? field?.type?.text), code(a.default ?? field?.default), cell(description)];
        }),
      ),
    );
  } else out.push('None.\n');

  const withAttribute = new Set(attributes.map((a) => a.fieldName).filter(Boolean));
  const properties = members.filter((m) => m.kind === 'field' && isPublic(m) && shownStatic(m) && !m.attribute && !withAttribute.has(m.name));
  out.push('### Properties without an attribute\n');
  out.push(
    properties.length
      ? table(
          ['Property', 'Type', 'Default', 'Description'],
          properties.map((p) => [
            `${code(p.name)}${p.static ? ' (static)' : ''}${p.readonly ? ' (read-only)' : ''}`,
            code(p.type?.text),
            code(p.default),
            cell(p.description) + (p.inheritedFrom ? ` (from \`${p.inheritedFrom.name}\`)` : ''),
          ]),
        )
      : 'None.\n',
  );

  const methods = members.filter((m) => m.kind === 'method' && isPublic(m) && shownStatic(m));
  out.push('### Methods\n');
  out.push(methods.length ? table(['Method', 'Description'], methods.map((m) => [code(signature(m)), cell(m.description)])) : 'None.\n');

  const events = decl.events ?? [];
  out.push('### Events\n');
  out.push(
    events.length
      ? table(
          events.some((e) => e.type?.text) ? ['Event', 'Type', 'Description'] : ['Event', 'Description'],
          events.map((e) => (events.some((x) => x.type?.text) ? [code(e.name), code(e.type?.text), cell(e.description)] : [code(e.name), cell(e.description)])),
        )
      : 'None.\n',
  );

  const slots = decl.slots ?? [];
  if (slots.length) {
    out.push('### Slots\n');
    out.push(table(['Slot', 'Description'], slots.map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)])));
  }

  const parts = decl.cssParts ?? [];
  out.push('### CSS parts\n');
  out.push(parts.length ? table(['Part', 'Description'], parts.map((p) => [code(p.name), cell(p.description)])) : 'None.\n');

  const props = decl.cssProperties ?? [];
  out.push('### CSS custom properties\n');
  out.push(props.length ? table(['Property', 'Default', 'Description'], props.map((p) => [code(p.name), code(p.default), cell(p.description)])) : 'None.\n');

  return out.join('\n');
}

// Module paths in the manifest are relative to the package that holds it and name the shipped dist/*.js;
// the reference points readers at the TypeScript source instead.
const packageDir = relative(root, dirname(manifestPath));
const sourceOf = (path) => path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
const elements = [];
for (const mod of manifest.modules ?? []) {
  for (const decl of mod.declarations ?? []) {
    if (decl.customElement && decl.tagName) elements.push(elementSection(decl, join(packageDir, sourceOf(mod.path)).split('\\').join('/')));
  }
}
if (!elements.length) {
  console.error(`docs-reference: ${relative(root, manifestPath)} declares no custom elements`);
  process.exit(1);
}

const doc = `<!-- Generated by scripts/docs-reference.mjs from packages/elements/custom-elements.json. Do not edit: change the JSDoc in the element source and run \`npm run docs\`. -->

# Element reference

Generated from the Custom Elements Manifest, which is built from the JSDoc in the element sources. How to configure the survey, with every setting, its default and its validation message, is in [configuration.md](configuration.md); the launcher button, kiosk mode and theming are in [embedding.md](embedding.md); how the survey meets OMB Circular A-11 Section 280.14 is in [a11-compliance.md](a11-compliance.md).

${elements.join('\n')}`;

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, doc.replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n'));
console.log(`docs-reference: wrote ${relative(root, outPath)} (${elements.length} element${elements.length === 1 ? '' : 's'})`);
