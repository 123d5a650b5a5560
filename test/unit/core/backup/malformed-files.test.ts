/**
 * Malformed handover (`.multaqa`) and backup files, through core's handlers:
 * `handover.open` for the one, for the other the file put into the backups
 * folder, then `backups.list` and `backups.restore`. Every file must be
 * refused as `import_refused` (`handover.refused.<reason>` /
 * `backups.refused.<reason>`), or for a backup listed as unreadable and not
 * offered for restore; never `internal`, never anything but an AppError; and
 * the data folder must stay byte for byte as it was.
 *
 * Bit flips may leave a file that is still valid (a flip in a timestamp of a
 * header): those are counted as accepted, and checked to change nothing.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/core/app-core';
import { readZip, writeZip } from '../../../../src/core/archive/zip';
import { BACKUP_FORMAT_VERSION, readBackup } from '../../../../src/core/backup/backup-archive';
import { HANDOVER_RULES, readHandover } from '../../../../src/core/backup/handover-archive';
import { HANDOVER_MAX_BYTES } from '../../../../src/shared/domain/backup';
import { AppError } from '../../../../src/shared/errors';
import { handoverFile, openAt, PNG_BASE64, seedForum } from './backup-fixture';

const RUNS = { random: 60, truncations: 120, bitFlips: 300 };

// ---------------------------------------------------------------------------
// Outcomes and their counts
// ---------------------------------------------------------------------------

type Kind = 'handover' | 'backups';

interface Outcome {
  /** `refused:<reason>`, `unreadable` (a backup the list cannot read), or `accepted`. */
  result: string;
  /** The refusal's reason (for a backup, readBackup's, which the list does not show), or `accepted`. */
  reason: string;
}

/** Files taken per kind of damage, and how each ended. */
const taken: Record<Kind, Map<string, Map<string, number>>> = { handover: new Map(), backups: new Map() };
/** Bit flips taken although what the file reads as changed: the byte each flip was in. */
const takenChanged: Record<Kind, number[]> = { handover: [], backups: [] };

function count(kind: Kind, damage: string, result: string): void {
  const byDamage = taken[kind].get(damage) ?? new Map<string, number>();
  byDamage.set(result, (byDamage.get(result) ?? 0) + 1);
  taken[kind].set(damage, byDamage);
}

