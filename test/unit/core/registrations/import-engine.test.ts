/**
 * The import in a worker thread, as the app runs it: the worker bundled from
 * its source with esbuild (as scripts/build-web.mjs does), previews and
 * refusals crossing the thread with their codes, and a worker that dies
 * ending only the calls under way.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportInputError } from '../../../../src/core/registrations/import/errors';
import { type EngineContext, WorkerImportEngine } from '../../../../src/core/registrations/import/import-engine';
import { AppError } from '../../../../src/shared/errors';
import { xlsxPackage } from '../../../support/xlsx-package';

let dir = '';
let script = '';

beforeAll(async () => {
  // Inside the project, so that the bundle's imports of packages resolve to its node_modules.
  const scratch = path.resolve('node_modules', '.tmp');
  await mkdir(scratch, { recursive: true });
  dir = await mkdtemp(path.join(scratch, 'import-worker-'));
  script = path.join(dir, 'import-worker.mjs');
  await build({
    entryPoints: ['src/core/registrations/import/import-worker.ts'],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const context: EngineContext = { defaultCountry: '968', delegations: [], registrations: [], shapes: [] };
const request = { sheet: '', headerRow: null, mapping: null };

describe('WorkerImportEngine', () => {
  it('reads and previews a workbook in the worker', async () => {
    const engine = new WorkerImportEngine(script);
    try {
      const bytes = await xlsxPackage({
        sheets: [
          {
            name: 'الكشف',
            rows: [
              ['الاسم', 'الجوال'],
              ['أحمد البلوشي', '9123 4567'],
              ['الإجمالي', 1],
            ],
          },
        ],
      });
      const handle = await engine.open('list.xlsx', bytes);
      const preview = await engine.preview(handle, request, context);
      expect(preview.counts).toMatchObject({ add: 1, setAside: 1 });
      expect(preview.rows[0]?.values.mobileE164).toBe('+96891234567');
      expect(await engine.rows(handle, 'الكشف')).toHaveLength(3);
    } finally {
      await engine.stop();
    }
  });

  it('hands a refusal back with its code, and an unknown handle as not_found', async () => {
    const engine = new WorkerImportEngine(script);
    try {
      const error = await engine.open('list.xlsx', new TextEncoder().encode('%PDF-1.7\n')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportInputError);
      expect(error).toMatchObject({ code: 'unsupported_format', format: 'pdf' });
      const gone = await engine.preview('no-such-handle', request, context).catch((e: unknown) => e);
      expect(gone).toBeInstanceOf(AppError);
      expect(gone).toMatchObject({ code: 'not_found' });
    } finally {
      await engine.stop();
    }
  });

  it('fails the calls of a worker that died and starts a new one for the next', async () => {
    const engine = new WorkerImportEngine(script);
    try {
      const handle = await engine.open('a.csv', new TextEncoder().encode('الاسم\nأحمد\n'));
      await engine.stop(); // as if the worker had died
      await expect(engine.preview(handle, request, context)).rejects.toMatchObject({ code: 'not_found' });
      const again = await engine.open('a.csv', new TextEncoder().encode('الاسم\nأحمد\n'));
      expect((await engine.preview(again, request, context)).counts.add).toBe(1);
    } finally {
      await engine.stop();
    }
  });
});
