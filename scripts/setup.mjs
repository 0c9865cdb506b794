#!/usr/bin/env node
// Sets up what a test run needs before anything runs, so `npm ci && npm test` works on a fresh machine:
//   --browsers   Chromium, Firefox ESR and WebKitGTK (MiniBrowser, WebKitWebDriver) with xvfb, or the engines
//                CX_BROWSERS names; --chromium for Chromium alone
//   --postgres   PostgreSQL answering on 127.0.0.1:5432
//   --wrk        wrk, the C load generator the collector bench runs beside autocannon
//   test, examples   the test tools (test/package.json) and the example apps (examples/package.json), which
//                `npm ci` at the root leaves out to keep `npm ci && npm start` small: installed with `npm ci`
//                there when missing or out of date
// As root on Debian, missing system packages are installed with apt-get (and an installed PostgreSQL cluster is
// started); anywhere else the exact command is printed and the run stops, before it builds or tests anything.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const started = Date.now();

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** What each engine needs: a check and the Debian package that satisfies it. */
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const requirements = {
  chromium: [[() => existsSync(process.env.CHROMIUM ?? process.env.CHROME_PATH ?? '/usr/bin/chromium'), 'chromium']],
  firefox: [[() => onPath('firefox-esr'), 'firefox-esr']],
  webkit: [
    [() => onPath('WebKitWebDriver'), 'webkit2gtk-driver'],
    [() => existsSync(MINIBROWSER), 'libwebkit2gtk-4.1-0'],
    [() => onPath('xvfb-run'), 'xvfb'],
    [() => onPath('xauth'), 'xauth'],
  ],
};

function wantedEngines() {
  if (args.includes('--browsers')) return (process.env.CX_BROWSERS ?? 'chromium,firefox,webkit').split(',').map((b) => b.trim());
  return args.includes('--chromium') ? ['chromium'] : [];
}

const isDebianRoot = () => process.getuid?.() === 0 && existsSync('/etc/debian_version') && onPath('apt-get');

function stop(lines) {
  console.error(['', 'cx-survey: this machine is not ready for the tests.', ...lines, ''].join('\n'));
  process.exit(1);
}

function ensurePackages() {
  const wanted = wantedEngines().flatMap((e) => requirements[e] ?? []);
  if (args.includes('--wrk')) wanted.push([() => onPath('wrk'), 'wrk']);
  const missing = [...new Set(wanted.filter(([ok]) => !ok()).map(([, pkg]) => pkg))];
  if (!missing.length) return;
  const command = `apt-get install -y ${missing.join(' ')}`;
  if (!isDebianRoot()) {
    stop([
      `Missing: ${missing.join(', ')}. On Debian or Ubuntu, install them with:`,
      '',
      `    sudo apt-get update && sudo ${command}`,
      '',
      'Elsewhere install the same browsers (Chromium at /usr/bin/chromium or $CHROMIUM, firefox-esr, WebKitGTK',
      "4.1's MiniBrowser and WebKitWebDriver, xvfb-run) or narrow the engines, e.g. CX_BROWSERS=chromium.",
    ]);
  }
  const t = Date.now();
  console.log(`cx-survey: installing ${missing.join(' ')} with apt-get (about 1-2 minutes)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const still = wanted.filter(([ok]) => !ok()).map(([, pkg]) => pkg);
  if (still.length) stop([`apt-get installed ${missing.join(' ')}, yet these are still missing: ${still.join(', ')}.`]);
  console.log(`cx-survey: system packages installed in ${seconds(t)}`);
}

const postgresAnswers = () =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: 5432, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

async function ensurePostgres() {
  if (!args.includes('--postgres') || (await postgresAnswers())) return;
  const clusters = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  if (isDebianRoot() && clusters.length && onPath('pg_ctlcluster')) {
    console.log(`cx-survey: starting PostgreSQL ${clusters[0]}...`);
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', clusters[0], 'main', 'start'], { stdio: 'inherit' });
    for (let i = 0; i < 30 && !(await postgresAnswers()); i++) await new Promise((r) => setTimeout(r, 1000));
    if (await postgresAnswers()) return;
  }
  stop([
    'The collector tests need PostgreSQL on 127.0.0.1:5432 (trust authentication, a database named "test").',
    clusters.length
      ? `Start it with:\n\n    sudo pg_ctlcluster ${clusters[0]} main start\n`
      : 'Install and start it, e.g. on Debian: sudo apt-get install -y postgresql, then allow trust on 127.0.0.1\nin pg_hba.conf and run: sudo -u postgres createdb test',
  ]);
}

/** npm ci in a folder with its own lockfile, unless node_modules already holds exactly that lockfile's packages. */
function ensureInstalled(name) {
  const dir = join(root, name);
  const wanted = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')).packages;
  const hidden = join(dir, 'node_modules/.package-lock.json');
  const have = existsSync(hidden) ? JSON.parse(readFileSync(hidden, 'utf8')).packages : {};
  const current = Object.entries(wanted).every(([path, meta]) => !path.startsWith('node_modules/') || meta.optional || have[path]?.version === meta.version);
  if (current) return;
  const t = Date.now();
  console.log(`cx-survey: installing ${name}/ (its own package-lock.json)...`);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio: 'inherit',
    // No install script downloads a browser: the tests use the system's.
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_update_notifier: 'false' },
  });
  if (r.status !== 0) stop([`npm ci in ${name}/ failed (status ${r.status}).`]);
  console.log(`cx-survey: ${name}/ installed in ${seconds(t)}`);
}

ensurePackages();
await ensurePostgres();
for (const name of ['test', 'examples']) if (args.includes(name)) ensureInstalled(name);
if (Date.now() - started > 5000) console.log(`cx-survey: set-up took ${seconds(started)}`);
