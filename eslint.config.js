// Flat config: typescript-eslint's recommended rules, plus the project's few habits.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const jest = require('eslint-plugin-jest');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'var/**', 'coverage/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.name="forwardRef"]',
          message: 'Fix the circular dependency instead of forwardRef.',
        },
      ],
    },
  },
  {
    // The few CommonJS config files at the top level.
    files: ['*.js', 'test/support/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/__tests__/**', 'test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Tests that stop testing: focused or skipped ones, and bodies without an assertion. supertest's
    // `.expect(status)` asserts too, as do the suite's own `expect…` helpers.
    files: ['**/__tests__/**/*.ts', 'test/**/*.ts'],
    plugins: { jest },
    languageOptions: { globals: jest.environments.globals.globals },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/expect-expect': [
        'error',
        {
          assertFunctionNames: [
            'expect',
            '**.expect',
            'expect*',
            'assert*',
            'race',
            'smoke',
            'refused',
            'unchanged',
            'run',
            '*.run',
          ],
        },
      ],
    },
  },
);
