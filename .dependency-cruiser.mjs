/**
 * The layer rule, checked by `npm run lint` (`depcruise --config .dependency-cruiser.mjs src web/src bench
 * standard/extract e2e`).
 *
 * Arrows point down only:   exact ← model ← scoring ← planning;  access ← process;  contract (browser-safe
 * schemas) ← web;  store ← jobs ← service ← http, cli;  reports ← service, cli.  Every rule is an error; a rule
 * names the folders a layer MAY import (anything else under src/ is forbidden), so a new folder is
 * forbidden everywhere until a rule admits it. Tests are held to the same layers (they may use node: builtins).
 * src/layers.test.ts proves that an upward import fails the check.
 */

import { builtinModules } from 'node:module';
import { fileURLToPath, URL } from 'node:url';

/** A node builtin as dependency-cruiser names it (`fs`, `node:fs`, `fs/promises`). */
const BUILTIN = `^(node:)?(${builtinModules.join('|')})$`;

/** `^src/(a|b|…)/` */
const inSrc = (...folders) => `^src/(${folders.join('|')})/`;

/** Forbids `from` (folders under src/) to import anything under src/ except its own folder and `allowed`. */
function layer(name, from, allowed, comment, extraAllowedPaths = []) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: inSrc(from) },
    // src/testing/ (test helpers) is open to every layer's tests; rule testing-only-from-tests keeps it there.
    to: {
      path: '^src/',
      pathNot: [
        inSrc(from, ...allowed, 'testing'),
        ...(NODE_SIDE.includes(from) ? [CONFIG] : []),
        ...extraAllowedPaths,
      ],
    },
  };
}

/** Forbids `from` to import node: builtins (the browser-safe layers); tests run in node and may. */
function noBuiltins(name, fromPath, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: fromPath, pathNot: '\\.test\\.tsx?$' },
    to: { dependencyTypes: ['core'] },
  };
}

/** src/config.ts (the environment, read and checked once) is for the Node-side layers only. */
const CONFIG = '^src/config\\.ts$';
const NODE_SIDE = ['store', 'reports', 'service', 'http', 'cli', 'testing'];

/** Only the pure, browser-safe layers and the contract may be imported by the web app. */
const BROWSER_SAFE = ['contract', 'model', 'scoring', 'planning', 'process', 'access', 'exact'];

