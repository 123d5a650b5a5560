// Benchmarks: `npm run bench [name]`. Each bench/*.bench.ts is bundled with
// esbuild and run in a fresh Node process, so one bench's garbage does not
// slow the next. A bench prints its figures, the bare baseline measured in
// the same run, the ratio, and the target from its issue. Each bench/*.render.mjs
// (a render timed in Chromium against browser mode) then runs as it is.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const only = process.argv[2];
const benches = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)));
// Inside node_modules so the bundles resolve packages (lowdb, zod…) from the project.
const outDir = path.join('node_modules', '.cache', 'multaqa-bench');
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const file of benches) {
  const outfile = path.join(outDir, file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [path.join('bench', file)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  console.log(`\n--- ${file}`);
  const { status } = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
rmSync(outDir, { recursive: true, force: true });
for (const file of readdirSync('bench').filter((f) => f.endsWith('.render.mjs') && (!only || f.includes(only)))) {
  console.log(`\n--- ${file}`);
  const { status } = spawnSync(process.execPath, [path.join('bench', file)], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
