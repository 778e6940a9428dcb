// The JavaScript check, `npm run lint` (scripts/test runs it): ESLint's recommended rules over
// the widget (www/, in the browser), the build and serve scripts (scripts/, in node) and the
// end-to-end tests (tests/e2e/, in node, with functions that Playwright runs in the page).
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['www/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The browser benchmarks, and the build of the first screen, run code in the page too.
    files: ['tests/e2e/**/*.mjs', 'scripts/bench-web.mjs', 'scripts/first-screen.mjs', 'scripts/bench/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
