// `npm test`: every check, in order, on a fresh clone: typecheck, lint,
// electronegativity (Electron security lint), unit (vitest), build, e2e in
// Chromium (Playwright, browser mode) and the Electron suite where a binary
// exists. It goes on after a failure so one run shows everything, and ends
// with the line CI reads: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const results = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `=== ${label}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A step that is not a test suite counts as one check. */
function step(label, command, args) {
  const ok = run(label, command, args);
  results.push({ label, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
  return ok;
}

step('typecheck (node)', 'npm', ['run', '--silent', 'typecheck:node']);
step('typecheck (web)', 'npm', ['run', '--silent', 'typecheck:web']);
step('typecheck (e2e)', 'npm', ['run', '--silent', 'typecheck:e2e']);
step('lint', 'npm', ['run', '--silent', 'lint']);
step('electronegativity', 'npm', ['run', '--silent', 'security']);

rmSync('test-results/unit.json', { force: true });
const unitOk = run('unit', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/unit.json',
]);
const unit = readJson('test-results/unit.json');
results.push({
  label: 'unit',
  passed: unit?.numPassedTests ?? 0,
  failed: unit ? unit.numFailedTests + (unitOk || unit.numFailedTests ? 0 : 1) : 1,
});

if (step('build', 'npm', ['run', '--silent', 'build'])) {
  rmSync('test-results/e2e.json', { force: true });
  const e2eOk = run('e2e (Chromium, browser mode)', 'npx', ['playwright', 'test']);
  const stats = readJson('test-results/e2e.json')?.stats;
  results.push({
    label: 'e2e',
    passed: stats?.expected ?? 0,
    failed: stats ? stats.unexpected + stats.flaky + (e2eOk || stats.unexpected ? 0 : 1) : 1,
  });
}

rmSync('test-results/electron.json', { force: true });
const electronOk = run('electron', 'node', ['scripts/run-electron-tests.mjs']);
const electron = readJson('test-results/electron.json');
if (electron?.notRun) {
  results.push({ label: 'electron', passed: 0, failed: 0, note: `not run (${electron.notRun})` });
} else {
  const stats = electron?.stats;
  results.push({
    label: 'electron',
    passed: stats?.expected ?? 0,
    failed: stats ? stats.unexpected : electronOk ? 0 : 1,
  });
}

console.log('\n=== Summary');
for (const r of results) console.log(`  ${r.label.padEnd(30)} ${r.note ?? `${r.passed} passed, ${r.failed} failed`}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
