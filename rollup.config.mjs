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

/** `import text from 'x.css'`: the stylesheet's text, for a shadow root (the dashboard styles uPlot's chart with it). */
function cssText() {
  return {
    name: 'css-text',
    transform(code, id) {
      if (id.endsWith('.css')) return { code: `export default ${JSON.stringify(code)};`, map: null };
    },
  };
}

/**
 * Lit keeps css`` text verbatim: strip comments and spaces from the styles
 * modules (they hold no interpolations or strings where spaces matter).
 */
function minifyStyles() {
  return {
    name: 'minify-styles',
    transform(code, id) {
      if (!id.endsWith('.styles.js')) return null;
      const css = (body) =>
        body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/;}/g, '}')
          .trim();
      return { code: code.replace(/css ?`([^`]*)`/g, (_, body) => `css\`${css(body)}\``), map: null };
    },
  };
}

export default [
  {
    input: { 'cx-survey.min': 'packages/elements/dist/index.js' },
    output: {
      dir: 'packages/elements/dist',
      format: 'es',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      // The outbox and its IndexedDB code load beside the first render, as one chunk.
      manualChunks: (id) => (/\/delivery\/(?!load\.js)|\/idb-keyval\//.test(id) ? 'delivery' : undefined),
    },
    // Language chunks import from the main bundle itself instead of splitting it into a facade and a shared chunk.
    preserveEntrySignatures: 'allow-extension',
    // tsc's decorator helper tests `this` at module scope; undefined there is what it expects.
    onwarn(warning, warn) {
      if (warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
    },
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      minifyStyles(),
      terser({ ecma: 2021, module: true, compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true }, format: { comments: false } }),
      reportSizes(),
    ],
  },
  {
    // The collector's dashboard: Lit and uPlot in one file the collector serves itself (no CDN).
    input: { dashboard: 'packages/dashboard/dist/tsc/index.js' },
    output: { dir: 'packages/dashboard/dist', format: 'es', sourcemap: true, inlineDynamicImports: true },
    onwarn(warning, warn) {
      if (warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
    },
    plugins: [
      cssText(),
      nodeResolve({ exportConditions: ['production'] }),
      minifyStyles(),
      terser({ ecma: 2021, module: true, format: { comments: false } }),
      reportSizes(),
    ],
  },
];
