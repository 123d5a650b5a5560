/**
 * The layering rules of docs/architecture.md are enforced by the linter
 * (biome.json, noRestrictedImports), not by discipline: a probe file that
 * breaks a rule, put where it would live, must fail the lint; one that keeps
 * it must pass. If a rule is switched off or its paths drift, this fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
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

  it('refuses a feature importing another feature, at either depth, by any spelling', () => {
    const features = 'src/renderer/src/features';
    const crossings: Array<[string, string]> = [
      [
        `${features}/forums`,
        "import { BackupsPage } from '../backups/BackupsPage';\n\nexport const probe = BackupsPage;\n",
      ],
      [`${features}/forums`, "import '../backups/backups.css';\n\nexport const probe = 1;\n"],
      [`${features}/forums`, "import { x } from '../../features/people/x';\n\nexport const probe = x;\n"],
      [`${features}/registrations/import`, "import { x } from '../../programme/x';\n\nexport const probe = x;\n"],
    ];
    for (const [folder, source] of crossings) {
      const result = lint(folder, source);
      expect(result.ok, `${folder}: ${source}`).toBe(false);
      expect(result.output).toContain('A feature does not import another feature');
    }
  });

  it('lets a feature import its own files, lib, components, app and shared', () => {
    const features = 'src/renderer/src/features';
    const own = [
      `import { a } from './ForumCard';\nimport { b } from '../../lib/api';\nimport { c } from '../../components/Tabs';\nimport { d } from '../../app/app-context';\nimport { e } from '../../../../shared/contract';\n\nexport const probe = [a, b, c, d, e];\n`,
    ];
    for (const source of own) expect(lint(`${features}/forums`, source).ok).toBe(true);
    const nested = `import { a } from '../RegistrationsPage';\nimport { b } from '../../../lib/api';\n\nexport const probe = [a, b];\n`;
    expect(lint(`${features}/registrations/import`, nested).ok).toBe(true);
  });

  it('refuses lib and components importing a feature: they serve every feature', () => {
    for (const folder of ['src/renderer/src/lib', 'src/renderer/src/components']) {
      const result = lint(folder, "import { x } from '../features/people/x';\n\nexport const probe = x;\n");
      expect(result.ok, folder).toBe(false);
      expect(result.output).toContain('import none of them');
    }
  });

  it('has no feature folder deeper than the rules in biome.json reach', () => {
    // The cross-feature rule spells relative paths per depth (features/X/file, features/X/sub/file);
    // a folder one level deeper would be checked by neither, so it has to come with its own override.
    const tooDeep: string[] = [];
    const walk = (folder: string, depth: number) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const inner = path.join(folder, entry.name);
        if (depth >= 2) tooDeep.push(inner);
        walk(inner, depth + 1);
      }
    };
    walk('src/renderer/src/features', 0);
    expect(tooDeep).toEqual([]);
  });
});
