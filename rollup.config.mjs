// Single-file bundles that a page loads with one <script type="module">.
// Built from tsc's output, so rollup needs no TypeScript plugin.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { gzipSync } from 'node:zlib';

/** Prints each chunk's minified and gzip -9 size: bytes ship to millions of phones. */
function reportSizes() {
  return {
    name: 'report-sizes',
    generateBundle(options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const raw = Buffer.byteLength(chunk.code);
        const gz = gzipSync(chunk.code, { level: 9 }).length;
        console.log(`  ${options.dir ?? ''}/${name}: ${(raw / 1024).toFixed(1)} KB minified, ${(gz / 1024).toFixed(1)} KB gzipped`);
      }
    },
  };
}

export default [
  {
    input: { 'cx-survey.min': 'packages/elements/dist/index.js' },
    output: { dir: 'packages/elements/dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
    // tsc's decorator helper tests `this` at module scope; undefined there is what it expects.
    onwarn(warning, warn) {
      if (warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
    },
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      terser({ ecma: 2021, module: true, compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true }, format: { comments: false } }),
      reportSizes(),
    ],
  },
];
