// Single-file bundles that a page loads with one <script type="module">.
// Built from tsc's output, so rollup needs no TypeScript plugin.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

/**
 * Prints each chunk's minified and gzip -9 size (bytes ship to millions of phones) and its Subresource
 * Integrity hash, for a page that loads the bundle from a CDN; with `integrityFile`, also writes them
 * as JSON (an import map's "integrity" section takes that shape).
 */
function reportSizes({ integrityFile } = {}) {
  return {
    name: 'report-sizes',
    generateBundle(options, bundle) {
      const integrity = {};
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const raw = Buffer.byteLength(chunk.code);
        const gz = gzipSync(chunk.code, { level: 9 }).length;
        integrity[`./${name}`] = `sha384-${createHash('sha384').update(chunk.code).digest('base64')}`;
        console.log(`  ${options.dir ?? ''}/${name}: ${(raw / 1024).toFixed(1)} KB minified, ${(gz / 1024).toFixed(1)} KB gzipped, ${integrity[`./${name}`]}`);
      }
      if (integrityFile) this.emitFile({ type: 'asset', fileName: integrityFile, source: JSON.stringify(integrity, null, 2) + '\n' });
    },
  };
}

/**
 * Language chunks carry their own copy of @lit/localize's `str` tag (a few bytes) instead of importing
 * it from the main bundle by name: such an import breaks when a site renames the file
 * (cx-survey-0.1.0.min.js) and runs the bundle a second time when it is loaded with a query (?ver=0.1.0).
 * The build fails if any chunk imports an entry file again, so every chunk resolves relative to itself.
 */
function selfContainedChunks() {
  const copy = '\0cx-str-tag:';
  return {
    name: 'self-contained-chunks',
    // Chunk names change with their content: drop the last build's, or the package would ship them all.
    buildStart() {
      rmSync('packages/elements/dist/chunks', { recursive: true, force: true });
    },
    resolveId(source, importer) {
      if (source === '@lit/localize' && importer && /[\\/]locales[\\/][^\\/]+\.js$/.test(importer)) return copy + importer;
    },
    async load(id) {
      if (!id.startsWith(copy)) return null;
      const real = await this.resolve('@lit/localize/internal/str-tag.js', id.slice(copy.length));
      return readFileSync(real.id, 'utf8');
    },
    generateBundle(options, bundle) {
      const entries = new Set(Object.values(bundle).filter((c) => c.type === 'chunk' && c.isEntry).map((c) => c.fileName));
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.isEntry) continue;
        const back = [...chunk.imports, ...chunk.dynamicImports].filter((f) => entries.has(f));
        if (back.length) this.error(`${chunk.fileName} imports the entry ${back.join(', ')}: a renamed or ?ver= bundle would load twice`);
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
 * modules and the survey's feature modules (their css`` holds no interpolations
 * or strings where spaces matter).
 */
function minifyStyles() {
  return {
    name: 'minify-styles',
    transform(code, id) {
      if (!/\.styles\.js$|\/features\/[^/]+\.js$/.test(id)) return null;
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

/**
 * Puts axe-core's browser build (a dependency of @cx-survey/builder) beside the survey builder's bundle:
 * its accessibility check loads it only when asked, so the builder's own bundle stays small.
 */
function axeBeside(file) {
  return {
    name: 'axe-beside',
    generateBundle() {
      const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js', { paths: ['packages/builder'] });
      this.emitFile({ type: 'asset', fileName: file, source: readFileSync(axe) });
    },
  };
}

/** Copies the written bundle into another folder: the collector package ships the dashboard it serves. */
function copyTo(dir) {
  return {
    name: 'copy-to',
    writeBundle(options, bundle) {
      mkdirSync(dir, { recursive: true });
      for (const name of Object.keys(bundle)) cpSync(`${options.dir}/${name}`, `${dir}/${name}`);
    },
  };
}

/** The survey bundle's minifier settings (the bench builds its Lit ceiling with the same). */
export const SURVEY_MINIFIER = { ecma: 2021, module: true, compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true }, format: { comments: false } };

export default [
  {
    // bundle.ts, not index.ts: the launcher is not exported, so it can be a chunk loaded on sight.
    input: { 'cx-survey.min': 'packages/elements/dist/bundle.js' },
    output: {
      dir: 'packages/elements/dist',
      format: 'es',
      // The outbox's chunk is named for what it is, not for its entry module (delivery/browser.js).
      chunkFileNames: (chunk) => (chunk.facadeModuleId?.endsWith('/delivery/browser.js') ? 'chunks/delivery-[hash].js' : 'chunks/[name]-[hash].js'),
      sourcemap: true,
      // One chunk per dynamic import (delivery, each language, each survey feature, the launcher, i18next);
      // code they share with the main file stays in the main file, which every page has already loaded.
    },
    // The entry stays a facade of its own exports: code that chunks share with it goes into a shared chunk
    // (chunks/bundle-*.js) that everything imports by its own relative URL, so no chunk imports the entry,
    // whatever name or ?query a site gives it (checked by selfContainedChunks). The price is one more
    // request, made at once by the entry (docs/getting-started.md shows the modulepreload hint).
    preserveEntrySignatures: 'strict',
    // tsc's decorator helper tests `this` at module scope; undefined there is what it expects.
    onwarn(warning, warn) {
      if (warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
    },
    plugins: [
      selfContainedChunks(),
      nodeResolve({ exportConditions: ['production'] }),
      minifyStyles(),
      terser(SURVEY_MINIFIER),
      reportSizes({ integrityFile: 'integrity.json' }),
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
      // An installed @cx-survey/collector finds it at dist/dashboard/ (serve --dashboard).
      copyTo('packages/collector/dist/dashboard'),
    ],
  },
  {
    // The survey builder (#20): its own file, so it never adds a byte to the survey's bundle. The real
    // <cx-survey> for its preview is inside it, languages and features inlined (one file to serve).
    input: { builder: 'packages/builder/dist/tsc/index.js' },
    output: { dir: 'packages/builder/dist', format: 'es', sourcemap: true, inlineDynamicImports: true },
    onwarn(warning, warn) {
      if (warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
    },
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      minifyStyles(),
      terser({ ecma: 2021, module: true, format: { comments: false } }),
      reportSizes(),
      axeBeside('axe.min.js'),
      // An installed @cx-survey/collector serves it at /builder/ (with --dashboard).
      copyTo('packages/collector/dist/builder'),
    ],
  },
];
