import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitFiles, recoverTransaction } from '../../../../src/core/store/file-transaction';
import { tempDirsPerTest } from '../temp-dir';

const tempDir = tempDirsPerTest();

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, file)] = await fs.readFile(file, 'utf8');
    }
  }
  return out;
}

describe('file transaction', () => {
  it('replaces, adds and removes files, keeping each replaced one as its .bak', async () => {
    const root = await tempDir();
    await fs.mkdir(path.join(root, 'forums'));
    await fs.writeFile(path.join(root, 'directory.json'), 'old directory');
    await fs.writeFile(path.join(root, 'forums', 'gone.json'), 'gone');
    await fs.writeFile(path.join(root, 'forums', 'gone.json.bak'), 'gone before');
    await commitFiles(root, [
      { file: path.join(root, 'directory.json'), content: 'new directory' },
      { file: path.join(root, 'forums', 'new.json'), content: 'new forum' },
      { file: path.join(root, 'forums', 'gone.json'), content: null },
    ]);
    expect(await files(root)).toEqual({
      'directory.json': 'new directory',
      'directory.json.bak': 'old directory',
      'forums/new.json': 'new forum',
    });
  });

  it('refuses a file outside the data folder before writing anything', async () => {
    const root = await tempDir();
    await fs.writeFile(path.join(root, 'settings.json'), 'settings');
    await expect(
      commitFiles(root, [
        { file: path.join(root, 'settings.json'), content: 'changed' },
        { file: path.join(root, '..', 'elsewhere.json'), content: 'escape' },
      ]),
    ).rejects.toThrow(/Not a store file/);
    expect(await files(root)).toEqual({ 'settings.json': 'settings' });
  });

  it('at start-up, drops a transaction that never reached its journal', async () => {
    const root = await tempDir();
    await fs.writeFile(path.join(root, 'directory.json'), 'old');
    await fs.mkdir(path.join(root, 'transaction'));
    await fs.writeFile(path.join(root, 'transaction', '0.staged'), 'half of a restore');
    expect(await recoverTransaction(root)).toBe('dropped');
    expect(await files(root)).toEqual({ 'directory.json': 'old' });
  });

  it('at start-up, finishes a journaled transaction wherever the crash stopped it', async () => {
    const root = await tempDir();
    await fs.mkdir(path.join(root, 'forums'));
    // The first step was applied before the crash (its staged file is gone), the second was not.
    await fs.writeFile(path.join(root, 'directory.json'), 'new directory');
    await fs.writeFile(path.join(root, 'directory.json.bak'), 'old directory');
    await fs.writeFile(path.join(root, 'forums', 'a.json'), 'old forum');
    await fs.mkdir(path.join(root, 'transaction'));
    await fs.writeFile(path.join(root, 'transaction', '1.staged'), 'new forum');
    await fs.writeFile(
      path.join(root, 'transaction', 'journal.json'),
      JSON.stringify({
        steps: [
          { target: 'directory.json', staged: '0.staged' },
          { target: path.join('forums', 'a.json'), staged: '1.staged' },
        ],
      }),
    );
    expect(await recoverTransaction(root)).toBe('finished');
    expect(await files(root)).toEqual({
      'directory.json': 'new directory',
      'directory.json.bak': 'old directory',
      'forums/a.json': 'new forum',
      'forums/a.json.bak': 'old forum',
    });
    expect(await recoverTransaction(root)).toBe('none');
  });

  it('drops a journal that names a file outside the data folder', async () => {
    const root = await tempDir();
    await fs.mkdir(path.join(root, 'transaction'));
    await fs.writeFile(path.join(root, 'transaction', '0.staged'), 'x');
    await fs.writeFile(
      path.join(root, 'transaction', 'journal.json'),
      JSON.stringify({ steps: [{ target: '../outside.json', staged: '0.staged' }] }),
    );
    await expect(recoverTransaction(root)).rejects.toThrow(/Not a store file/);
  });
});
