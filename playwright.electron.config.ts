import { defineConfig } from '@playwright/test';

/** The desktop app itself, through Playwright's _electron; run by scripts/run-electron-tests.mjs. */
export default defineConfig({
  testDir: 'test/electron',
  timeout: 90_000,
  workers: 1,
  forbidOnly: true,
  outputDir: 'test-results/electron',
  reporter: [['list'], ['json', { outputFile: 'test-results/electron.json' }]],
});
