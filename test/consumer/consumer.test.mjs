// The packages as an agency's developer gets them: `npm pack` each workspace, install the tarballs from the
// npm registry's point of view (a temp dir outside the repository, so nothing resolves from the workspace)
// into a fresh Vite app, type-check it in strict TypeScript with skipLibCheck off (lowest supported
// TypeScript, the last 5.x and the newest), React 19 TSX and Vue 3, then build it and, in Chromium against
// a real collector, complete the survey on each of docs/getting-started.md's three paths (CDN bundle, npm +
// bundler, framework). Run: npm run test:consumer (after npm run build); CX_KEEP=1 keeps the temp dir.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axe, completeSurvey, deep, launchBrowser, openPage, storedRecord, until } from '../examples/harness.mjs';
import { startListening } from '../support/processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = join(root, 'test/consumer/app');
const packages = ['protocol', 'elements', 'collector'];
const work = mkdtempSync(join(tmpdir(), 'cx-consumer-'));
const app = join(work, 'app');
/** Each tarball, unpacked: name → its `package/` folder. */
const unpacked = {};

const run = (cmd, args, cwd) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
};

/** Every file under a folder, relative to it. */
function listFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile()).map((f) => f.split('\\').join('/'));
}

before(() => {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  const packed = run('npm', ['pack', ...packages.flatMap((p) => ['-w', `@cx-survey/${p}`]), '--pack-destination', tarballs, '--json'], root);
  assert.equal(packed.status, 0, `npm pack failed:\n${packed.out}`);
  for (const p of packages) {
    const into = join(work, 'unpacked', p);
    mkdirSync(into, { recursive: true });
    execFileSync('tar', ['-xzf', join(tarballs, `cx-survey-${p}-0.1.0.tgz`), '-C', into]);
    unpacked[p] = join(into, 'package');
  }

  // A fresh app: the fixture plus the front-end tarballs. One install, from npm's shared cache when it can.
  cpSync(fixture, app, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  for (const p of ['protocol', 'elements']) manifest.dependencies[`@cx-survey/${p}`] = `file:${join(tarballs, `cx-survey-${p}-0.1.0.tgz`)}`;
  writeFileSync(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  const installed = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app);
  assert.equal(installed.status, 0, `npm install in the fresh app failed:\n${installed.out}`);
});

after(() => {
  if (!process.env.CX_KEEP) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
});

describe('tarballs', () => {
  test('each has README.md, the CC0-1.0 LICENSE, repository, homepage and bugs, and no TypeScript source', () => {
    const license = readFileSync(join(root, 'LICENSE'), 'utf8');
    assert.match(license, /CC0 1\.0 Universal/);
    for (const p of packages) {
      const dir = unpacked[p];
      const files = listFiles(dir);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      assert.ok(files.includes('README.md'), `${p}: README.md`);
      assert.match(readFileSync(join(dir, 'README.md'), 'utf8'), /npm install @cx-survey\//, `${p}: README says how to install`);
      assert.equal(readFileSync(join(dir, 'LICENSE'), 'utf8'), license, `${p}: LICENSE is the root's CC0-1.0 text`);
      assert.equal(pkg.license, 'CC0-1.0');
      assert.match(pkg.repository?.url ?? '', /^git\+https:\/\/github\.com\/.+\.git$/, `${p}: repository`);
      assert.equal(pkg.repository.directory, `packages/${p}`);
      assert.ok(pkg.homepage && pkg.bugs?.url, `${p}: homepage and bugs`);
      const sources = files.filter((f) => /(^|\/)src\/|(?<!\.d)\.ts$|\.tsbuildinfo$|\.test\./.test(f));
      assert.deepEqual(sources, [], `${p}: ships no sources, tests or build info`);
    }
  });

  test('every export, bin, types and manifest path names a file in the package', () => {
    for (const p of packages) {
      const dir = unpacked[p];
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const targets = [];
      const collect = (v) => (typeof v === 'string' ? targets.push(v) : v && Object.values(v).forEach(collect));
      collect(pkg.exports);
      collect(pkg.bin);
      for (const k of ['main', 'types', 'customElements', 'web-types']) if (pkg[k]) targets.push(pkg[k]);
      // A subpath pattern ("./dist/locales/*") must match at least one shipped file.
      const shipped = (t) => {
        if (!t.includes('*')) return existsSync(join(dir, t));
        const [head, tail] = t.split('*');
        const folder = join(dir, dirname(head + 'x'));
        const prefix = head.slice(head.lastIndexOf('/') + 1);
        return existsSync(folder) && readdirSync(folder).some((f) => f.startsWith(prefix) && f.endsWith(tail) && f.length > prefix.length + tail.length);
      };
      for (const t of targets) assert.ok(shipped(t), `${p}: ${t} is missing from the tarball`);
    }
    // The manifest and the editor data generated from it name shipped modules, not src/*.ts.
    const elements = unpacked.elements;
    const manifest = readFileSync(join(elements, 'custom-elements.json'), 'utf8');
    const paths = [...manifest.matchAll(/"(?:path|module)": "([^"]+)"/g)].map((m) => m[1]);
    assert.ok(paths.length > 10, 'the manifest lists modules');
    for (const path of new Set(paths)) assert.ok(existsSync(join(elements, path)), `custom-elements.json names ${path}, not in the package`);
    const webTypes = JSON.parse(readFileSync(join(elements, 'web-types.json'), 'utf8'));
    assert.deepEqual(webTypes.contributions.html.elements.map((e) => e.name).sort(), ['cx-survey', 'cx-survey-button']);
    const vscode = JSON.parse(readFileSync(join(elements, 'vscode.html-custom-data.json'), 'utf8'));
    assert.ok(vscode.tags.find((t) => t.name === 'cx-survey')?.attributes.some((a) => a.name === 'service'), 'VS Code data lists cx-survey and its attributes');
    // The published JSON Schema is the one the collector enforces.
    const schema = JSON.parse(readFileSync(join(unpacked.protocol, 'dist/record.schema.json'), 'utf8'));
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.ok(schema.required.includes('id'));
  });

  test('every source map carries its sources or points at files in the package', () => {
    let maps = 0;
    for (const p of packages) {
      const dir = unpacked[p];
      for (const f of listFiles(dir).filter((f) => f.endsWith('.map'))) {
        maps++;
        const map = JSON.parse(readFileSync(join(dir, f), 'utf8'));
        map.sources.forEach((source, i) => {
          const inlined = typeof map.sourcesContent?.[i] === 'string';
          assert.ok(inlined || existsSync(join(dir, dirname(f), map.sourceRoot ?? '', source)), `${p}/${f}: ${source} is neither inlined nor shipped`);
        });
      }
      // A map comment must name a map that is there.
      for (const f of listFiles(dir).filter((f) => /\.(js|d\.ts)$/.test(f))) {
        const m = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(dir, f), 'utf8'));
        if (m) assert.ok(existsSync(join(dir, dirname(f), m[1])), `${p}/${f} points at ${m[1]}, not in the package`);
      }
    }
    assert.ok(maps > 0);
  });
});

