import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { recordSchema } from '@cx-survey/protocol';
import { backends, collector, SECRET } from './helpers.js';

/** Every "METHOD /path" fastify registered, from its route tree; HEAD (automatic) left out. */
function registered(app: FastifyInstance): Set<string> {
  const routes = new Set<string>();
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│├└─ ]*)(\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2];
    stack.push(path);
    for (const method of m[3].split(', ')) if (method !== 'HEAD') routes.add(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return routes;
}

/** The API's routes; pages and their static files are not part of it. */
// The dashboard's and the builder's pages and bundles are pages, not API.
const isApi = (route: string) => !/ \/(dashboard|builder)(\/|$)|\/\*$/.test(route);

const documented = (doc: { paths: Record<string, Record<string, unknown>> }) => new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));

describe('GET /openapi.json', () => {
  const [backend] = backends();
  const apps: FastifyInstance[] = [];
  after(async () => {
    for (const app of apps) await app.close().catch(() => {});
    await backend.cleanup();
  });

  for (const [name, options] of [
    ['a plain collector', {}],
    ['a collector with the dashboard and dev tokens', { dashboard: {}, devTokenKey: { alg: 'HS256' as const, secret: SECRET } }],
  ] as const) {
    test(`documents exactly the routes registered: ${name}`, async () => {
      const app = await collector(await backend.open(), options);
      apps.push(app);
      await app.ready();
      const res = await app.inject({ url: '/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.equal(doc.openapi, '3.1.0');
      const routes = [...registered(app)].filter(isApi).sort();
      assert.ok(routes.length >= 12, routes.join('\n'));
      assert.deepEqual([...documented(doc)].sort(), routes);
    });
  }

  test('describes records with the very JSON Schema the collector validates against', async () => {
    const app = apps[0];
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    assert.deepEqual(doc.components.schemas.ResponseRecord, JSON.parse(JSON.stringify(recordSchema)));
    const body = doc.paths['/v1/responses'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(body.oneOf[0], { $ref: '#/components/schemas/ResponseRecord' });
  });
});
