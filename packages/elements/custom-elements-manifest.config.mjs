// Custom Elements Manifest for editors, docs and framework tooling.
import { DRIVER_LABELS, SCALES, SUBJECTS, SURVEY_TYPES } from '@cx-survey/protocol';

/** The protocol's unions, spelled out so editors and framework typings offer the allowed values. */
const UNIONS = { Scale: SCALES, Subject: SUBJECTS, SurveyType: SURVEY_TYPES, DriverLabels: DRIVER_LABELS };
const spell = (text) => text.replace(/\b(Scale|Subject|SurveyType|DriverLabels)\b/g, (name) => UNIONS[name].map((v) => `'${v}'`).join(' | '));

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/locales/**'],
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
  ],
};
