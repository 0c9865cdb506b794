#!/usr/bin/env node
// Starts what the browser tests need — a display for WebKit, WebKitWebDriver,
// a real collector process on a throwaway SQLite file — runs web-test-runner,
// and stops everything it started, whatever the outcome.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const browsers = (process.env.CX_BROWSERS ?? 'chromium,firefox,webkit').split(',');

// MiniBrowser has no headless mode: give the whole run a virtual display.
if (browsers.includes('webkit') && !process.env.DISPLAY) {
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const children = [];
const tmp = mkdtempSync(join(tmpdir(), 'cx-wtr-'));
function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (Date.now() > end) throw new Error(`${url} did not answer within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const env = { ...process.env };

if (browsers.includes('webkit')) {
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore' });
  children.push(driver);
  await waitFor(`http://127.0.0.1:${port}/status`, 15000);
  env.CX_WEBKIT_PORT = String(port);
}

// A real collector, so tests assert what was actually stored.
const cli = process.env.CX_COLLECTOR_CLI ?? 'packages/collector/dist/cli.js';
if (!existsSync(cli)) {
  console.error(`${cli} is missing: run npm run build first`);
  process.exit(1);
}
const adminToken = randomBytes(16).toString('hex');
const collector = spawn(process.execPath, [cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', join(tmp, 'test.sqlite'), '--services', 'examples/services.json', '--admin-token', adminToken], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, LOG_LEVEL: 'warn' },
});
children.push(collector);
env.CX_COLLECTOR_URL = await new Promise((resolve, reject) => {
  let buffered = '';
  collector.stdout.on('data', (chunk) => {
    buffered += chunk;
    const m = /"listening":"(http[^"]+)"/.exec(buffered);
    if (m) resolve(m[1]);
  });
  collector.once('exit', (code) => reject(new Error(`collector exited (${code}) before listening:\n${buffered}`)));
});
env.CX_ADMIN_TOKEN = adminToken;

const wtr = spawn(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)], { stdio: 'inherit', env });
children.push(wtr);
const code = await new Promise((resolve) => wtr.once('exit', (c) => resolve(c ?? 1)));
process.exit(code);
