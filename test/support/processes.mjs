// What the tests, benches and scripts all start: Debian's Chromium with the
// flags that work here as root, and a collector process whose address is read
// from its "listening" line.
import { spawn } from 'node:child_process';
import { puppeteerCore } from '@web/test-runner-chrome';

// For tests outside test/ (the collector's dashboard test): puppeteer-core resolves only from test/node_modules.
export { puppeteerCore };

export const CHROMIUM = process.env.CHROMIUM ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Headless as root, and no background traffic (this machine's network is closed). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Nothing but loopback resolves: a page cannot fetch a byte from elsewhere unnoticed. */
export const LOOPBACK_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

export function launchChromium(extraArgs = []) {
  return puppeteerCore.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Runs `node <args>` (the collector CLI or scripts/start.mjs) and resolves with
 * { child, origin } once it prints `"listening":"http://…"`; rejects with its
 * output if it exits first or takes longer than `timeoutMs`.
 */
export function startListening(args, { env, timeoutMs = 30000 } = {}) {
  const child = spawn(process.execPath, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start:\n${log}`)), timeoutMs);
    const read = (chunk) => {
      log += chunk;
      const m = /"listening":"(http:\/\/[^"]+)"/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: m[1].replace(/\/$/, '') });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited (${code}) before listening:\n${log}`));
    });
  });
}
