// ESLint flat config: typescript-eslint's recommended rules over the sources,
// tests and benchmarks. Formatting is prettier's job (npm run lint checks both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**', '.e2e-cache/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // unused names are tsc's job (noUnusedLocals/noUnusedParameters); `_` marks the intentional ones
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // tree walks start a cursor at `this` and climb or descend without recursion (deep documents must not overflow the stack)
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['cur', 'n', 's'] }],
    },
  },
  {
    // a step-for-step model of libxml2's RelaxNG validator state machine: its assignments mirror that code's, on purpose
    files: ['server/src/languageservice/schema/libxmlEmulator.ts'],
    rules: { 'no-useless-assignment': 'off' },
  },
);
