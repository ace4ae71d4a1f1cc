// The floor plan of ARCHITECTURE.md ("Layout"), checked by a tool: no import cycles anywhere,
// no upward imports inside electron/core, and a core domain reached from outside only through
// its index.ts (its exported service). Type-only imports count: a cycle through types is still a
// cycle a reader has to untangle. `npm run lint` runs this; test/lint/floorPlan.test.ts shows
// that it fails on a deliberate cycle and a deliberate upward import.

/** electron/core, bottom to top: a folder may import its own level and the ones below it. */
const CORE_LEVELS = [
  ['ports\\.ts', 'platform', 'formula'],
  ['airtable'],
  ['auth'],
  ['tokens'],
  ['profiles'],
  ['records'],
  ['workspace'],
  ['app', 'ipc', 'core\\.ts'],
];

const corePath = (names) => `^electron/core/(${names.join('|')})($|/)`;

const upwardRules = CORE_LEVELS.slice(0, -1).map((level, i) => ({
  name: 'core-no-upward-import',
  comment: `electron/core/${level.join(', ')} sits below ${CORE_LEVELS.slice(i + 1).flat().join(', ')} and may not import them.`,
  severity: 'error',
  from: { path: corePath(level) },
  to: { path: corePath(CORE_LEVELS.slice(i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles make an order of construction and reading impossible.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upwardRules,
    {
      name: 'core-domain-through-index',
      comment: 'A core domain uses another only through its index.ts (platform/ and ports.ts are open to all).',
      severity: 'error',
      from: { path: '^electron/core/([^/]+)/' },
      to: { path: '^electron/core/[^/]+/', pathNot: ['^electron/core/$1/', '^electron/core/platform/', '^electron/core/[^/]+/index\\.ts$'] },
    },
    {
      name: 'core-root-through-index',
      comment: 'The composition root (core.ts) wires domains through their index.ts too.',
      severity: 'error',
      from: { path: '^electron/core/[^/]+\\.ts$' },
      to: { path: '^electron/core/[^/]+/', pathNot: ['^electron/core/platform/', '^electron/core/[^/]+/index\\.ts$'] },
    },
    {
      name: 'hosts-use-the-facade',
      comment: 'The command line and other Node hosts reach core through core.ts, ports.ts, platform/ and ipc/, and main only for its adapters.',
      severity: 'error',
      from: { path: '^electron/hosts/' },
      to: { path: '^electron/(core|main)/', pathNot: ['^electron/core/(core|ports)\\.ts$', '^electron/core/(platform|ipc)/', '^electron/main/adapters/'] },
    },
    {
      name: 'product-never-imports-tests',
      severity: 'error',
      from: { path: '^(electron|shared|renderer)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|out|dist|release)/' },
    moduleSystems: ['es6', 'cjs'],
  },
};
