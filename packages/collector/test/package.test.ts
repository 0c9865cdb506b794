/**
 * The collector as npm installs it: its tarball carries the built dashboard, and `cx-collector serve
 * --dashboard` run from an unpacked copy (outside this repository) serves it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { ADMIN, SERVICES_JSON } from './helpers.js';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const repoModules = fileURLToPath(new URL('../../../node_modules', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cx-pack-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the packed collector contains the dashboard and the survey builder and serves them once installed', { timeout: 60_000 }, async () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: pkg, encoding: 'utf8' })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const files = packed.files.map((f) => f.path);
  assert.ok(files.includes('dist/dashboard/dashboard.js'), 'dist/dashboard/dashboard.js is in the tarball');
  assert.ok(files.includes('dist/builder/builder.js'), 'dist/builder/builder.js is in the tarball');
  assert.ok(files.includes('dist/builder/axe.min.js'), "the builder's accessibility check has axe-core beside it");
  assert.ok(files.includes('bin/cx-collector.js'));

  // Unpacked where an install puts it, far from packages/dashboard; dependencies from this checkout's node_modules.
  const installed = join(dir, 'app', 'node_modules', '@cx-survey', 'collector');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, packed.filename), '-C', installed, '--strip-components=1']);
  symlinkSync(repoModules, join(installed, 'node_modules'));
  const services = join(dir, 'services.json');
  writeFileSync(services, SERVICES_JSON);
  const adminFile = join(dir, 'admin');
  writeFileSync(adminFile, ADMIN);
  const proc = spawn(
    process.execPath,
    [join(installed, 'bin/cx-collector.js'), 'serve', '--port', '0', '--services', services, '--db', join(dir, 'db.sqlite'), '--admin-token-file', adminFile, '--dashboard', '--log-level', 'warn'],
    { cwd: dir, env: { ...process.env, DATABASE_URL: '', CX_TOKEN_SECRET: 'x'.repeat(32) }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', () => {
        const m = /"listening":"(http[^"]+)"/.exec(out);
        if (m) resolve(m[1]);
      });
      proc.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const page = await fetch(`${url}/dashboard/`);
    assert.equal(page.status, 200, await page.clone().text());
    const script = await fetch(`${url}/dashboard/dashboard.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type')!, /javascript/);
    assert.ok((await script.text()).length > 10_000);
    // The survey builder (#20): its page and its bundle, with the dashboard's page headers (own origin only).
    const builder = await fetch(`${url}/builder/`);
    assert.equal(builder.status, 200, await builder.clone().text());
    assert.match(await builder.text(), /<cx-survey-builder>/);
    assert.match(builder.headers.get('content-security-policy')!, /script-src 'self'/);
    const bundle = await fetch(`${url}/builder/builder.js`);
    assert.equal(bundle.status, 200);
    assert.match(await bundle.text(), /cx-survey-builder/);
    assert.equal((await fetch(`${url}/builder/axe.min.js`)).status, 200);
  } finally {
    proc.kill('SIGTERM');
  }
});
