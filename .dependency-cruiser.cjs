// The import rules of every package, checked by `npm run lint:deps` (part of `npm test`).
// docs/architecture.md explains the layers; this file is what enforces them.
const collector = (folder) => `^packages/collector/src/${folder}/`;
const above = (...folders) => `^packages/collector/src/(${folders.join('|')})/`;

/** Collector layers, lowest first: each may import only the ones before it. */
const LAYERS = [
  ['domain', []],
  ['store', ['domain']],
  ['ingest', ['domain', 'store']],
  ['reports', ['domain', 'store', 'ingest']],
  ['analytics', ['domain', 'store', 'ingest']],
  ['alerts', ['domain', 'store', 'ingest', 'analytics']],
  ['http', ['domain', 'store', 'ingest', 'reports', 'analytics', 'alerts']],
  ['cli', ['domain', 'store', 'ingest', 'reports', 'analytics', 'alerts', 'http']],
];
const ALL = LAYERS.map(([name]) => name);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycles in any package: a cycle makes load order matter and layers meaningless. A type-only import is erased before run time, so a cycle closed only by one (a lazy locale chunk naming its template type) is not one.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'store-knows-nothing-above',
      severity: 'error',
      comment: 'store/ keeps rows; it must not know ingest, reports, analytics, alerts, HTTP or the CLI.',
      from: { path: collector('store') },
      to: { path: above('ingest', 'reports', 'analytics', 'alerts', 'http', 'cli') },
    },
    {
      name: 'alerts-never-http',
      severity: 'error',
      comment: 'alerts/ runs without a server (and will run from the CLI); HTTP depends on it, not the reverse.',
      from: { path: collector('alerts') },
      to: { path: above('http', 'cli') },
    },
    ...LAYERS.map(([name, allowed]) => ({
      name: `layer-${name}`,
      severity: 'error',
      comment: `collector/src/${name}/ may import only ${allowed.length ? allowed.join(', ') : 'the protocol and itself'} (domain ← store ← ingest ← reports/analytics/alerts ← http ← cli).`,
      from: { path: collector(name) },
      to: { path: above(...ALL.filter((other) => other !== name && !allowed.includes(other))) },
    })),
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ is plain logic: no database, no HTTP, no threads.',
      from: { path: collector('domain') },
      to: { dependencyTypes: ['npm', 'core'], path: '^(better-sqlite3|pg|fastify|node:(worker_threads|http|net|child_process)|worker_threads|http|net|child_process)$' },
    },
    {
      name: 'protocol-stands-alone',
      severity: 'error',
      comment: 'The protocol is imported by everyone and imports no other package of this repository.',
      from: { path: '^packages/protocol/' },
      to: { path: '^packages/(collector|elements|dashboard|builder)/' },
    },
    {
      name: 'browser-code-never-runs-collector-code',
      severity: 'error',
      comment: 'The element, the dashboard and the survey builder run in browsers: from the collector they may import types only (the dashboard contract).',
      from: { path: '^packages/(elements|dashboard|builder)/' },
      to: { path: '^packages/collector/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['types', 'import', 'default'], extensions: ['.ts', '.js', '.mjs', '.d.ts'] },
  },
};
