// npm run build -w @cx-survey/example-bundler: dist/app.js plus lazy chunks, loaded by index.html.
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: 'main.js',
  output: { dir: 'dist', format: 'es', entryFileNames: 'app.js', chunkFileNames: 'chunks/[name]-[hash].js' },
  // 'production' picks Lit's production build (no dev-mode warning).
  plugins: [nodeResolve({ exportConditions: ['production'] })],
};