/** The refusal of a rejected call, failing on anything but an import_refused AppError with its sentence. */
function refusal(kind: Kind, error: unknown, label: string): string {
  if (!(error instanceof AppError)) {
    throw new Error(`${label}: threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, {
      cause: error,
    });
  }
  if (error.code !== 'import_refused') {
    throw new Error(`${label}: answered ${error.code} (${error.message})`, { cause: error });
  }
  const message = error.issues?.[0]?.message ?? '';
  const prefix = `${kind}.refused.`;
  if (!message.startsWith(prefix)) throw new Error(`${label}: refusal without its sentence: ${message}`);
  return message.slice(prefix.length);
}

// ---------------------------------------------------------------------------
// The data folder
// ---------------------------------------------------------------------------

/** Every file under the data folder (path → sha256), but the lock and the file being fed. */
async function snapshot(dir: string, skip: string | null = null, under = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(path.join(dir, under), { withFileTypes: true })) {
    const rel = path.join(under, entry.name);
    if (entry.isDirectory()) Object.assign(out, await snapshot(dir, skip, rel));
    else if (rel !== 'multaqa.lock' && rel !== skip) {
      out[rel] = createHash('sha256')
        .update(await fs.readFile(path.join(dir, rel)))
        .digest('hex');
    }
  }
  return out;
}

interface World {
  dir: string;
  core: Core;
  handover: Buffer;
  backup: Buffer;
  forumId: string;
  before: Record<string, string>;
}

let backupSerial = 0;

/** A backup file name no other case used (the list caches summaries by path, size and time). */
function backupName(): string {
  const n = backupSerial++;
  const hms = String(Math.floor(n / 1000)).padStart(6, '0');
  return `Multaqa-backup-20200101-${hms}-${String(n % 1000).padStart(3, '0')}-manual.zip`;
}

/** Feeds one handover file to `handover.open`. */
async function feedHandover(w: World, bytes: Buffer, damage: string, label: string): Promise<Outcome> {
  let result: string;
  let reason = 'accepted';
  try {
    const preview = await w.core.handlers['handover.open']({
      fileName: 'ملتقى.multaqa',
      base64: bytes.toString('base64'),
    });
    await w.core.handlers['handover.close']({ handoverId: preview.handoverId });
    result = 'accepted';
  } catch (error) {
    reason = refusal('handover', error, `${label} (${bytes.length} bytes)`);
    result = `refused:${reason}`;
  }
  count('handover', damage, result);
  return { result, reason };
}

/**
 * Puts one file into the backups folder and asks the list and a restore: an
 * unreadable one must be listed so and not be found for a restore; a listed
 * one must be refused by the restore. A file that reads as a whole backup is
 * not restored (that would write): it counts as accepted.
 */
async function feedBackup(w: World, bytes: Buffer, damage: string, label: string): Promise<Outcome> {
  const h = w.core.handlers;
  const name = backupName();
  const file = path.join(w.dir, 'backups', name);
  await fs.writeFile(file, bytes);
  let result: string;
  let reason = 'accepted';
  try {
    const valid = await readBackup(bytes).then(
      () => true,
      (error) => {
        reason = refusal('backups', error, `${label}: readBackup`);
        return false;
      },
    );
    const list = await h['backups.list']();
    const listed = list.backups.some((b) => b.id === name);
    const unreadable = list.unreadable.includes(file);
    expect(listed !== unreadable, `${label}: listed either as a backup or as unreadable`).toBe(true);
    if (valid) {
      expect(listed, `${label}: a file that reads whole is listed`).toBe(true);
      result = 'accepted';
    } else if (unreadable) {
      try {
        await h['backups.restore']({ id: name });
        throw new Error(`${label}: an unreadable backup was restored`);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'not_found') {
          throw new Error(`${label}: restoring an unreadable backup answered ${String(error)}`, { cause: error });
        }
      }
      result = 'unreadable';
    } else {
      try {
        await h['backups.restore']({ id: name });
        throw new Error(`${label}: a damaged backup was restored`);
      } catch (error) {
        result = `refused:${refusal('backups', error, `${label} (${bytes.length} bytes)`)}`;
        expect(result, `${label}: the restore refuses it as reading it does`).toBe(`refused:${reason}`);
      }
    }
  } finally {
    await fs.rm(file, { force: true });
  }
  count('backups', damage, result);
  return { result, reason };
}

const feed = (kind: Kind) => (kind === 'handover' ? feedHandover : feedBackup);

// ---------------------------------------------------------------------------
// Zips made by hand: any name, flag, size or count
// ---------------------------------------------------------------------------

interface RawEntry {
  name: string | Buffer;
  data: Buffer;
  /** 0 stored, 8 deflated. */
  method?: 0 | 8;
  /** The bytes as they lie in the zip; the data stored or deflated when not given. */
  raw?: Buffer;
  /** What the headers declare; the truth when not given. */
  uncompressedSize?: number;
  flags?: number;
  crc?: number;
}

function rawZip(entries: readonly RawEntry[], declaredCount = entries.length): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const method = e.method ?? 0;
    const raw = e.raw ?? (method === 8 ? zlib.deflateRawSync(e.data) : e.data);
    const crc = e.crc ?? zlib.crc32(e.data);
    const size = e.uncompressedSize ?? e.data.length;
    const flags = (e.flags ?? 0) | 0x800; // names in UTF-8
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1 January 1980
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(raw.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(raw.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, raw);
    central.push(header, name);
    offset += local.length + name.length + raw.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(declaredCount, 0xffff), 8);
  end.writeUInt16LE(Math.min(declaredCount, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** A raw deflate stream of `mb` MiB of zeros, about 1 KiB per MiB: a megabyte block repeated. */
function deflatedZeros(mb: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array.from({ length: mb }, () => block), zlib.deflateRawSync(Buffer.alloc(0))]);
}

/** The entries of a valid file, by name, in order. */
async function entriesOf(bytes: Buffer): Promise<Map<string, Buffer>> {
  return readZip(bytes, { ...HANDOVER_RULES, maxEntries: 1e6, allowed: () => true });
}

/** The valid file with some entries changed (undefined removes one), written as the app writes zips. */
async function rebuilt(
  entries: ReadonlyMap<string, Buffer>,
  change: Record<string, Buffer | string | undefined>,
): Promise<Buffer> {
  const out = new Map<string, Buffer | string>(entries);
  for (const [name, data] of Object.entries(change)) {
    if (data === undefined) out.delete(name);
    else out.set(name, data);
  }
  return writeZip(
    [...out].map(([name, data]) => ({ name, data })),
    new Date('2026-11-21T09:00:00Z'),
  );
}

/** A store document's JSON with `edit` applied to its data. */
function editDoc(bytes: Buffer | undefined, edit: (data: Record<string, unknown>) => void): string {
  const doc = JSON.parse(bytes?.toString('utf8') ?? '{}') as { data: Record<string, unknown> };
  edit(doc.data);
  return JSON.stringify(doc);
}

function editJson(bytes: Buffer | undefined, edit: (value: Record<string, unknown>) => void): string {
  const value = JSON.parse(bytes?.toString('utf8') ?? '{}') as Record<string, unknown>;
  edit(value);
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------
// Crafted files
// ---------------------------------------------------------------------------

interface Crafted {
  damage: string;
  label: string;
  bytes: Buffer;
  /** The reasons it may be refused for; `accepted` where a file may rightly be taken. */
  reasons: string[];
}

const UNSAFE = ['unsafePath'];
const BOMB = ['zipBomb'];
const INVALID = ['invalidData'];

/** A photo entry name of the right form for bytes that are not that photo. */
const fakePhoto = (n: number) => `photos/${n.toString(16).padStart(32, '0')}.png`;

async function craftedFiles(kind: Kind, w: World): Promise<Crafted[]> {
  const valid = kind === 'handover' ? w.handover : w.backup;
  const entries = await entriesOf(valid);
  const other = await entriesOf(kind === 'handover' ? w.backup : w.handover);
  const names =
    kind === 'handover'
      ? { forum: 'forum.json', registrations: 'registrations.json', directory: 'directory.json' }
      : {
          forum: `forums/${w.forumId}.json`,
          registrations: `forums/${w.forumId}.registrations.json`,
          directory: 'directory.json',
        };
  const notOurs = kind === 'handover' ? 'notHandover' : 'notBackup';
  const photo = [...entries.keys()].find((n) => n.startsWith('photos/'));
  if (!photo) throw new Error('the valid file has a photo');
  const raw = (list: RawEntry[], count?: number) => rawZip(list, count);
  const validRaw = (): RawEntry[] => [...entries].map(([name, data]) => ({ name, data, method: 8 as const }));
  const out: Crafted[] = [];
  const add = (damage: string, label: string, bytes: Buffer, reasons: string[]) =>
    out.push({ damage, label, bytes, reasons });
  const doc = (name: string) => entries.get(name);

  // Names that climb out of their folder, are absolute, or hide a NUL; first in the file, so read first.
  for (const name of [
    '../evil.json',
    '../../../../tmp/evil.json',
    '/etc/passwd',
    'C:\\x',
    'C:/Windows/x.json',
    '\\\\server\\share\\x.json',
    'photos/../../settings.json',
    'photos\\..\\..\\settings.json',
    '..\\evil.json',
    'forums/../../evil.json',
  ]) {
    add('zip slip', JSON.stringify(name), raw([{ name, data: Buffer.from('{}') }, ...validRaw()]), UNSAFE);
  }
  for (const name of ['manifest.json\u0000.txt', '\u0000', 'photos/\u0000.png', `${names.forum}\u0000`]) {
    const label = JSON.stringify(name);
    add('zip slip', label, raw([{ name, data: Buffer.from('{}') }, ...validRaw()]), [...UNSAFE, 'unexpectedEntry']);
  }
  // Names only a hand-made zip has: an empty name, a directory entry, a name that is not UTF-8.
  for (const name of ['', 'photos/', Buffer.from([0xff, 0xfe, 0x2e, 0x2e])]) {
    const label = JSON.stringify(name.toString());
    add('odd name', label, raw([{ name, data: Buffer.alloc(0) }, ...validRaw()]), [...UNSAFE, 'unexpectedEntry']);
  }

  // Bombs: hundreds of MB of zeros in about 300 KB.
  const zeros = deflatedZeros(300);
  const bombName = names.directory;
  add(
    'zip bomb',
    'a 300 MB entry whose headers say 1 KB',
    raw([{ name: bombName, data: Buffer.alloc(0), method: 8, raw: zeros, uncompressedSize: 1024, crc: 0 }]),
    BOMB,
  );
  add(
    'zip bomb',
    'the same after a valid manifest',
    raw([
      ...validRaw().filter((e) => e.name === 'manifest.json'),
      { name: bombName, data: Buffer.alloc(0), method: 8, raw: zeros, uncompressedSize: 1024, crc: 0 },
    ]),
    BOMB,
  );
  add(
    'zip bomb',
    'a 300 MB entry, honestly declared (beyond the cap of one entry for a handover)',
    raw([{ name: bombName, data: Buffer.alloc(0), method: 8, raw: zeros, uncompressedSize: 300 * 2 ** 20, crc: 0 }]),
    BOMB,
  );
  add(
    'zip bomb',
    'an entry declared 1 GB',
    raw([{ name: bombName, data: Buffer.alloc(0), method: 8, raw: zeros, uncompressedSize: 2 ** 30, crc: 0 }]),
    BOMB,
  );
  add(
    'zip bomb',
    'three 300 MB photos, each under the caps of one entry for a backup, together over them',
    raw(
      [1, 2, 3].map((n) => ({
        name: fakePhoto(n),
        data: Buffer.alloc(0),
        method: 8 as const,
        raw: zeros,
        uncompressedSize: 300 * 2 ** 20,
        crc: 0,
      })),
    ),
    BOMB,
  );
  add(
    'zip bomb',
    'a stored entry longer than its headers say',
    raw([{ name: bombName, data: Buffer.alloc(4096, 0x20), uncompressedSize: 16 }]),
    [...BOMB, 'notZip'],
  );

  // Entry counts.
  const limit = kind === 'handover' ? 5_000 : 20_000;
  add(
    'too many entries',
    `${limit + 1} small photos`,
    raw(Array.from({ length: limit + 1 }, (_, n) => ({ name: fakePhoto(n), data: Buffer.from([n & 0xff]) }))),
    ['tooManyEntries'],
  );
  add('too many entries', 'an end record claiming 65,535 entries', raw(validRaw(), 0xffff), ['tooManyEntries']);
  add('too many entries', 'an end record claiming more entries than it has', raw(validRaw(), entries.size + 1), [
    'notZip',
  ]);

  // The same name twice, the second one different.
  add(
    'duplicate name',
    'manifest.json twice',
    raw([...validRaw(), { name: 'manifest.json', data: Buffer.from('{}') }]),
    ['duplicateEntry'],
  );
  add(
    'duplicate name',
    `${names.forum} twice`,
    raw([...validRaw(), { name: names.forum, data: doc(names.forum) ?? Buffer.alloc(0), method: 8 }]),
    ['duplicateEntry'],
  );
  add(
    'duplicate name',
    'a photo twice',
    raw([...validRaw(), { name: photo, data: Buffer.from(PNG_BASE64, 'base64') }]),
    ['duplicateEntry'],
  );

  // Encryption: the traditional flag on a document or the manifest, and "strong" encryption.
  for (const name of [names.forum, 'manifest.json']) {
    add(
      'encrypted',
      `${name} flagged encrypted`,
      raw(validRaw().map((e) => (e.name === name ? { ...e, flags: 0x1 } : e))),
      ['encrypted'],
    );
  }
  add(
    'encrypted',
    `${names.forum} flagged with strong encryption`,
    raw(validRaw().map((e) => (e.name === names.forum ? { ...e, flags: 0x41 } : e))),
    ['encrypted', 'notZip'],
  );
  add(
    'encrypted',
    'a stored photo flagged encrypted',
    raw(validRaw().map((e) => (e.name === photo ? { ...e, method: 0 as const, flags: 0x1 } : e))),
    ['encrypted', 'notZip', 'zipBomb'],
  );

  // Whose file is it?
  add('no manifest', 'no manifest.json', await rebuilt(entries, { 'manifest.json': undefined }), [notOurs]);
  // A backup whose manifest (what the list shows) names a forum, people and a photo that its files lack:
  // restoring it would delete the forum it promises.
  add(
    'missing part',
    'only a manifest',
    await rebuilt(new Map([['manifest.json', doc('manifest.json') as Buffer]]), {}),
    ['missingPart'],
  );
  add(
    'another format',
    `the ${kind === 'handover' ? 'backup' : 'handover'} manifest`,
    await rebuilt(entries, { 'manifest.json': other.get('manifest.json') }),
    [notOurs],
  );
  add(
    'another format',
    `a ${kind === 'handover' ? 'backup' : 'handover file'} whole`,
    kind === 'handover' ? w.backup : w.handover,
    ['unexpectedEntry'],
  );
  for (const [label, manifest] of [
    ['a manifest that is not JSON', '{"format":"multaqa-'],
    ['a manifest that is JSON null', 'null'],
    ['a manifest that is a number', '42'],
    ['a manifest of another program', JSON.stringify({ format: 'other-app', formatVersion: 1 })],
    [
      'a manifest with its format only',
      JSON.stringify({ format: kind === 'handover' ? 'multaqa-forum' : 'multaqa-backup' }),
    ],
    [
      'a manifest with a version in text',
      editJson(doc('manifest.json'), (m) => {
        m.formatVersion = '1';
      }),
    ],
    [
      'a manifest with version 0',
      editJson(doc('manifest.json'), (m) => {
        m.formatVersion = 0;
      }),
    ],
    [
      'a manifest with a bad date',
      editJson(doc('manifest.json'), (m) => {
        m[kind === 'handover' ? 'exportedAt' : 'createdAt'] = 'yesterday';
      }),
    ],
  ] as const) {
    add('another format', label, await rebuilt(entries, { 'manifest.json': manifest }), [notOurs]);
  }
  if (kind === 'backups') {
    const manifest = editJson(doc('manifest.json'), (m) => {
      m.reason = 'whim';
    });
    add(
      'another format',
      'a manifest with a reason no version has',
      await rebuilt(entries, { 'manifest.json': manifest }),
      [notOurs],
    );
  }

  // Newer than this version.
  add(
    'newer version',
    `manifest formatVersion ${BACKUP_FORMAT_VERSION + 1}`,
    await rebuilt(entries, {
      'manifest.json': editJson(doc('manifest.json'), (m) => {
        m.formatVersion = BACKUP_FORMAT_VERSION + 1;
      }),
    }),
    ['newerVersion'],
  );
  add(
    'newer version',
    `${names.forum} schemaVersion 99`,
    await rebuilt(entries, {
      [names.forum]: editJson(doc(names.forum), (d) => {
        d.schemaVersion = 99;
      }),
    }),
    ['newerVersion'],
  );

  // Documents that are not JSON, or not a store document.
  for (const name of [
    names.forum,
    names.registrations,
    names.directory,
    ...(kind === 'backups' ? ['settings.json'] : []),
  ]) {
    for (const [label, text] of [
      ['cut short', (doc(name) ?? Buffer.alloc(0)).toString('utf8').slice(0, 40)],
      ['empty', ''],
      ['not a document', '[1,2,3]'],
      ['without schemaVersion', JSON.stringify({ data: {} })],
      ['schemaVersion 0', JSON.stringify({ schemaVersion: 0, data: {} })],
      ['NUL bytes', '\u0000'.repeat(64)],
    ] as const) {
      add('invalid JSON', `${name} ${label}`, await rebuilt(entries, { [name]: text }), INVALID);
    }
  }
  add('missing part', `no ${names.forum}`, await rebuilt(entries, { [names.forum]: undefined }), ['missingPart']);

  // Schema-invalid data.
  const forumEdits: [string, (d: Record<string, unknown>) => void][] = [
    [
      'a forum ending before it starts',
      (d) => {
        (d.forum as Record<string, unknown>).lastDay = '2026-01-01';
      },
    ],
    ['a forum without a title', (d) => void Object.assign(d.forum as object, { titleAr: '', titleEn: '' })],
    [
      'a forum id that is not a UUID',
      (d) => {
        (d.forum as Record<string, unknown>).id = '../../settings';
      },
    ],
    [
      'a forum on 31 February',
      (d) => {
        (d.forum as Record<string, unknown>).firstDay = '2026-02-31';
      },
    ],
    [
      'a session ending past two days',
      (d) => {
        sessionOf(d).end = 5000;
      },
    ],
    [
      'a session starting at minus one',
      (d) => {
        sessionOf(d).start = -1;
      },
    ],
    [
      'a session with a chair id that is a path',
      (d) => {
        sessionOf(d).chairId = '../people';
      },
    ],
    [
      'a session of an unknown kind',
      (d) => {
        sessionOf(d).kind = 'party';
      },
    ],
    [
      'a programme that is a string',
      (d) => {
        d.programme = 'none';
      },
    ],
    [
      '2,001 sessions',
      (d) => {
        (d.programme as { sessions: unknown[] }).sessions = Array(2001).fill(sessionOf(d));
      },
    ],
  ];
  for (const [label, edit] of forumEdits) {
    add('schema-invalid', label, await rebuilt(entries, { [names.forum]: editDoc(doc(names.forum), edit) }), INVALID);
  }
  const registrationEdits: [string, (d: Record<string, unknown>) => void][] = [
    [
      'a badge code with letters',
      (d) => {
        registrationOf(d).code = 'AB12';
      },
    ],
    [
      'a badge code of 13 digits',
      (d) => {
        registrationOf(d).code = '1234567890123';
      },
    ],
    [
      'a registrant of an unknown category',
      (d) => {
        registrationOf(d).category = 'royalty';
      },
    ],
    [
      'a registrant without an id',
      (d) => {
        delete registrationOf(d).id;
      },
    ],
    [
      'a registrant checked in on no date',
      (d) => {
        registrationOf(d).checkedInAt = 'now';
      },
    ],
    [
      'nextCode 0',
      (d) => {
        d.nextCode = 0;
      },
    ],
    [
      'nextCode 1.5',
      (d) => {
        d.nextCode = 1.5;
      },
    ],
    [
      'registrations that are an object',
      (d) => {
        d.registrations = {};
      },
    ],
  ];
  for (const [label, edit] of registrationEdits) {
    const text = editDoc(doc(names.registrations), edit);
    add('schema-invalid', label, await rebuilt(entries, { [names.registrations]: text }), INVALID);
  }
  const directoryEdits: [string, (d: Record<string, unknown>) => void][] = [
    ['a person without a name', (d) => void Object.assign(personOf(d), { nameAr: '', nameEn: '' })],
    [
      'a person with a bad e-mail',
      (d) => {
        personOf(d).email = 'not an e-mail';
      },
    ],
    [
      'a person whose photo is a path',
      (d) => {
        personOf(d).photo = 'x'.repeat(101);
      },
    ],
    [
      'people that are null',
      (d) => {
        d.people = null;
      },
    ],
  ];
  for (const [label, edit] of directoryEdits) {
    const text = editDoc(doc(names.directory), edit);
    add('schema-invalid', label, await rebuilt(entries, { [names.directory]: text }), INVALID);
  }
  // Unknown fields: the schemas strip them (a later version's additions read as this one's data).
  add(
    'unknown fields',
    'unknown fields in the forum, a session, a registrant and a person',
    await rebuilt(entries, {
      [names.forum]: editDoc(doc(names.forum), (d) => {
        Object.assign(d.forum as object, { secret: 'x' });
        Object.assign(sessionOf(d), { __proto__x: 1 });
        d.extra = [1, 2, 3];
      }),
      [names.registrations]: editDoc(
        doc(names.registrations),
        (d) => void Object.assign(registrationOf(d), { rank: 1 }),
      ),
      [names.directory]: editDoc(doc(names.directory), (d) => void Object.assign(personOf(d), { salary: 1 })),
    }),
    [...INVALID, 'accepted'],
  );
  add(
    'unknown fields',
    'a "__proto__" key in the forum',
    await rebuilt(entries, {
      [names.forum]: (doc(names.forum) ?? Buffer.alloc(0))
        .toString('utf8')
        .replace('"forum":{', '"forum":{"__proto__":{"polluted":true},'),
    }),
    [...INVALID, 'accepted'],
  );

  // Photos.
  add(
    'photo mismatch',
    'another PNG under the photo’s name',
    await rebuilt(entries, { [photo]: Buffer.concat([Buffer.from(PNG_BASE64, 'base64'), Buffer.from([0])]) }),
    INVALID,
  );
  add('photo mismatch', 'text under the photo’s name', await rebuilt(entries, { [photo]: 'not a picture' }), INVALID);
  add(
    'photo mismatch',
    'the photo as .jpg',
    await rebuilt(new Map([...entries].map(([n, d]) => [n === photo ? photo.replace('.png', '.jpg') : n, d])), {}),
    INVALID,
  );
  add('photo mismatch', 'an empty photo', await rebuilt(entries, { [photo]: Buffer.alloc(0) }), INVALID);
  add(
    'photo mismatch',
    'a photo over 400 KB named by its hash',
    await rebuilt(entries, { [bigPhotoName()]: bigPhoto() }),
    INVALID,
  );

  // A document whose bytes no longer match the CRC-32 its headers give: a month on a USB stick, a bad sector.
  for (const [name, from, to] of [
    [names.forum, '"capacity":300', '"capacity":900'],
    [names.registrations, '"code":"10001"', '"code":"10007"'],
  ] as const) {
    const data = doc(name) ?? Buffer.alloc(0);
    const altered = Buffer.from(data.toString('utf8').replace(from, to));
    if (altered.equals(data)) throw new Error(`${name} holds ${from}`);
    const crc = zlib.crc32(data);
    const list = validRaw().map((e) => (e.name === name ? { ...e, data: altered, crc } : e));
    add('CRC mismatch', `${name} altered after its CRC-32 was written (deflated)`, raw(list), [
      'notZip',
      'invalidData',
    ]);
    const stored = validRaw().map((e) => (e.name === name ? { ...e, method: 0 as const, data: altered, crc } : e));
    add('CRC mismatch', `${name} altered after its CRC-32 was written (stored)`, raw(stored), [
      'notZip',
      'invalidData',
    ]);
  }

  // Well-formed records that do not hold together: a programme naming a person the file's directory
  // lacks, two sessions or people under one id, two registrants with one badge code.
  const chair = sessionOf(JSON.parse(doc(names.forum)?.toString('utf8') ?? '{}').data).chairId;
  for (const [label, change] of [
    [
      'the chair missing from directory.json',
      {
        [names.directory]: editDoc(doc(names.directory), (d) => {
          d.people = (d.people as Doc[]).filter((p) => p.id !== chair);
        }),
      },
    ],
    [
      'two sessions with one id',
      {
        [names.forum]: editDoc(
          doc(names.forum),
          (d) => void (d.programme as { sessions: Doc[] }).sessions.push(sessionOf(d)),
        ),
      },
    ],
    [
      'two people with one id',
      {
        [names.directory]: editDoc(
          doc(names.directory),
          (d) => void (d.people as Doc[]).push({ ...personOf(d), email: '' }),
        ),
      },
    ],
    [
      'two registrants with one badge code',
      {
        [names.registrations]: editDoc(doc(names.registrations), (d) => {
          const [a, b] = d.registrations as Doc[];
          if (a && b) b.code = a.code;
        }),
      },
    ],
    [
      'two registrants with one id',
      {
        [names.registrations]: editDoc(doc(names.registrations), (d) => {
          const [a, b] = d.registrations as Doc[];
          if (a && b) b.id = a.id;
        }),
      },
    ],
  ] as const) {
    // A chair the file's directory lacks is tolerated (the programme shows no name); duplicates are not:
    // they go into the store as they are, and a badge code then finds two registrants.
    const reasons = label.startsWith('two ') ? INVALID : [...INVALID, 'accepted'];
    add('inconsistent records', label, await rebuilt(entries, change), reasons);
  }

  // Which forum?
  if (kind === 'handover') {
    const otherId = '7d1f8a2e-0c4b-4e2a-9a51-3c1f5d2b8e10';
    add(
      'another forum',
      'a manifest naming another forum than forum.json',
      await rebuilt(entries, {
        'manifest.json': editJson(doc('manifest.json'), (m) => {
          (m.forum as Record<string, unknown>).id = otherId;
        }),
      }),
      INVALID,
    );
  } else {
    const otherId = '7d1f8a2e-0c4b-4e2a-9a51-3c1f5d2b8e10';
    const renamed = new Map(
      [...entries].map(([n, d]) => [n === names.forum ? `forums/${otherId}.json` : n, d] as const),
    );
    add('another forum', 'a forum file named for another forum', await rebuilt(renamed, {}), INVALID);
  }
  return out;
}

type Doc = Record<string, unknown>;
const sessionOf = (d: Doc) => ((d.programme as { sessions: Doc[] }).sessions[0] ?? {}) as Doc;
const registrationOf = (d: Doc) => ((d.registrations as Doc[])[0] ?? {}) as Doc;
const personOf = (d: Doc) => ((d.people as Doc[])[0] ?? {}) as Doc;

/** A PNG of 410 KB (a valid signature and padding) and the name the store would give it. */
function bigPhoto(): Buffer {
  return Buffer.concat([Buffer.from(PNG_BASE64, 'base64'), Buffer.alloc(410 * 1024)]);
}
function bigPhotoName(): string {
  return `photos/${createHash('sha256').update(bigPhoto()).digest('hex').slice(0, 32)}.png`;
}

// ---------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------

/** A data folder with a forum (a photo, three registrants), a backup and a handover file of it. */
async function openWorld(): Promise<World> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-malformed-'));
  const core = await openAt(dir);
  const { forumId } = await seedForum(core.handlers);
  const handover = Buffer.from((await handoverFile(core.handlers, forumId)).base64, 'base64');
  const summary = await core.handlers['backups.create']();
  const backup = await fs.readFile(path.join(summary.folder, summary.id));
  return { dir, core, handover, backup, forumId, before: await snapshot(dir) };
}

/** Runs `body`, then checks the data folder is byte for byte as it was (even when `body` failed). */
async function unchanged(w: World, body: () => Promise<void>): Promise<void> {
  let failure: unknown = null;
  try {
    await body();
  } catch (error) {
    failure = error;
  }
  expect.soft(await snapshot(w.dir), 'the data folder after the malformed files').toEqual(w.before);
  if (failure) throw failure;
}

const DAMAGES = [
  'zip slip',
  'odd name',
  'zip bomb',
  'too many entries',
  'duplicate name',
  'encrypted',
  'no manifest',
  'another format',
  'newer version',
  'invalid JSON',
  'missing part',
  'schema-invalid',
  'unknown fields',
  'photo mismatch',
  'another forum',
  'CRC mismatch',
  'inconsistent records',
] as const;

describe('malformed handover and backup files', () => {
  afterAll(() => {
    const line = (kind: Kind) => {
      let total = 0;
      const parts = [...taken[kind]].map(([damage, results]) => {
        const n = [...results.values()].reduce((a, b) => a + b, 0);
        total += n;
        const accepted = results.get('accepted');
        const changed = damage === 'bit flip' ? takenChanged[kind].length : 0;
        const note = changed ? `, ${changed} of them reading otherwise` : '';
        return `${damage} ${n}${accepted ? ` (${accepted} taken${note})` : ''}`;
      });
      const reasons = new Map<string, number>();
      for (const results of taken[kind].values()) {
        for (const [result, n] of results) reasons.set(result, (reasons.get(result) ?? 0) + n);
      }
      const outcomes = [...reasons].map(([r, n]) => `${r} ${n}`).join(', ');
      return `${kind} ${total} files: ${parts.join(', ')}; outcomes: ${outcomes}`;
    };
    console.log(`malformed files: ${line('handover')} | ${line('backups')}`);
  });

  for (const kind of ['handover', 'backups'] as const) {
    describe(kind, () => {
      let w: World;
      let crafted: Crafted[] = [];
      const valid = () => (kind === 'handover' ? w.handover : w.backup);

      beforeAll(async () => {
        w = await openWorld();
        crafted = await craftedFiles(kind, w);
      });
      afterAll(async () => {
        await w?.core.close();
        if (w) await fs.rm(w.dir, { recursive: true, force: true });
      });

      it('takes the valid file (the baseline the damage starts from)', async () => {
        await unchanged(w, async () => {
          expect((await feed(kind)(w, valid(), 'valid', 'valid')).result).toBe('accepted');
          // Rebuilt by hand from its own entries, it is still valid: the hand-made zips differ only where meant.
          const entries = await entriesOf(valid());
          const raw = rawZip([...entries].map(([name, data]) => ({ name, data, method: 8 })));
          expect((await feed(kind)(w, raw, 'valid', 'valid, hand-made')).result).toBe('accepted');
        });
      });

      it('refuses an empty file, random bytes and office documents', async () => {
        await unchanged(w, async () => {
          expect((await feed(kind)(w, Buffer.alloc(0), 'empty', 'empty')).reason).toBe('notZip');
          await fc.assert(
            fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 4096 }), fc.boolean(), async (bytes, pk) => {
              // Half of them start as a zip does, so the reader gets past its first look.
              const data = Buffer.from(bytes);
              if (pk) data.write('PK\u0003\u0004', 0, 'latin1');
              const outcome = await feed(kind)(w, data, 'random bytes', 'random bytes');
              expect(outcome.result).toMatch(/^refused:|^unreadable$/);
            }),
            { numRuns: RUNS.random },
          );
          const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('ملتقى')] }] }));
          const workbook = new ExcelJS.Workbook();
          workbook.addWorksheet('المسجلون').addRow(['الاسم', 'سالم']);
          const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
          for (const [label, bytes] of [
            ['a .docx renamed', docx],
            ['an .xlsx renamed', xlsx],
          ] as const) {
            expect((await feed(kind)(w, bytes, 'office document', label)).result).toMatch(/^refused:|^unreadable$/);
          }
        });
      });

      it.each(DAMAGES)('refuses crafted files: %s', async (damage) => {
        await unchanged(w, async () => {
          const cases = crafted.filter((c) => c.damage === damage);
          expect(cases.length).toBeGreaterThan(0);
          const wrong: string[] = [];
          for (const c of cases) {
            const outcome = await feed(kind)(w, c.bytes, c.damage, `${c.damage}: ${c.label}`);
            if (!c.reasons.includes(outcome.reason)) {
              wrong.push(`${c.label} → ${outcome.result} (${outcome.reason}), expected ${c.reasons.join(' or ')}`);
            }
          }
          expect(wrong).toEqual([]);
        });
      });

      it('refuses the valid file truncated anywhere', async () => {
        await unchanged(w, async () => {
          const bytes = valid();
          const cuts = new Set<number>();
          const step = Math.max(1, Math.floor(bytes.length / RUNS.truncations));
          for (let at = 0; at < bytes.length; at += step) cuts.add(at);
          // Densely in the last bytes: the central directory and its end record.
          for (let at = Math.max(0, bytes.length - 120); at < bytes.length; at++) cuts.add(at);
          for (const at of cuts) {
            const outcome = await feed(kind)(w, bytes.subarray(0, at), 'truncated', `truncated at ${at}`);
            expect(outcome.result, `truncated at ${at} of ${bytes.length}`).toMatch(/^refused:|^unreadable$/);
          }
        });
      });

      it('refuses bit flips, or takes the file only when it still reads the same', async () => {
        await unchanged(w, async () => {
          const bytes = valid();
          const read = kind === 'handover' ? readHandover : readBackup;
          const original = JSON.stringify(await read(bytes), replacer);
          await fc.assert(
            fc.asyncProperty(fc.nat(bytes.length * 8 - 1), async (bit) => {
              const flipped = Buffer.from(bytes);
              flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7));
              const outcome = await feed(kind)(w, flipped, 'bit flip', `bit ${bit} flipped`);
              if (outcome.result === 'accepted') {
                // A flip in a header's time or attributes is harmless. One in a document's bytes that still
                // inflates and validates is taken as the truth: the zip's CRC-32 is there to catch it.
                const now = JSON.stringify(await read(flipped), replacer);
                if (now !== original) takenChanged[kind].push(bit >> 3);
              }
            }),
            { numRuns: RUNS.bitFlips },
          );
          expect(takenChanged[kind], 'bytes whose flip was taken with other content than the file had').toEqual([]);
        });
      });

      if (kind === 'handover') {
        it('refuses a file over HANDOVER_MAX_BYTES, and reads one of exactly that size', async () => {
          await unchanged(w, async () => {
            // A sound zip: the valid entries and a stored entry that takes it past the cap.
            const entries = [...(await entriesOf(valid()))].map(([name, data]) => ({ name, data, method: 8 as const }));
            const big = rawZip([...entries, { name: fakePhoto(1), data: Buffer.alloc(HANDOVER_MAX_BYTES) }]);
            expect(big.length).toBeGreaterThan(HANDOVER_MAX_BYTES);
            expect((await feed(kind)(w, big, 'too large', 'over HANDOVER_MAX_BYTES')).reason).toBe('tooLarge');
            // At the cap itself the size is no reason: zeros are refused for what they are.
            await expect(readHandover(Buffer.alloc(HANDOVER_MAX_BYTES))).rejects.toMatchObject({
              code: 'import_refused',
              issues: [{ message: 'handover.refused.notZip' }],
            });
          });
        }, 60_000);
      }
    });
  }
});

/** JSON of a decoded file, with its Maps and Buffers. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value];
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer') {
    return createHash('sha256')
      .update(Buffer.from((value as { data: number[] }).data))
      .digest('hex');
  }
  return value;
}
