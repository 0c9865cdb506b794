/**
 * A bundled browser app the collector serves as a page of its own (the dashboard, the survey
 * builder): a static shell that loads one script, and that script's files, under the page's CSP
 * (own origin only). The shell holds no data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../ingest/submit.js';
import { API_HEADERS, DASHBOARD_PAGE_HEADERS, FILE_HEADERS } from './headers.js';

export interface AppPage {
  /** "/dashboard": the page is served at `${path}/`. */
  path: string;
  title: string;
  /** The bundle the shell loads, beside it. */
  script: string;
  /** The custom element the shell holds. */
  element: string;
  /** Files served from `assets`, with their content types (the script among them). */
  files: ReadonlyArray<readonly [string, string]>;
  /** Folder of the built files; undefined when not built. */
  assets: string | undefined;
  /** Error code and message while the bundle is not built. */
  notBuilt: readonly [string, string];
}

const shell = (p: AppPage) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${p.title}</title>
<link rel="icon" href="data:,">
<script type="module" src="./${p.script}"></script>
</head>
<body>
<${p.element}></${p.element}>
</body>
</html>
`;

export function registerAppPage(app: FastifyInstance, page: AppPage): void {
  const { path, assets } = page;
  const html = shell(page);
  app.get(path, async (_request, reply) => reply.redirect(`${path}/`));
  app.get(`${path}/`, async (_request, reply) => {
    if (!assets) return reply.code(404).headers(API_HEADERS).send(errorBody(page.notBuilt[0], page.notBuilt[1]));
    return reply.type('text/html; charset=utf-8').headers(DASHBOARD_PAGE_HEADERS).send(html);
  });
  for (const [file, type] of page.files) {
    app.get(`${path}/${file}`, async (_request, reply) => {
      const full = assets && join(assets, file);
      if (!full || !existsSync(full)) return reply.code(404).headers(API_HEADERS).send(errorBody('not_found', 'not found'));
      return reply.type(type).headers(FILE_HEADERS).send(readFileSync(full));
    });
  }
}
