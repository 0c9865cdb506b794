// `npm start`: the reference collector with the examples on one origin, embedded SQLite under .data/.
// With --build (what `npm start` passes) it builds first and says how long each step took.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv.includes('--build')) {
  const times = [];
  for (const step of ['build:tsc', 'build:bundle', 'build:manifest']) {
    const t = Date.now();
    const r = spawnSync('npm', ['run', step, '--silent'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
    times.push(`${step} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  console.log(`\n  built: ${times.join(', ')}`);
}
const data = join(root, '.data');
mkdirSync(data, { recursive: true });

/** A development secret kept in .data/ so tokens and admin access survive restarts. */
function devSecret(name) {
  const file = join(data, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const port = process.env.PORT ?? '8080';
const adminToken = process.env.CX_ADMIN_TOKEN ?? devSecret('dev-admin-token');
const tokenSecret = process.env.CX_TOKEN_SECRET ?? devSecret('dev-token-secret');
const cli = join(root, 'packages/collector/dist/cli.js');
if (!existsSync(cli)) {
  console.error('packages/collector/dist/cli.js is missing: run "npm run build" first (npm start does).');
  process.exit(1);
}
const { fiscalQuarterOf } = await import(pathToFileURL(join(root, 'packages/protocol/dist/index.js')).href);

// The examples load the built bundle (and its lazy language chunks) from examples/dist/, as a site would host it.
const bundle = join(root, 'packages/elements/dist');
const served = join(root, 'examples/dist');
rmSync(served, { recursive: true, force: true });
mkdirSync(served, { recursive: true });
cpSync(join(bundle, 'cx-survey.min.js'), join(served, 'cx-survey.min.js'));
if (existsSync(join(bundle, 'chunks'))) cpSync(join(bundle, 'chunks'), join(served, 'chunks'), { recursive: true });

// examples/esm-import-map.html loads the npm ESM build and its dependencies unbundled, through an
// import map, from examples/dist/npm/<package>/ (production files only).
const npmPackages = ['@cx-survey/elements', '@cx-survey/protocol', 'lit', 'lit-html', 'lit-element', '@lit/reactive-element', 'idb-keyval', 'i18next'];
const skipped = new Set(['node_modules', 'src', 'development', 'node', 'cjs', 'custom-elements.json']);
for (const name of npmPackages) {
  cpSync(join(root, 'node_modules', name), join(served, 'npm', name), {
    recursive: true,
    dereference: true,
    filter: (path) => {
      const base = path.split(/[\\/]/).pop();
      return !skipped.has(base) && !/\.(d\.ts|d\.mts|d\.ts\.map|ts|tsbuildinfo)$/.test(base);
    },
  });
}

const child = spawn(
  process.execPath,
  [
    cli,
    'serve',
    '--port', port,
    '--host', process.env.HOST ?? '127.0.0.1',
    '--db', process.env.CX_DB ?? join(data, 'cx-collector.sqlite'),
    '--services', join(root, 'examples/services.json'),
    '--static', join(root, 'examples'),
    // The examples stand in for an agency backend: GET /dev/window-token mints demo-token's tokens.
    '--dev-tokens',
    // What the agency sees of the responses sent from the examples.
    '--dashboard',
  ],
  { env: { ...process.env, CX_ADMIN_TOKEN: adminToken, CX_TOKEN_SECRET: tokenSecret, DATABASE_URL: process.env.DATABASE_URL ?? '' }, stdio: ['ignore', 'pipe', 'inherit'] },
);

let announced = false;
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const m = !announced && /"listening":"(http[^"]+)"/.exec(String(chunk));
  if (m) {
    announced = true;
    const url = m[1].replace('127.0.0.1', 'localhost');
    // The quarter running now: the one the examples' responses land in.
    const { fiscalYear, quarter } = fiscalQuarterOf(Date.now());
    console.log(`\n  cx-survey examples and collector: ${url}/`);
    console.log(`  dashboard:                        ${url}/dashboard/`);
    console.log(`  survey builder:                   ${url}/builder/`);
    console.log(`  admin token (dashboard, reports): ${adminToken}`);
    console.log(`  e.g. curl -H "Authorization: Bearer ${adminToken}" "${url}/v1/reports?fy=${fiscalYear}&quarter=${quarter}"`);
    // The bundler and framework apps have their own install (React, Vue, Angular), made on demand.
    const unbuilt = ['bundler', 'react', 'vue', 'angular'].filter((app) => !existsSync(join(root, 'examples', app, 'dist/app.js')));
    if (unbuilt.length) console.log(`  not built yet: the ${unbuilt.join(', ')} examples; \`npm run build:examples\` installs and builds them (about a minute), then reload.`);
    console.log('  Ctrl-C stops (in-flight responses are finished first).\n');
  }
});

// Ctrl-C reaches the collector too (same process group); forward other stops, then leave with its status.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
