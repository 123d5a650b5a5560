import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { writeAttendeeLists } from '../src/core/export/attendee-lists';
import { categoryName } from '../src/core/export/document-words';
import { ExportProgress } from '../src/core/export/export-progress';
import { type AttendeeListExport, DEFAULT_EXPORT_OPTIONS } from '../src/shared/domain/export';
import { emptyForumInput, type Forum } from '../src/shared/domain/forum';
import { PROFESSIONAL_TITLES } from '../src/shared/domain/person';
import { EMPTY_PROGRAMME } from '../src/shared/domain/programme';
import { REGISTRATION_CATEGORIES, type Registration } from '../src/shared/domain/registration';
import { DEFAULT_SETTINGS } from '../src/shared/domain/settings';
import { protocolName } from '../src/shared/people/protocol-name';
import { sortRegistrations } from '../src/shared/registrations/registration-index';
import { measureAsync, report } from './measure';
import { existingRegistrations, registrantRow } from './registrant-data';

/**
 * The target: the attendee list of 20,000 registrants (one sheet, the
 * default columns) at most 1.2× a bare exceljs streaming write of the same
 * rows, measured here: the same cell values, already made, written with
 * `stream.xlsx.WorkbookWriter`'s defaults (no styles) into memory. The two
 * take turns, 11 rounds after a warm-up, each write on a freshly collected
 * heap; medians compared. A second figure, without a target: the default
 * export (a sheet per category, the summary, the sign-in sheet with 20
 * walk-in rows) of the same 20,000.
 */

const COUNT = 20_000;
const at = '2026-11-01T08:00:00.000Z';
const registrations: Registration[] = existingRegistrations(COUNT).map((r, i) => ({
  ...r,
  title: PROFESSIONAL_TITLES[i % PROFESSIONAL_TITLES.length] ?? 'none',
  gender: i % 3 === 0 ? 'female' : 'male',
  position: registrantRow(i)[3] ?? '',
  category: REGISTRATION_CATEGORIES[i % 7 === 0 ? i % REGISTRATION_CATEGORIES.length : 3] ?? 'participant',
}));
const forum: Forum = {
  ...emptyForumInput('2026-12-04'),
  titleAr: 'الملتقى الثالث للتخطيط الحضري والخدمات البلدية',
  id: '00000000-0000-4000-8000-000000000001',
  createdAt: at,
  updatedAt: at,
};

const listOptions: AttendeeListExport = {
  ...DEFAULT_EXPORT_OPTIONS.attendees,
  grouping: 'none',
  summary: false,
  signInSheet: false,
};

function write(options: AttendeeListExport): Promise<Buffer> {
  return writeAttendeeLists({
    forum,
    programme: EMPTY_PROGRAMME,
    directory: { organisations: [], people: [] },
    registrations,
    options,
    settings: DEFAULT_SETTINGS,
    fonts: { name: 'Arial', embedded: null },
    progress: new ExportProgress(),
    now: new Date(at),
    photo: async () => null,
    appVersion: 'bench',
  });
}

// The rows the list holds, made once: the baseline only writes them.
const header = ['م', 'الاسم', 'المنصب', 'الجهة', 'الفئة', 'الجوال', 'البريد الإلكتروني'];
const rows = sortRegistrations(registrations, 'name').map((r, i) => [
  i + 1,
  protocolName({ ...r, gender: r.gender ?? 'male', nameAr: r.fullName, nameEn: r.fullNameEn }, 'ar'),
  r.position,
  r.organisation,
  categoryName(r.category, 'ar'),
  r.mobile,
  r.email,
]);

async function bareWrite(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream });
  const sheet = workbook.addWorksheet('قائمة المشاركين');
  sheet.addRow(header).commit();
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

const [ours, bare] = [await write(listOptions), await bareWrite()];
console.log(
  `${COUNT} registrants, ${listOptions.columns.length} columns: ` +
    `${(ours.length / 1024).toFixed(0)} KB written, ${(bare.length / 1024).toFixed(0)} KB bare`,
);

// Taking turns, so that the machine's mood weighs on both alike. Each write starts on a collected heap
// (the bench runs with --expose-gc), so that neither pays for the other's garbage.
const collect = async () => (globalThis as { gc?: () => void }).gc?.();
const ROUNDS = 11;
const bareTimes: number[] = [];
const listTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const warmup = round === 0 ? 1 : 0;
  bareTimes.push((await measureAsync(bareWrite, 1, warmup, collect)).median);
  listTimes.push((await measureAsync(() => write(listOptions), 1, warmup, collect)).median);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const baseline = { median: median(bareTimes), p95: Math.max(...bareTimes) };
const list = { median: median(listTimes), p95: Math.max(...listTimes) };
report('baseline: bare exceljs streaming write (20k)', baseline);
report('attendee list (20k, one sheet)', list, baseline);
const ratio = list.median / baseline.median;
// The ratio of each round's pair: how far the machine's mood moved the figure.
const rounds = listTimes.map((t, i) => t / (bareTimes[i] ?? t));
console.log(
  `target: at most 1.2× the bare write — ${ratio <= 1.2 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×; ` +
    `rounds ${Math.min(...rounds).toFixed(2)}–${Math.max(...rounds).toFixed(2)}×)`,
);

const full = await measureAsync(() => write(DEFAULT_EXPORT_OPTIONS.attendees), 5, 1, collect);
report('by category + summary + sign-in (20k, 40k rows)', full, baseline);
