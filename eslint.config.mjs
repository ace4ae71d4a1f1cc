// Lint is where the layering of ARCHITECTURE.md is enforced: each folder may import only
// what its layer allows, so a wrong import fails `npm test` instead of a code review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'worker_threads'];

/** Paths every layer may never reach into. */
const testCode = { group: ['**/test/**'], message: 'Product code never imports test code.' };

/** The renderer talks to main through window.airvault only, and runs no Node. */
const rendererImports = {
  paths: [{ name: 'electron', message: 'The renderer talks to main through window.airvault only.' }, ...nodeBuiltins.map((name) => ({ name, message: 'No Node in the renderer.' }))],
  patterns: [
    { group: ['node:*'], message: 'No Node in the renderer.' },
    { group: ['**/electron/**', '**/test/**'], message: 'The renderer imports only shared/ and its own code.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', '*.cjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-duplicate-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          // better-sqlite3's db.transaction(fn)() opens a DEFERRED transaction, which fails with
          // SQLITE_BUSY_SNAPSHOT when two processes write; use .immediate() instead.
          selector: "CallExpression[callee.type='CallExpression'][callee.callee.property.name='transaction']",
          message: 'Deferred write transaction: call db.transaction(fn).immediate(...) instead.',
        },
        {
          selector: 'Literal[value=/^\\s*BEGIN(\\s+(DEFERRED\\s*)?(TRANSACTION\\s*)?)?;?\\s*$/i]',
          message: 'Deferred write transaction: use BEGIN IMMEDIATE.',
        },
      ],
    },
  },
  {
    // Tests read Airtable's JSON answers dynamically and assert on them with expect(); the
    // unsafe-any rules add noise there without catching anything the assertions would not.
    files: ['test/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tool configs in CommonJS (dependency-cruiser reads .cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|\\.{1,2}/).*', message: 'shared/ imports nothing but zod.' },
            { group: ['**/electron/**', '**/renderer/**', '**/test/**'], message: 'shared/ imports nothing but zod.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'core is plain Node: receive a port instead.' },
            { name: '@github/keytar', message: 'core uses the SecretStore port.' },
            { name: 'keytar', message: 'core uses the SecretStore port.' },
            { name: 'better-sqlite3', message: 'core uses the Database port.' },
          ],
          patterns: [
            { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'core never reaches up into the glue or the UI.' },
            testCode,
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!electron$|\\.{1,2}/).*', message: 'preload imports only electron and the shared contract.' },
            { group: ['**/core/**', '**/main/**', '**/renderer/**'], message: 'preload exposes the contract and nothing else.' },
            testCode,
          ],
        },
      ],
    },
  },
  {
    // Node hosts of the core (the command line, later the agent shim): never Electron or the UI.
    files: ['electron/hosts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Hosts run under plain Node, without Electron.' }],
          patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'Hosts never reach into the UI.' }, testCode],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/preload/**'] }, testCode] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', rendererImports] },
  },
  {
    // Screens reach main only through the stores, so every call has one owner that keeps its
    // state, and a store test covers what a screen would otherwise do on its own. (A later
    // block replaces the rule's options, so the renderer's own fences are repeated here.)
    files: ['renderer/src/features/**/*.ts', 'renderer/src/features/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: rendererImports.paths,
          patterns: [...rendererImports.patterns, { group: ['**/lib/api', '**/lib/api.ts'], message: 'Features call main through a store action, never lib/api directly.' }],
        },
      ],
    },
  },
);
