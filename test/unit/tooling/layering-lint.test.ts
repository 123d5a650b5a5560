/**
 * The layering rules of docs/architecture.md are enforced by the linter
 * (biome.json, noRestrictedImports), not by discipline: a probe file that
 * breaks a rule, put where it would live, must fail the lint; one that keeps
 * it must pass. If a rule is switched off or its paths drift, this fails.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function lint(folder: string, source: string): { ok: boolean; output: string } {
  const file = path.join(folder, `lint-probe-${process.pid}.ts`);
  writeFileSync(file, source);
  try {
    const run = spawnSync('npx', ['biome', 'lint', file], { encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(file, { force: true });
  }
}

const electron = "import { app } from 'electron';\n\nexport const probe = app;\n";
const node = "import fs from 'node:fs';\n\nexport const probe = fs;\n";

describe('layering, enforced by the linter', () => {
  it('refuses Electron outside the shell', () => {
    for (const folder of ['src/core', 'src/shared', 'src/renderer/src', 'src/web']) {
      const result = lint(folder, electron);
      expect(result.ok, folder).toBe(false);
      expect(result.output).toContain('noRestrictedImports');
    }
    expect(lint('src/main', electron).ok).toBe(true);
  });

  it('refuses Node in shared and the renderer, allows it in core', () => {
    expect(lint('src/shared', node).ok).toBe(false);
    expect(lint('src/renderer/src', node).ok).toBe(false);
    expect(lint('src/core', node).ok).toBe(true);
  });
});
