// Custom Elements Manifest for editors, docs and framework tooling.
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
  ],
};
