import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readDurable, removeStaleTemps, writeDurable } from '../../../../src/core/store/durable-file';
import { tempDirsPerTest } from '../temp-dir';

const tempDir = tempDirsPerTest();

describe('writeDurable / readDurable', () => {
  it('writes, keeps the previous content as .bak, and leaves no temp file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'a.json');
    await writeDurable(file, 'one');
    await writeDurable(file, 'two');
    expect(await fs.readFile(file, 'utf8')).toBe('two');
    expect(await fs.readFile(`${file}.bak`, 'utf8')).toBe('one');
    expect((await fs.readdir(dir)).sort()).toEqual(['a.json', 'a.json.bak']);
  });

  it('a missing file reads as missing', async () => {
    const dir = await tempDir();
    expect(await readDurable(path.join(dir, 'nothing.json'))).toEqual({ kind: 'missing' });
  });

  it('a crash between the two renames (file gone, .bak present) gives back the last acknowledged content', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'a.json');
    await writeDurable(file, 'acknowledged');
    await fs.rename(file, `${file}.bak`); // step 2 done, step 3 never happened
    await fs.writeFile(`${file}.tmp-abc`, 'never acknowledged');
    const read = await readDurable(file);
    expect(read).toEqual({ kind: 'ok', text: 'acknowledged', recoveredFromBackup: true });
    expect(await fs.readFile(file, 'utf8')).toBe('acknowledged');
    await removeStaleTemps(dir);
    expect((await fs.readdir(dir)).some((n) => n.includes('.tmp-'))).toBe(false);
  });

  it('a failed write (disk full) keeps the last good file and removes its temp file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'a.json');
    await writeDurable(file, 'good');
    const enospc = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    const spy = vi.spyOn(fs, 'rename').mockRejectedValueOnce(enospc);
    await expect(writeDurable(file, 'new')).rejects.toThrow('ENOSPC');
    spy.mockRestore();
    expect(await fs.readFile(file, 'utf8')).toBe('good');
    expect((await fs.readdir(dir)).some((n) => n.includes('.tmp-'))).toBe(false);
  });
});
