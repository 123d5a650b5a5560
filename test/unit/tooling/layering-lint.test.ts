/**
 * The layering rules of docs/architecture.md are enforced by the linter
 * (biome.json, noRestrictedImports by folder), not by discipline: a probe file
 * that breaks a rule, put where it would live, must fail the lint with the
 * rule's message; one that keeps it must pass. If a rule is switched off, its
 * folders drift, or a later override replaces an earlier one's options (Biome
 * does not merge them), this fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Probe {
  folder: string;
  source: string;
}

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string };
}

/** Lints every probe in one run of Biome (one run per probe is too slow on a loaded machine) and returns each one's messages. */
function lint(probes: readonly Probe[]): string[][] {
  const files = probes.map(({ folder }, i) => path.join(folder, `lint-probe-${process.pid}-${i}.ts`));
  for (const [i, { source }] of probes.entries()) writeFileSync(files[i] as string, source);
  try {
    const run = spawnSync('npx', ['biome', 'lint', '--reporter=json', ...files], { encoding: 'utf8' });
    const report = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
    return files.map((file) =>
      report.diagnostics
        .filter((d) => path.normalize(d.location.path) === path.normalize(file))
        .map((d) => `${d.category}: ${d.message}`),
    );
  } finally {
    for (const file of files) rmSync(file, { force: true });
  }
}

const electron = "import { app } from 'electron';\n\nexport const probe = app;\n";
const node = "import fs from 'node:fs';\n\nexport const probe = fs;\n";
const FEATURES = 'src/renderer/src/features';
const ELECTRON = 'Only src/main and src/preload may import Electron';
const NODE = 'the renderer reaches Node only through the contract';
const CROSSING = 'A feature does not import another feature';
const INTO_FEATURE = 'lib and components serve every feature and import none of them';

/** Every folder with an override of its own: each must keep the rules of the folders around it. */
const RENDERER_FOLDERS = [
  'src/renderer/src',
  'src/renderer/src/lib',
  'src/renderer/src/components',
  `${FEATURES}/forums`,
  `${FEATURES}/registrations/import`,
];

function expectRefused(messages: string[] | undefined, fragment: string, what: string): void {
  expect(messages, what).toHaveLength(1);
  expect(messages?.[0], what).toContain('lint/style/noRestrictedImports');
  expect(messages?.[0], what).toContain(fragment);
}

describe('layering, enforced by the linter', () => {
  it('refuses Electron outside the shell', () => {
    const folders = ['src/core', 'src/shared', 'src/web', ...RENDERER_FOLDERS];
    const results = lint([
      ...folders.map((folder) => ({ folder, source: electron })),
      { folder: 'src/main', source: electron },
    ]);
    for (const [i, folder] of folders.entries()) expectRefused(results[i], ELECTRON, folder);
    expect(results.at(-1), 'src/main').toEqual([]);
  });

  it('refuses Node in shared and the renderer, allows it in core', () => {
    const folders = ['src/shared', ...RENDERER_FOLDERS];
    const results = lint([
      ...folders.map((folder) => ({ folder, source: node })),
      { folder: 'src/core', source: node },
    ]);
    for (const [i, folder] of folders.entries()) expectRefused(results[i], NODE, folder);
    expect(results.at(-1), 'src/core').toEqual([]);
  });

  it('refuses a feature importing another feature, at either depth, by any spelling', () => {
    const crossings: Probe[] = [
      {
        folder: `${FEATURES}/forums`,
        source: "import { BackupsPage } from '../backups/BackupsPage';\n\nexport const probe = BackupsPage;\n",
      },
      { folder: `${FEATURES}/forums`, source: "import '../backups/backups.css';\n\nexport const probe = 1;\n" },
      { folder: `${FEATURES}/forums`, source: "import { x } from '../backups';\n\nexport const probe = x;\n" },
      {
        folder: `${FEATURES}/forums`,
        source: "import { x } from '../../features/people/x';\n\nexport const probe = x;\n",
      },
      {
        folder: `${FEATURES}/registrations/import`,
        source: "import { x } from '../../programme/x';\n\nexport const probe = x;\n",
      },
      {
        folder: `${FEATURES}/registrations/import`,
        source: "import { x } from '../../../features/people/x';\n\nexport const probe = x;\n",
      },
    ];
    for (const [i, messages] of lint(crossings).entries()) {
      expectRefused(messages, CROSSING, JSON.stringify(crossings[i]));
    }
  });

  it('lets a feature import its own files, lib, components, app and shared', () => {
    const own: Probe[] = [
      {
        folder: `${FEATURES}/forums`,
        source: [
          "import { a } from './ForumCard';",
          "import { b } from '../../lib/api';",
          "import { c } from '../../components/Tabs';",
          "import { d } from '../../app/app-context';",
          "import { e } from '../../../../shared/contract';",
          "import './handover.css';",
          '',
          'export const probe = [a, b, c, d, e];',
          '',
        ].join('\n'),
      },
      {
        folder: `${FEATURES}/registrations/import`,
        source: [
          "import { a } from '../RegistrationsPage';",
          "import { b } from './ImportDialog';",
          "import { c } from '../../../lib/api';",
          "import { d } from '../../../../../shared/contract';",
          '',
          'export const probe = [a, b, c, d];',
          '',
        ].join('\n'),
      },
    ];
    expect(lint(own)).toEqual([[], []]);
  });

  it('refuses lib and components importing a feature: they serve every feature', () => {
    const folders = ['src/renderer/src/lib', 'src/renderer/src/components'];
    const results = lint(
      folders.map((folder) => ({
        folder,
        source: "import { x } from '../features/people/x';\n\nexport const probe = x;\n",
      })),
    );
    for (const [i, folder] of folders.entries()) expectRefused(results[i], INTO_FEATURE, folder);
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
    walk(FEATURES, 0);
    expect(tooDeep).toEqual([]);
  });
});
