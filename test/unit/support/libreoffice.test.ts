/**
 * The LibreOffice oracle's own failure modes: a missing, old, hung or silent
 * soffice must fail the test that needs it with a reason, never pass nor hang;
 * its CSV parser must refuse what LibreOffice never writes; its .fods writer
 * must refuse what it cannot write faithfully.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  convertToXlsx,
  fodsText,
  LibreOfficeError,
  libreOfficeReading,
  parseStrictCsv,
  trimmedTable,
} from '../../support/libreoffice';

let dir = '';
let input = '';
const realSoffice = process.env.SOFFICE;

/** A stand-in soffice: answers --version with $FAKE_VERSION, else does what $FAKE_MODE says. */
const FAKE_SOFFICE = `#!/bin/sh
case "$*" in *--version*) echo "LibreOffice \${FAKE_VERSION:-7.4.7.2} 40(Build:2)"; exit 0;; esac
echo $$ > "$FAKE_PIDFILE"
if [ "$FAKE_MODE" = hang ]; then exec sleep 120; fi
exit 0
`;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-lo-support-'));
  input = path.join(dir, 'list.fods');
  await fs.writeFile(input, fodsText([{ name: 'Sheet1', rows: [['أحمد']] }]));
});

afterEach(() => {
  if (realSoffice === undefined) delete process.env.SOFFICE;
  else process.env.SOFFICE = realSoffice;
  delete process.env.FAKE_MODE;
  delete process.env.FAKE_VERSION;
  delete process.env.FAKE_PIDFILE;
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** Points $SOFFICE at a stand-in of its own (the version check is made once per command); returns where it writes its pid. */
async function useFake(mode: 'hang' | 'nothing', version: string): Promise<string> {
  const command = path.join(dir, `soffice-${version}`);
  await fs.writeFile(command, FAKE_SOFFICE, { mode: 0o755 });
  const pidFile = `${command}.pid`;
  process.env.SOFFICE = command;
  process.env.FAKE_MODE = mode;
  process.env.FAKE_VERSION = version;
  process.env.FAKE_PIDFILE = pidFile;
  return pidFile;
}

describe('running soffice', () => {
  it('says how to install LibreOffice when soffice is missing', async () => {
    process.env.SOFFICE = path.join(dir, 'no-such-soffice');
    const failure = convertToXlsx([input], dir);
    await expect(failure).rejects.toBeInstanceOf(LibreOfficeError);
    await expect(failure).rejects.toThrow(/apt-get install libreoffice-calc/);
  });

  it('refuses a LibreOffice older than 7.2, which cannot export every sheet', async () => {
    await useFake('nothing', '7.1.8.1');
    await expect(libreOfficeReading([input])).rejects.toThrow(/7\.1\.8\.1 is too old/);
  });

  it('kills a soffice that hangs, and its process, after the timeout', async () => {
    const pidFile = await useFake('hang', '7.4.0.1');
    const started = performance.now();
    await expect(convertToXlsx([input], dir, 1_500)).rejects.toThrow(/took over 1500 ms and was killed/);
    expect(performance.now() - started).toBeLessThan(10_000);
    const pid = Number(await fs.readFile(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('fails when soffice ends well but wrote no .xlsx', async () => {
    await useFake('nothing', '7.4.0.2');
    await expect(convertToXlsx([input], path.join(dir, 'out'))).rejects.toThrow(/LibreOffice wrote no .*list\.xlsx/);
  });

  it('fails when soffice ends well but exported no sheet', async () => {
    await useFake('nothing', '7.4.0.3');
    await expect(libreOfficeReading([input])).rejects.toThrow(/LibreOffice exported no sheet/);
  });
});

describe("reading LibreOffice's CSV", () => {
  it('reads quoted cells with commas, quotes and line breaks, and tells unquoted (value) cells', () => {
    const { rows, unquoted } = parseStrictCsv('"أحمد, علي","قال ""نعم""",12\n"سطر\nثان",,2024-03-05\n');
    expect(rows).toEqual([
      ['أحمد, علي', 'قال "نعم"', '12'],
      ['سطر\nثان', '', '2024-03-05'],
    ]);
    expect([...unquoted].sort()).toEqual(['0:2', '1:2']);
  });

  it.each([
    ['a quote inside an unquoted cell', 'ab"c,d\n', /quote inside an unquoted cell/],
    ['an unclosed quote', '"abc,d\n', /unclosed quote/],
    ['text after a closing quote', '"ab"c,d\n', /text after a closing quote/],
  ])('refuses %s', (_, text, error) => {
    expect(() => parseStrictCsv(text)).toThrow(error);
  });

  it('trims trailing empty cells and the blank rows after the last row with text, keeping blank rows between', () => {
    expect(trimmedTable([['a', '', ''], ['', ''], ['b'], [''], []])).toEqual([['a'], [], ['b']]);
  });
});

describe('writing .fods', () => {
  it('refuses a character XML cannot hold rather than writing a different text', () => {
    expect(() => fodsText([{ name: 'Sheet1', rows: [['a\u0001b']] }])).toThrow(/XML cannot hold U\+0001/);
    expect(() => fodsText([{ name: 'Sheet1', rows: [['\ud800']] }])).toThrow(/XML cannot hold U\+d800/);
  });

  it('refuses a merge over a cell that holds something', () => {
    expect(() => fodsText([{ name: 'Sheet1', rows: [[{ cell: 'مدمج', columnsSpanned: 2 }, 'هنا']] }])).toThrow(
      /covered by a merge/,
    );
  });

  it('keeps runs of spaces, edge spaces and tabs, which ODF would collapse', () => {
    const text = fodsText([{ name: 'Sheet1', rows: [[' أحمد  علي\t ']] }]);
    expect(text).toContain('<text:p><text:s/>أحمد <text:s/>علي<text:tab/><text:s/></text:p>');
  });
});
