// Browser tests on the three engine families the public uses: Chromium,
// Firefox (ESR) and WebKit (WebKitGTK: Safari / iOS WKWebView's engine).
// Run through scripts/wtr.mjs, which provides a display and WebKitWebDriver;
// the collector plugin runs a real collector process for the tests.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { fileURLToPath } from 'node:url';
import { collectorPlugin, freePort, newSecrets } from './browser/collector-plugin.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './support/processes.mjs';

// Paths below are the repository's; the test tools themselves live in test/node_modules (test/package.json).
const rootDir = fileURLToPath(new URL('..', import.meta.url));
const testModules = fileURLToPath(new URL('./node_modules', import.meta.url));


const launchers = {
  chromium: () => chromeLauncher({ launchOptions: { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS } }),
  firefox: () =>
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true },
    }),
  webkit: () => oneAtATime(webdriverLauncher({
      hostname: '127.0.0.1',
      port: Number(process.env.CX_WEBKIT_PORT),
      path: '/',
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
          args: ['--automation'],
        },
      },
    })),
};

/**
 * Runs a WebDriver browser one test file at a time, each in its own page:
 * with more, the launcher runs files in iframes, and WebKitWebDriver cannot
 * switch into them to send keys.
 */
function oneAtATime(launcher) {
  const initialize = launcher.initialize.bind(launcher);
  launcher.initialize = (config, files) => initialize({ ...config, concurrency: 1 }, files);
  launcher.concurrency = 1;
  return launcher;
}

const wanted = (process.env.CX_BROWSERS ?? 'chromium,firefox,webkit').split(',');
const collectorPort = await freePort();
// CX_WTR_PORT lets two checkouts run browser tests at once; the collector is told the page origin.
const pagePort = Number(process.env.CX_WTR_PORT ?? 8765);
const collector = collectorPlugin({ port: collectorPort, pagePort, ...newSecrets() });
const testEnv = JSON.stringify({ collector: `http://127.0.0.1:${collectorPort}` });

export default {
  files: [...(process.env.CX_FILES ? [process.env.CX_FILES] : ['packages/elements/src/**/*.test.ts', 'packages/builder/src/**/*.test.ts']), '!packages/**/*.unit.test.ts'],
  rootDir,
  port: pagePort,
  hostname: 'localhost',
  // Test files import @open-wc/testing and friends, which only test/node_modules has.
  nodeResolve: { exportConditions: ['production'], modulePaths: [testModules] },
  // One test file at a time per browser: files share this origin's IndexedDB and the collector's fault switch.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60000,
  testsFinishTimeout: Number(process.env.CX_FINISH_TIMEOUT ?? 600000),
  testFramework: { config: { timeout: 10000, ...(process.env.CX_GREP ? { grep: process.env.CX_GREP } : {}) } },
  middleware: [collector.middleware],
  plugins: [collector, esbuildPlugin({ ts: true, target: 'es2021', tsconfig: `${rootDir}tsconfig.base.json` /* esbuild reads it raw: no extends */ })],
  browsers: wanted.map((name) => launchers[name]()),
  testRunnerHtml: (framework) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cx-survey tests</title>
<script>window.CX_TEST = ${testEnv};</script></head>
<body><script type="module" src="${framework}"></script></body></html>`,
};
