/**
 * The survey builder's page under /builder/ (issue #20): a static shell and the bundled
 * `<cx-survey-builder>`, with axe-core beside it for the builder's accessibility check. Served with
 * the dashboard (so only where an admin token is configured); it reads and saves nothing on the
 * collector: its draft stays in the browser and its services-file entry is downloaded.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { registerAppPage } from './app-page.js';

const JS = 'text/javascript; charset=utf-8';

/** dist/builder/ inside this package (copied there by the build), else packages/builder/dist in the repository. */
export function defaultBuilderAssets(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', '..', 'dist', 'builder'), join(here, '..', '..', '..', 'builder', 'dist')];
  return candidates.find((dir) => existsSync(join(dir, 'builder.js')));
}

export function registerBuilder(app: FastifyInstance, assets = defaultBuilderAssets()): void {
  registerAppPage(app, {
    path: '/builder',
    title: 'CX survey builder',
    script: 'builder.js',
    element: 'cx-survey-builder',
    files: [['builder.js', JS], ['builder.js.map', 'application/json; charset=utf-8'], ['axe.min.js', JS]],
    assets,
    notBuilt: ['builder_not_built', 'run "npm run build" to build packages/builder'],
  });
}
