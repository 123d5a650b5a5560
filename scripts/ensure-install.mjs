// Runs `npm ci` when node_modules is missing or older than package-lock.json,
// so `npm start`, `npm run web` and `npm test` each work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

if (mtime('node_modules/.package-lock.json') < mtime('package-lock.json')) {
  console.log('Multaqa: installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