export default {
  forbidden: [
    {
      name: 'config-imports-nothing',
      comment: 'src/config.ts reads and checks the environment; it imports nothing of ours.',
      severity: 'error',
      from: { path: CONFIG },
      to: { path: '^src/' },
    },
    layer('exact-imports-nothing', 'exact', [], 'exact/ is the lowest floor: it imports nothing of ours.'),
    {
      name: 'exact-no-packages',
      comment: 'exact/ imports no npm package and no node: builtin either (its tests may use vitest).',
      severity: 'error',
      from: { path: inSrc('exact'), pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'],
      },
    },
    layer('model-above-exact-only', 'model', ['exact'], 'model/ → exact/ only.'),
    layer('scoring-above-model', 'scoring', ['model', 'exact'], 'scoring/ → model/, exact/.'),
    layer(
      'planning-above-scoring',
      'planning',
      ['scoring', 'model', 'exact'],
      'planning/ → scoring/, model/, exact/.',
    ),
    layer('access-model-types-only', 'access', ['model'], 'access/ → model/ (types only, see next rule).'),
    {
      name: 'access-model-types-only-values',
      comment: 'access/ may import model/ for types only (import type …).',
      severity: 'error',
      from: { path: inSrc('access') },
      to: { path: inSrc('model'), dependencyTypesNot: ['type-only'] },
    },
    layer(
      'process-above-access-model',
      'process',
      ['access', 'model', 'exact'],
      'process/ → access/, model/, exact/: no scoring, no store (a pure state machine).',
    ),
    noBuiltins('process-browser-safe', inSrc('process'), 'process/ runs in the browser: no node: builtins.'),
    noBuiltins(
      'pure-layers-browser-safe',
      inSrc('exact', 'scoring', 'planning', 'access'),
      'exact/, scoring/, planning/, access/ are pure and run in the browser: no node: builtins.',
    ),
    layer(
      'contract-browser-safe',
      'contract',
      ['model', 'process', 'access', 'exact'],
      'contract/ (TypeBox request/response schemas) → model/, process/, access/, exact/ only.',
    ),
    noBuiltins(
      'contract-no-builtins',
      inSrc('contract'),
      'contract/ runs in the browser: no node: builtins.',
    ),
    {
      name: 'contract-typebox-only',
      comment: 'contract/ imports no npm package but @sinclair/typebox.',
      severity: 'error',
      from: { path: inSrc('contract') },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: '^node_modules/@sinclair/typebox/',
      },
    },
    layer(
      'store-below-service',
      'store',
      ['model', 'process', 'access', 'exact'],
      'store/ → model/, process/, access/, exact/ (never service, http, cli, reports, contract).',
    ),
    layer(
      'reports-below-service',
      'reports',
      ['planning', 'scoring', 'model', 'process', 'exact'],
      'reports/ → planning/, scoring/, model/, process/, exact/ (never store, service, http, cli).',
    ),
    layer(
      'jobs-above-store',
      'jobs',
      ['store'],
      'jobs/ (the background job queue: pg-boss or the database runner) → store/ only; use cases enqueue.',
    ),
    {
      name: 'jobs-no-kysely',
      comment: 'jobs/ writes no SQL: the job tables are a store/ repository.',
      severity: 'error',
      from: { path: inSrc('jobs') },
      to: { path: '^node_modules/kysely/' },
    },
    layer(
      'service-below-adapters',
      'service',
      ['store', 'jobs', 'reports', 'planning', 'scoring', 'process', 'access', 'model', 'exact', 'contract'],
      'service/ (use cases) → every layer below it, never http/ or cli/.',
    ),
    layer(
      'http-through-service',
      'http',
      ['service', 'contract', 'access', 'process', 'model', 'exact'],
      'http/ → service/, contract/, access/, process/, model/, exact/: never store/ (go through service/), never cli/.',
    ),
    {
      name: 'http-no-kysely',
      comment: 'http/ never builds queries: SQL lives in store/ repositories, reached through service/.',
      severity: 'error',
      from: { path: inSrc('http') },
      to: { path: '^node_modules/kysely/' },
    },
    layer(
      'cli-through-service',
      'cli',
      ['service', 'reports', 'planning', 'scoring', 'process', 'model', 'exact'],
      'cli/ → service/, reports/, planning/, scoring/, process/ (pure domain), model/, exact/ and the composition ' +
        'root src/server.ts; ' +
        'never http/, never store/ (through service/).',
      ['^src/server\\.ts$'],
    ),
    {
      name: 'web-browser-safe-layers-only',
      comment: `web/src → only src/{${BROWSER_SAFE.join(',')}} of the server tree (and npm packages).`,
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: inSrc(...BROWSER_SAFE) },
    },
    noBuiltins('web-no-builtins', '^web/src/', 'web/src runs in the browser: no node: builtins.'),
    {
      name: 'web-reaches-no-builtin',
      comment:
        'Nothing the web app loads may reach a node: builtin through the server tree (e.g. model/load.ts ' +
        'reads files): the browser-safe layers must stay browser-safe transitively.',
      severity: 'error',
      from: { path: '^web/src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: BUILTIN, reachable: true },
    },
    layer(
      'testing-below-cli',
      'testing',
      [
        'store',
        'jobs',
        'service',
        'http',
        'reports',
        'planning',
        'scoring',
        'process',
        'access',
        'model',
        'exact',
        'contract',
      ],
      'src/testing/ (test fixtures: databases per dialect, a world of users, the app over it) builds what tests ' +
        'need from every layer below the CLI; only tests import it.',
      ['^src/server\\.ts$'],
    ),
    {
      name: 'testing-only-from-tests',
      comment: 'src/testing/ holds test helpers: only *.test.ts (and *.e2e.ts) files import it.',
      severity: 'error',
      from: { pathNot: ['\\.test\\.tsx?$', '\\.e2e\\.ts$', '^src/testing/'] },
      to: { path: inSrc('testing') },
    },
    {
      name: 'scoring-through-index',
      comment:
        'Outside scoring/, the scoring layer is imported only through its public API, src/scoring/index.ts.',
      severity: 'error',
      from: { path: '^(src|web/src|bench|standard|e2e)/', pathNot: inSrc('scoring') },
      to: { path: inSrc('scoring'), pathNot: '^src/scoring/index\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles inside src/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: a layer must not even name the types of a higher one.
    tsPreCompilationDeps: true,
    // web/tsconfig.json maps `@engine/*` to ../src/* (the web app's view of the server tree). An absolute
    // path: TypeScript finds no inputs in a tsconfig named by a relative path outside the working directory.
    tsConfig: { fileName: fileURLToPath(new URL('./web/tsconfig.json', import.meta.url)) },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
