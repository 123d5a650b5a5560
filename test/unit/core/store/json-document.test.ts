import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { DocumentSpec } from '../../../../src/core/store/document-codec';
import * as durable from '../../../../src/core/store/durable-file';
import { DocumentReadError, JsonDocument } from '../../../../src/core/store/json-document';
import { tempDirsPerTest } from '../temp-dir';

const tempDir = tempDirsPerTest();
const spec: DocumentSpec<{ n: number }> = {
  label: 'counter',
  version: 2,
  schema: z.object({ n: z.number() }),
  migrations: { 1: (d) => ({ n: (d as { count: number }).count }) },
};

describe('JsonDocument', () => {
  it('uses the fallback for a missing file without writing it', async () => {
    const dir = await tempDir();
    const doc = await JsonDocument.open(path.join(dir, 'c.json'), spec, { n: 0 });
    expect(doc.data).toEqual({ n: 0 });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('coalesces a burst of saves into at most two writes, each caller acknowledged after its change is on disk', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'c.json');
    const doc = await JsonDocument.open(file, spec, { n: 0 });
    const writes = vi.spyOn(durable, 'writeDurable');
    const saves: Promise<void>[] = [doc.set({ n: 1 })]; // starts a write…
    for (let i = 2; i <= 50; i++) {
      doc.data.n = i; // …while these changes pile up behind it
      saves.push(doc.save());
    }
    await Promise.all(saves);
    expect(writes.mock.calls.length).toBeLessThanOrEqual(2);
    writes.mockRestore();
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ schemaVersion: 2, data: { n: 50 } });
  });

  it('migrates an old file on open and writes it back in the current format', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'c.json');
    await fs.writeFile(file, JSON.stringify({ schemaVersion: 1, data: { count: 7 } }));
    const doc = await JsonDocument.open(file, spec, { n: 0 });
    expect(doc.data).toEqual({ n: 7 });
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ schemaVersion: 2, data: { n: 7 } });
    // The pre-migration file is kept as the last good copy.
    expect(JSON.parse(await fs.readFile(`${file}.bak`, 'utf8'))).toEqual({ schemaVersion: 1, data: { count: 7 } });
  });

  it('throws a DocumentReadError naming the file for a corrupt one', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'c.json');
    await fs.writeFile(file, '{"schemaVersion":2,"da');
    await expect(JsonDocument.open(file, spec, { n: 0 })).rejects.toSatisfy(
      (e: unknown) => e instanceof DocumentReadError && e.reason === 'corrupt' && e.file === file,
    );
  });

  it('after a failed save, revert takes the last good state back from disk', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'c.json');
    const doc = await JsonDocument.open(file, spec, { n: 0 });
    await doc.set({ n: 1 });
    const spy = vi
      .spyOn(durable, 'writeDurable')
      .mockRejectedValueOnce(Object.assign(new Error('EROFS'), { code: 'EROFS' }));
    await expect(doc.set({ n: 2 })).rejects.toThrow('EROFS');
    spy.mockRestore();
    await doc.revert({ n: 0 });
    expect(doc.data).toEqual({ n: 1 });
  });
});
