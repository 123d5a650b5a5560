import type { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = path.resolve(__dirname, '../..');

/**
 * Bundles a child program (TypeScript, importing src/) into one .mjs file so
 * that each spawn starts fast. The file goes inside node_modules so that node
 * resolves the packages left external (lowdb is ESM-only) from there.
 * Returns the file and a function that removes it.
 */
export async function bundleChild(entry: string): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = path.join(ROOT, 'node_modules', '.cache', 'multaqa-crash');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${path.basename(entry, '.ts')}-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: file,
    logLevel: 'warning',
  });
  return { file, remove: () => fs.rm(file, { force: true }) };
}

/**
 * A crash suite's scratch folder and bundled child: made before its tests,
 * removed after. `current()` gives them to a test once they exist.
 */
export function crashSuite(prefix: string, entry: string): { current(): { workDir: string; bundle: string } } {
  let workDir = '';
  let child: Awaited<ReturnType<typeof bundleChild>> | null = null;
  beforeAll(async () => {
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
    child = await bundleChild(entry);
  });
  afterAll(async () => {
    await child?.remove();
    if (workDir) await fs.rm(workDir, { recursive: true, force: true });
  });
  return { current: () => ({ workDir, bundle: child?.file ?? '' }) };
}

/**
 * Follows a child's output: each whole line it writes on stdout goes to
 * `line`, its stderr to `stderr`. A line `line` refuses (throws) kills the
 * child and goes to `fail`. Returns what is left of a last line without its
 * end, for when the child has closed.
 */
export function followChild(
  child: ChildProcess,
  handlers: { line(text: string): void; stderr(text: string): void; fail(error: unknown): void },
): { rest(): string } {
  let pending = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    try {
      for (const l of lines) handlers.line(l);
    } catch (error) {
      child.kill('SIGKILL');
      handlers.fail(error);
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => handlers.stderr(chunk));
  return { rest: () => pending };
}
