// A web-test-runner plugin that owns a real collector process for the
// browser tests, and the server-side commands they use:
//   cx-collector        admin read of the collector (the admin token stays here)
//   cx-collector-stop   kill the collector (SIGKILL: a crash, not a shutdown)
//   cx-collector-start  start it again on the same port and database
//   cx-fault            make /faulty/* answer badly: see FAULTS below
//   cx-token            mint a window token with the collector's secret
//   cx-emulate-media-features  forced-colors / reduced-motion where the engine allows
//   cx-collector-from-services  start one more collector from a services file the test wrote (the survey
//                               builder's entry): { url } once it listens, { error } when it refuses the file
//   cx-collector-from-services-get  admin read of that collector
// and a fault-injecting proxy at /faulty/v1/... in front of the collector.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueWindowToken } from '@cx-survey/protocol/token';
import { startListening } from '../support/processes.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * What /faulty/* does to the next requests, then it passes them through:
 *   { status: 500 | 429 | ..., retryAfter?, count }  answer that status without reaching the collector
 *   { dropAfterCommit: true, count }                  forward, let the collector store, then cut the connection
 *   { delayMs, count }                                forward after a pause (a slow network)
 */
let fault = null;

/** The example services, with the test pages' origin moved from :8765 to the port they are served on. */
function servicesFor(dir, pagePort) {
  const file = process.env.CX_SERVICES ?? 'examples/services.json';
  if (pagePort === 8765) return file;
  const moved = join(dir, 'services.json');
  writeFileSync(moved, readFileSync(file, 'utf8').replaceAll(':8765"', `:${pagePort}"`));
  return moved;
}

