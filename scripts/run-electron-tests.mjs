// The Playwright `_electron` suite (test/electron) needs a real Electron
// binary. Where there is none, it is not run, and this says so plainly
// (the same journeys run in Chromium through browser mode in test/e2e).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { findElectronBinary } from './electron-binary.mjs';

const binary = findElectronBinary();
mkdirSync('test-results', { recursive: true });
if (!binary) {
  console.log(
    'Electron suite: NOT RUN — there is no Electron binary on this machine and it cannot be downloaded here. ' +
      'The same journeys ran in Chromium through browser mode (test/e2e).',
  );
  writeFileSync('test-results/electron.json', JSON.stringify({ notRun: 'no Electron binary' }));
  process.exit(0);
}
const result = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.electron.config.ts'], {
  stdio: 'inherit',
  env: { ...process.env, MULTAQA_ELECTRON_PATH: binary },
});
process.exit(result.status ?? 1);