/**
 * The element's typed events and union-typed properties come with issue #16. Until its declarations are in
 * the package, the checks that need them are reported as TODO (they run and print their errors) instead of
 * failing; once the package declares cx-submit in HTMLElementEventMap they must pass.
 */
function typedEventsShipped() {
  const dir = join(app, 'node_modules/@cx-survey/elements/dist');
  return listFiles(dir).some((f) => f.endsWith('.d.ts') && /HTMLElementEventMap[\s\S]*['"]cx-submit['"]/.test(readFileSync(join(dir, f), 'utf8')));
}

/** TypeScript 5.9's DOM types reject the TS 6 ShadowRootInit that survey.d.ts inlines (TS2417) until survey.ts annotates it. */
function inlinedShadowRootInit() {
  return /customElementRegistry\?: CustomElementRegistry \| null/.test(readFileSync(join(app, 'node_modules/@cx-survey/elements/dist/components/survey/survey.d.ts'), 'utf8'));
}

describe('types, strict with skipLibCheck off', () => {
  for (const [name, compiler, config] of [
    ['every shipped declaration, React and Vue ones included, newest TypeScript (6.0)', 'typescript', 'tsconfig.declarations.json'],
    ['the element and protocol declarations, lowest supported TypeScript (5.0)', 'typescript-lowest', 'tsconfig.declarations-lowest.json'],
  ]) {
    test(`${name} compile`, () => {
      const r = run(process.execPath, [join(app, 'node_modules', compiler, 'bin/tsc'), '-p', config], app);
      assert.equal(r.status, 0, `tsc -p ${config}:\n${r.out}`);
    });
  }

  const pending = () => (typedEventsShipped() ? false : 'waits for #16: typed events and union-typed properties');
  const checks = [
    ['plain TypeScript, lowest supported (5.0)', 'typescript-lowest', 'tsconfig.json'],
    ['plain TypeScript 5.9', 'typescript-5.9', 'tsconfig.json'],
    ['plain TypeScript, newest (6.0)', 'typescript', 'tsconfig.json'],
    ['React 19 TSX (JSX.IntrinsicElements from @cx-survey/elements/react)', 'typescript', 'tsconfig.react.json'],
    ['Vue 3 (GlobalComponents from @cx-survey/elements/vue)', 'typescript', 'tsconfig.vue.json'],
  ];
  for (const [name, compiler, config] of checks) {
    test(`${name}: listens to cx-submit, reads detail.id; scale = 'bogus' is an error`, (t) => {
      const todo = pending() || (compiler === 'typescript-5.9' && inlinedShadowRootInit() && 'waits for survey.ts to annotate shadowRootOptions: ShadowRootInit (TS2417 on 5.9)');
      if (todo) t.todo(todo);
      const version = JSON.parse(readFileSync(join(app, 'node_modules', compiler, 'package.json'), 'utf8')).version;
      const r = run(process.execPath, [join(app, 'node_modules', compiler, 'bin/tsc'), '-p', config], app);
      assert.equal(r.status, 0, `tsc ${version} -p ${config}:\n${r.out}`);
    });
  }
});

describe('in Chromium, against a real collector', () => {
  let browser;
  let collector;
  const adminToken = randomBytes(24).toString('base64url');

  before(async () => {
    // Path 1: the bundle as a CDN serves it: a versioned folder, and here also renamed and loaded with ?ver=.
    const bundle = join(app, 'node_modules/@cx-survey/elements/dist');
    const cdn = join(app, 'public/cdn/@cx-survey/elements@0.1.0/dist');
    mkdirSync(cdn, { recursive: true });
    cpSync(join(bundle, 'cx-survey.min.js'), join(cdn, 'cx-survey-0.1.0.min.js'));
    cpSync(join(bundle, 'chunks'), join(cdn, 'chunks'), { recursive: true });
    const built = run(process.execPath, [join(app, 'node_modules/vite/bin/vite.js'), 'build'], app);
    assert.equal(built.status, 0, `vite build failed:\n${built.out}`);

    const db = join(work, 'collector.sqlite');
    const cli = join(root, 'packages/collector/dist/cli.js');
    collector = await startListening(
      [cli, 'serve', '--port', '0', '--db', db, '--services', join(root, 'examples/services.json'), '--static', join(app, 'dist')],
      { env: { ...process.env, CX_ADMIN_TOKEN: adminToken, DATABASE_URL: '', CX_TOKEN_SECRET: randomBytes(32).toString('base64url') } },
    );
    collector.admin = async (path) => {
      const res = await fetch(collector.origin + path, { headers: { authorization: `Bearer ${adminToken}` } });
      return { status: res.status, body: await res.json().catch(() => null) };
    };
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    collector?.child.kill('SIGTERM');
  });

  const paths = [
    ['npm + Vite, plain TypeScript', '/index.html', 'en'],
    ['React 19', '/react.html', 'en'],
    ['Vue 3', '/vue.html', 'en'],
    ['CDN bundle renamed and loaded with ?ver=, in Spanish', '/cdn.html', 'es'],
  ];
  for (const [name, path, locale] of paths) {
    test(`${name}: renders, submits, the collector stores it`, async () => {
      const { page, context, foreign, errors } = await openPage(browser, collector.origin);
      const bundles = [];
      page.on('request', (r) => /cx-survey[^/]*\.min\.js/.test(r.url()) && bundles.push(r.url()));
      try {
        await page.goto(collector.origin + path);
        if (locale === 'es') {
          // The language chunk resolved beside the renamed bundle: Spanish, not the English fallback.
          await until(page, () => document.querySelector('cx-survey')?.shadowRoot?.querySelector('button[part=submit]')?.textContent.trim() === 'Enviar');
        }
        await deep(page, 'label.tile');
        assert.deepEqual(await axe(page), []);
        const submitted = await completeSurvey(page);
        assert.equal(submitted.recorded, true);
        const record = await storedRecord(collector, submitted.id);
        assert.equal(record.service, 'demo-thumbs');
        assert.equal(record.locale, locale);
        await until(page, (id) => document.getElementById('submitted')?.textContent.includes(id), submitted.id);
        if (locale === 'es') assert.equal(bundles.length, 1, `the bundle was loaded once, not ${bundles.join(', ')}`);
        assert.deepEqual(foreign, [], 'nothing requested from another origin');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});

