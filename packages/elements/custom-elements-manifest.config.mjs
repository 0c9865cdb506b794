// Custom Elements Manifest for editors, docs and framework tooling.
import { posix } from 'node:path';
import { DRIVER_LABELS, SCALES, SUBJECTS, SURVEY_TYPES } from '@cx-survey/protocol';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

/**
 * A path as the package ships it: `src/x/y.ts`, `/src/x/y.js` or `./y.js` (relative to the module that
 * names it) → `dist/x/y.js`. The package has the compiled modules, not the TypeScript sources.
 */
function shipped(path, from) {
  const full = path.startsWith('.') ? posix.join(posix.dirname(from), path) : path.replace(/^\//, '');
  return full.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
}

/** The protocol's unions, spelled out so editors and framework typings offer the allowed values. */
const UNIONS = { Scale: SCALES, Subject: SUBJECTS, SurveyType: SURVEY_TYPES, DriverLabels: DRIVER_LABELS };
const spell = (text) => text.replace(/\b(Scale|Subject|SurveyType|DriverLabels)\b/g, (name) => UNIONS[name].map((v) => `'${v}'`).join(' | '));

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  plugins: [
    {
      // Internal reactive state (`state: true` in static properties) is private, not an attribute.
      name: 'cx-drop-private-state',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (!decl.attributes) continue;
            const internal = new Set((decl.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name));
            decl.attributes = decl.attributes.filter((a) => !internal.has(a.fieldName ?? a.name));
          }
        }
      },
    },
    {
      name: 'cx-spell-protocol-unions',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            for (const item of [...(decl.attributes ?? []), ...(decl.members ?? [])]) if (item.type?.text) item.type.text = spell(item.type.text);
          }
        }
      },
    },
    {
      // Every path in the manifest names a file that is in the npm package.
      name: 'cx-shipped-paths',
      packageLinkPhase({ customElementsManifest }) {
        const visit = (node, from) => {
          if (Array.isArray(node)) return node.forEach((n) => visit(n, from));
          if (!node || typeof node !== 'object') return;
          for (const [key, value] of Object.entries(node)) {
            if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shipped(value, from);
            else visit(value, from);
          }
        };
        for (const mod of customElementsManifest.modules) {
          const from = mod.path;
          visit(mod, from);
        }
      },
    },
    // Editor data generated from the manifest: HTML completion in VS Code, web-types for JetBrains IDEs.
    customElementVsCodePlugin({ outdir: '.', htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir: '.', webTypesFileName: 'web-types.json', excludeCss: false, hideLogs: true }),
  ],
};
