// Browser tests on the three engine families the public uses: Chromium,
// Firefox (ESR) and WebKit (WebKitGTK: Safari / iOS WKWebView's engine).
// Run through scripts/wtr.mjs, which starts WebKitWebDriver and a real
// collector and passes their addresses in the environment.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';

const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

const launchers = {
  chromium: () => chromeLauncher({ launchOptions: { executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs } }),
  firefox: () =>
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true },
    }),
  webkit: () =>
    webdriverLauncher({
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
    }),
};

const wanted = (process.env.CX_BROWSERS ?? 'chromium,firefox,webkit').split(',');
const testEnv = JSON.stringify({ collector: process.env.CX_COLLECTOR_URL ?? '', adminToken: process.env.CX_ADMIN_TOKEN ?? '' });

export default {
  files: ['packages/elements/src/**/*.test.ts', '!packages/**/*.unit.test.ts'],
  port: 8765,
  hostname: 'localhost',
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 2,
  concurrentBrowsers: 1,
  browserStartTimeout: 60000,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2021', tsconfig: 'packages/elements/tsconfig.json' })],
  browsers: wanted.map((name) => launchers[name]()),
  testRunnerHtml: (framework) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cx-survey tests</title>
<script>window.CX_TEST = ${testEnv};</script></head>
<body><script type="module" src="${framework}"></script></body></html>`,
};
