// npm run build -w @cx-survey/example-vue: esbuild bundles main.js into dist/app.js (+ lazy chunks).
// The app's template is compiled in the browser, so "vue" points at Vue's full ESM build; with .vue
// files and a Vue plugin for your bundler, the runtime-only build does (and isCustomElement moves
// to the plugin's compilerOptions).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

await build({
  absWorkingDir: fileURLToPath(new URL('.', import.meta.url)),
  entryPoints: { app: 'main.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  target: 'es2021',
  conditions: ['production'],
  alias: { vue: 'vue/dist/vue.esm-bundler.js' },
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  logLevel: 'warning',
});
