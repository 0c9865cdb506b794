// npm run build -w @cx-survey/example-angular: esbuild bundles main.ts into dist/app.js (+ lazy chunks).
// esbuild compiles the decorators (experimentalDecorators); Angular's JIT compiler turns the template
// into code in the browser. The Angular CLI would compile ahead of time instead (smaller, faster start);
// this keeps the example's install to Angular's runtime packages.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

await build({
  absWorkingDir: fileURLToPath(new URL('.', import.meta.url)),
  entryPoints: { app: 'main.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  target: 'es2022',
  conditions: ['production'],
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  logLevel: 'warning',
});