export function collectorPlugin({ port, pagePort = 8765, secret, adminToken }) {
  const dir = mkdtempSync(join(tmpdir(), 'cx-wtr-'));
  const services = servicesFor(dir, pagePort);
  const url = `http://127.0.0.1:${port}`;
  let child = null;
  const cdpSessions = new WeakMap();

  const running = () => child && child.exitCode === null && child.signalCode === null;

  async function start() {
    if (running()) return;
    ({ child } = await startListening([
      'packages/collector/dist/cli.js', 'serve', '--port', String(port), '--host', '127.0.0.1',
      '--db', join(dir, 'test.sqlite'), '--services', services,
      '--rate-per-second', '0',
      // Secrets through the environment, as the docs advise: arguments are visible in ps.
    ], { env: { ...process.env, LOG_LEVEL: 'warn', CX_ADMIN_TOKEN: adminToken, CX_TOKEN_SECRET: secret } }));
  }

  async function stop() {
    if (!running()) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** Collectors started from a test's own services file, stopped with the server. */
  const extras = [];
  async function startFromServices(text) {
    const extraDir = mkdtempSync(join(dir, 'extra-'));
    writeFileSync(join(extraDir, 'services.json'), text);
    try {
      const { child: extra, origin } = await startListening([
        'packages/collector/dist/cli.js', 'serve', '--port', '0', '--host', '127.0.0.1',
        '--db', join(extraDir, 'test.sqlite'), '--services', join(extraDir, 'services.json'), '--rate-per-second', '0',
      ], { env: { ...process.env, LOG_LEVEL: 'warn', CX_ADMIN_TOKEN: adminToken, CX_TOKEN_SECRET: secret } });
      extras.push(extra);
      return { url: origin };
    } catch (e) {
      return { error: e.message };
    }
  }

  async function adminFetch(path, method = 'GET', base = url) {
    const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${adminToken}` } });
    const text = await res.text();
    let body = text;
    try { body = JSON.parse(text); } catch {}
    return { status: res.status, body };
  }

  return {
    name: 'cx-collector',
    async serverStart() {
      await start();
    },
    async serverStop() {
      await stop();
      for (const extra of extras) if (extra.exitCode === null) extra.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    // The fault proxy: same origin as the tests, so no CORS; it forwards to the collector.
    middleware: async (ctx, next) => {
      if (!ctx.path.startsWith('/faulty/')) return next();
      // A fresh connection per request: browsers silently resend a request whose reused
      // keep-alive connection dies, which would hide the lost answer from the page.
      ctx.set('connection', 'close');
      const active = fault && fault.count > 0 ? fault : null;
      if (active) active.count -= 1;
      if (ctx.method === 'OPTIONS') return void (ctx.status = 204);
      if (active?.status) {
        ctx.status = active.status;
        if (active.retryAfter !== undefined) ctx.set('retry-after', String(active.retryAfter));
        ctx.body = { error: { code: 'injected', message: `injected ${active.status}` } };
        return;
      }
      if (active?.delayMs) await new Promise((r) => setTimeout(r, active.delayMs));
      const body = await new Promise((resolve) => {
        let data = '';
        ctx.req.on('data', (c) => (data += c));
        ctx.req.on('end', () => resolve(data));
      });
      let upstream;
      try {
        upstream = await fetch(`${url}${ctx.path.slice('/faulty'.length)}`, { method: ctx.method, headers: { 'content-type': 'application/json' }, body: body || undefined });
      } catch {
        // Collector down: the browser sees a failed connection, as it would without the proxy.
        ctx.req.socket.destroy();
        ctx.respond = false;
        return;
      }
      const text = await upstream.text();
      if (active?.dropAfterCommit) {
        // The collector has committed; the answer never reaches the browser.
        ctx.req.socket.destroy();
        ctx.respond = false;
        return;
      }
      ctx.status = upstream.status;
      ctx.type = 'application/json';
      ctx.body = text;
    },
    async executeCommand({ command, payload, session }) {
      switch (command) {
        case 'cx-collector':
          return adminFetch(payload.path, payload.method);
        case 'cx-collector-from-services':
          return startFromServices(payload.services);
        case 'cx-collector-from-services-get':
          return adminFetch(payload.path, 'GET', payload.url);
        case 'cx-collector-stop':
          await stop();
          return true;
        case 'cx-collector-start':
          await start();
          return true;
        case 'cx-fault':
          fault = payload ? { count: 1, ...payload } : null;
          return true;
        case 'cx-token': {
          const now = payload.issuedSecondsAgo ? new Date(Date.now() - payload.issuedSecondsAgo * 1000) : new Date();
          return issueWindowToken({ key: { alg: 'HS256', secret }, service: payload.service, transactionAt: now, now, windowSeconds: payload.windowSeconds });
        }
        case 'cx-emulate-media-features': {
          // Only Chromium's DevTools protocol emulates forced-colors; puppeteer's own API refuses it.
          // The emulation lasts as long as its session, so the session is kept per page.
          if (session.browser.type !== 'puppeteer' || !/chrom/i.test(session.browser.name ?? '')) return false;
          const page = session.browser.getPage(session.id);
          if (!cdpSessions.has(page)) cdpSessions.set(page, await page.createCDPSession());
          await cdpSessions.get(page).send('Emulation.setEmulatedMedia', { features: payload.features });
          return true;
        }
        case 'cx-network': {
          // Chromium only: really offline (navigator.onLine flips, online/offline fire) for the page's collector requests.
          if (session.browser.type !== 'puppeteer' || !/chrom/i.test(session.browser.name ?? '')) return false;
          const page = session.browser.getPage(session.id);
          if (!cdpSessions.has(page)) cdpSessions.set(page, await page.createCDPSession());
          const cdp = cdpSessions.get(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.overrideNetworkState', { offline: payload.offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
          await cdp.send('Network.emulateNetworkConditionsByRule', {
            offline: payload.offline,
            matchedNetworkConditions: [{ urlPattern: `${url}/v1/*`, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }],
          });
          return true;
        }
        default:
          return undefined;
      }
    },
  };
}

export function newSecrets() {
  return { secret: randomBytes(32).toString('hex'), adminToken: randomBytes(16).toString('hex') };
}
