#!/usr/bin/env node
// Starts what the browser tests need — a display for WebKit, WebKitWebDriver —
// runs web-test-runner (whose config starts a real collector), and stops
// everything it started, whatever the outcome.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../test/browser/collector-plugin.mjs';

const browsers = (process.env.CX_BROWSERS ?? 'chromium,firefox,webkit').split(',');

// MiniBrowser has no headless mode: give the whole run a virtual display.
if (browsers.includes('webkit') && !process.env.DISPLAY) {
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const children = [];
function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

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

if (!existsSync('packages/collector/dist/cli.js')) {
  console.error('packages/collector/dist/cli.js is missing: run npm run build first');
  process.exit(1);
}

const wtr = spawn(process.execPath, ['test/node_modules/@web/test-runner/dist/bin.js', '--config', 'test/web-test-runner.config.mjs', ...process.argv.slice(2)], { stdio: 'inherit', env });
children.push(wtr);
const code = await new Promise((resolve) => wtr.once('exit', (c) => resolve(c ?? 1)));
process.exit(code);
