import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { writeAttendeeLists } from '../../../../src/core/export/attendee-lists';
import { ExportCancelled, ExportProgress } from '../../../../src/core/export/export-progress';
import { uniqueSheetName } from '../../../../src/core/export/xlsx-kit';
import { type AttendeeListExport, DEFAULT_EXPORT_OPTIONS } from '../../../../src/shared/domain/export';
import { CATEGORY_COLOURS, type Registration } from '../../../../src/shared/domain/registration';
import { sortRegistrations } from '../../../../src/shared/registrations/registration-index';
import { DELEGATION, seedForum, seedInput, seedRegistrations } from './seed-002-input';

// Check-in times print in the computer's time zone: the forum's own, here.
process.env.TZ = 'Asia/Muscat';

type Cell = ExcelJS.CellValue;

function options(overrides: Partial<AttendeeListExport> = {}): AttendeeListExport {
  return { ...DEFAULT_EXPORT_OPTIONS.attendees, ...overrides };
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(bytes).buffer);
  return workbook;
}

async function attendeeLists(overrides: Partial<AttendeeListExport> = {}, registrations?: Registration[]) {
  const input = seedInput(options(overrides));
  return load(await writeAttendeeLists(registrations ? { ...input, registrations } : input));
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  return found;
}

/** The sheet's rows as arrays of values, from column A. */
function rows(worksheet: ExcelJS.Worksheet): Cell[][] {
  const out: Cell[][] = [];
  // columnCount walks every row: once, not once a row.
  const columns = worksheet.columnCount;
  for (let r = 1; r <= worksheet.rowCount; r++) {
    const row = worksheet.getRow(r);
    out.push(Array.from({ length: columns }, (_, c) => row.getCell(c + 1).value));
  }
  return out;
}

/** A column's values below the header. */
function column(worksheet: ExcelJS.Worksheet, header: string): Cell[] {
  const [head = [], ...body] = rows(worksheet);
  const index = head.indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${head.join(', ')}`);
  return body.map((row) => row[index] ?? null);
}

/** Text without the bidi isolates Arabic sheets wrap Latin runs in. */
const plain = (value: Cell) => (typeof value === 'string' ? value.replace(/[\u2066-\u2069]/g, '') : value);

function findCell(workbook: ExcelJS.Workbook, matches: (value: string) => boolean): ExcelJS.Cell {
  for (const worksheet of workbook.worksheets) {
    const columns = worksheet.columnCount;
    for (let r = 1; r <= worksheet.rowCount; r++) {
      for (let c = 1; c <= columns; c++) {
        const cell = worksheet.getCell(r, c);
        if (typeof cell.value === 'string' && matches(cell.value)) return cell;
      }
    }
  }
  throw new Error('no such cell');
}

const protocolNamesAr = [
  'معالي المهندس محسن بن محمد الشيخ',
  'سعادة الدكتور خالد بن سالم الحسني',
  'المهندسة فاطمة بنت علي البلوشية',
  'السيد كيم مين سو',
];

describe('the attendee lists (seed 002)', () => {
  it('writes Arabic sheets right to left, frozen and printable, in the default grouping by category', async () => {
    const workbook = await attendeeLists();
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'الملخص',
      'كبار الشخصيات',
      'متحدث',
      'عضو وفد',
      'مشارك',
      'إعلام',
      'اللجنة المنظمة',
      'كشف الحضور',
    ]);
    for (const worksheet of workbook.worksheets) {
      const [view] = worksheet.views;
      expect(view?.rightToLeft).toBe(true);
      expect(worksheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(worksheet.headerFooter.oddHeader).toContain(seedForum.titleAr);
      expect(worksheet.headerFooter.oddFooter).toContain('&P / &N');
      if (worksheet.name === 'الملخص') continue;
      expect(view).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(worksheet.pageSetup.printTitlesRow).toBe('1:1');
    }
    // Each category's tab in its badge colour.
    expect(sheet(workbook, 'كبار الشخصيات').properties.tabColor).toEqual({ argb: `FF${CATEGORY_COLOURS.vip}` });
    expect(sheet(workbook, 'إعلام').properties.tabColor).toEqual({ argb: `FF${CATEGORY_COLOURS.media}` });
    // The group's whole name under the title in the page header, held right to left between marks.
    expect(sheet(workbook, 'متحدث').headerFooter.oddHeader).toMatch(/\n\u200Fمتحدث\u200F$/);
  });

  it('names the print titles in the workbook itself (the streaming writer adds them too)', async () => {
    const bytes = await writeAttendeeLists(seedInput(options()));
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')?.async('string');
    // Sheet 0 is the summary, which has no header row to repeat.
    const printTitles = (sheetIndex: number, name: string) =>
      `<definedName name="_xlnm.Print_Titles" localSheetId="${sheetIndex}">&apos;${name}&apos;!$1:$1</definedName>`;
    expect(xml).toContain(printTitles(1, 'كبار الشخصيات'));
    expect(xml).toContain(printTitles(7, 'كشف الحضور'));
    expect(xml).not.toContain('localSheetId="0"');
  });

  it('writes English sheets left to right with English names', async () => {
    const workbook = await attendeeLists({ language: 'en', sessionSheets: true });
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'VIP',
      'Speaker',
      'Delegation member',
      'Participant',
      'Media',
      'Organising staff',
      'Sign-in sheet',
      'Digital municipal services',
      'Smart cities',
    ]);
    for (const worksheet of workbook.worksheets) {
      expect(worksheet.views[0]?.rightToLeft).toBe(false);
      expect(worksheet.headerFooter.oddHeader).toContain(seedForum.titleEn);
    }
    // A sheet of one category leaves the category column out: it would say the tab's name on every row.
    expect(rows(sheet(workbook, 'VIP'))[0]).toEqual(['No.', 'Name', 'Position', 'Organisation', 'Mobile', 'E-mail']);
    expect(column(sheet(workbook, 'VIP'), 'Name')).toEqual(['H.E. Eng. Mohsin Al Sheikh']);
    // The directory's English name, position and organisation where the registration has only Arabic.
    expect(column(sheet(workbook, 'Speaker'), 'Name')).toEqual([
      'Eng. Fatma bint Ali Al Balushi',
      'H.E. Dr. Khalid Al Hosni',
    ]);
    expect(column(sheet(workbook, 'Speaker'), 'Position')).toEqual([
      'Head of Digital Services',
      'Director General of Urban Planning',
    ]);
    expect(column(sheet(workbook, 'Speaker'), 'Organisation')).toEqual(['Sohar Municipality', 'Muscat Municipality']);
    // Without an English name anywhere, the Arabic protocol name whole, never half in English.
    expect(column(sheet(workbook, 'Participant'), 'Name')).toContain('أحمد بن سيف الراشدي');
    for (const name of column(sheet(workbook, 'Participant'), 'Name'))
      expect(String(name)).not.toMatch(/^(Mr|Ms|Eng|Dr)\./);
  });

  it('lists names in protocol form, sorted with Arabic collation, with their words and numbers', async () => {
    const columns = options().columns.concat(['code', 'status', 'delegation', 'checkedInAt']);
    const workbook = await attendeeLists({ grouping: 'none', summary: false, signInSheet: false, columns });
    const list = sheet(workbook, 'قائمة المشاركين');
    expect(rows(list)[0]).toEqual([
      'م',
      'الاسم',
      'المنصب',
      'الجهة',
      'الفئة',
      'الجوال',
      'البريد الإلكتروني',
      'الرمز',
      'الحالة',
      'الوفد',
      'وقت الحضور',
    ]);
    const names = column(list, 'الاسم').map(plain);
    for (const name of protocolNamesAr) expect(names).toContain(name);
    const listed = seedRegistrations.filter((r) => r.status !== 'cancelled');
    const expected = sortRegistrations(listed, 'name').map((r) => r.fullName || r.fullNameEn);
    expect(names.map((name, i) => (name as string).endsWith(expected[i] as string))).not.toContain(false);
    expect(column(list, 'م')).toEqual(listed.map((_, i) => i + 1));
    const byName = (name: string) => {
      const row = rows(list).find((r) => plain(r[1] ?? null) === name) ?? [];
      return Object.fromEntries((rows(list)[0] ?? []).map((h, i) => [String(h), row[i] ?? null]));
    };
    expect(byName('سعادة الدكتور خالد بن سالم الحسني')).toMatchObject({
      الفئة: 'متحدث',
      الحالة: 'حضر',
      الرمز: '10002',
      'وقت الحضور': '2026-12-04 08:55',
      الوفد: null,
    });
    expect(byName('المهندسة فاطمة بنت علي البلوشية')).toMatchObject({ الوفد: 'وفد بلدية صحار' });
    // The cancelled registrant is not listed unless asked for.
    expect(names.some((n) => String(n).includes('سعيد بن علي'))).toBe(false);
    const cancelledToo = await attendeeLists({
      grouping: 'none',
      summary: false,
      signInSheet: false,
      statuses: ['cancelled'],
    });
    expect(column(sheet(cancelledToo, 'قائمة المشاركين'), 'الاسم')).toEqual(['\tسعيد بن علي']);
  });

  it('keeps the cells a spreadsheet would evaluate as text, in both languages', async () => {
    const all: Partial<AttendeeListExport> = {
      grouping: 'none',
      columns: ['serial', 'name', 'position', 'organisation', 'notes'],
      statuses: ['registered', 'cancelled'],
    };
    const english = await attendeeLists({ ...all, language: 'en' });
    const arabic = await attendeeLists({ ...all, language: 'ar' });
    const cases = ['=HYPERLINK("http://evil.example","انقر")', '+968 بلدية', '-2+3', '@SUM(A1:A2)', '\tسعيد بن علي'];
    for (const original of cases) {
      for (const workbook of [english, arabic]) {
        const cell = findCell(workbook, (v) => plain(v) === original);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
        expect(cell.numFmt).toBe('@');
      }
      // English cells are exactly as typed; Arabic ones only gain the isolates around Latin runs.
      expect(findCell(english, (v) => v === original).value).toBe(original);
    }
    // Latin only: nothing to isolate, exactly as typed in Arabic sheets too.
    for (const original of ['-2+3', '@SUM(A1:A2)'])
      expect(findCell(arabic, (v) => v === original).value).toBe(original);
    // XML reads a carriage return as a line feed: the file holds the line feed Excel shows.
    expect(findCell(english, (v) => v.endsWith('جهة')).value).toBe('\nجهة');
    // Nothing in the file is a formula.
    const zip = await JSZip.loadAsync(await writeAttendeeLists(seedInput(options({ ...all, summary: true }))));
    for (const name of Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/'))) {
      expect(await zip.file(name)?.async('string')).not.toContain('<f>');
    }
  });

  it('writes mobiles as text, left to right, as typed', async () => {
    const workbook = await attendeeLists({ grouping: 'none', summary: false, signInSheet: false });
    const list = sheet(workbook, 'قائمة المشاركين');
    const mobiles = column(list, 'الجوال');
    expect(mobiles).toEqual(
      expect.arrayContaining(['+968 9900 1122', '91234567', '+82 10 1234 5678', '0096891112222', '09123 0001']),
    );
    const cell = findCell(workbook, (v) => v === '0096891112222');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.numFmt).toBe('@');
    expect(cell.alignment?.readingOrder).toBe('ltr');
    expect(findCell(workbook, (v) => v === 'minsu.kim@seoul.go.kr').alignment?.readingOrder).toBe('ltr');
    // Arabic text reads right to left, its Latin runs isolated.
    const mixed = findCell(workbook, (v) => plain(v) === '+968 بلدية');
    expect(mixed.value).toBe('\u2066+968\u2069 بلدية');
    expect(mixed.alignment?.readingOrder).toBe('rtl');
    // A Latin organisation keeps its own direction.
    expect(findCell(workbook, (v) => v === 'Seoul Metropolitan Government').alignment?.readingOrder).toBeUndefined();
  });

  it('gives every cell the number format, alignment, font, fill and border of its kind', async () => {
    // The rows are written as XML with the style ids exceljs gave the shared style objects: read back,
    // each cell must still carry its kind's style, and an empty cell its column's.
    const look = (cell: ExcelJS.Cell) => ({
      numFmt: cell.numFmt,
      alignment: cell.alignment,
      font: cell.font && `${cell.font.name} ${cell.font.size}${cell.font.bold ? ' bold' : ''}`,
      fill: cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : undefined,
      border: Object.keys(cell.border ?? {})
        .sort()
        .join(' '),
    });
    const cellIn = (worksheet: ExcelJS.Worksheet, value: Cell) => {
      for (let r = 1; r <= worksheet.rowCount; r++) {
        const row = worksheet.getRow(r);
        for (let c = 1; c <= row.cellCount; c++) if (row.getCell(c).value === value) return row.getCell(c);
      }
      throw new Error(`no cell ${String(value)} in ${worksheet.name}`);
    };
    const arial = 'Arial 11';
    const grid = 'bottom left right top';
    // Every cell of a table ruled round, the header's and the data rows' alike, so the rows hold on paper.
    const header = { font: `${arial} bold`, fill: 'FFE8EEF4', border: grid };
    const body = { font: arial, fill: undefined, border: grid };

    const arabic = await attendeeLists({ grouping: 'none', walkInRows: 1 });
    const list = sheet(arabic, 'قائمة المشاركين');
    const rtl = { horizontal: 'right', wrapText: true, readingOrder: 'rtl' } as const;
    const ltr = { horizontal: 'right', wrapText: true, readingOrder: 'ltr' } as const;
    expect(look(cellIn(list, 'م'))).toEqual({
      ...header,
      numFmt: '@',
      alignment: { horizontal: 'right', vertical: 'middle', wrapText: true },
    });
    expect(look(cellIn(list, 'الاسم'))).toEqual({ ...header, numFmt: '@', alignment: { ...rtl, vertical: 'middle' } });
    expect(look(cellIn(list, 'الجوال'))).toEqual({ ...header, numFmt: '@', alignment: { ...ltr, vertical: 'middle' } });
    expect(look(list.getCell(2, 1))).toEqual({
      ...body,
      numFmt: undefined,
      alignment: { horizontal: 'center', vertical: 'top' },
    });
    const name = cellIn(list, 'المهندسة فاطمة بنت علي البلوشية');
    expect(look(name)).toEqual({ ...body, numFmt: '@', alignment: { ...rtl, vertical: 'top' } });
    expect(look(cellIn(list, '\u2066+968\u2069 بلدية'))).toEqual(look(name));
    expect(look(cellIn(list, 'Seoul Metropolitan Government'))).toEqual({
      ...body,
      numFmt: '@',
      alignment: { horizontal: 'right', vertical: 'top', wrapText: true },
    });
    const mobile = cellIn(list, '+968 9900 1122');
    expect(look(mobile)).toEqual({ ...body, numFmt: '@', alignment: { ...ltr, vertical: 'top' } });
    // A registrant without an e-mail: the cell is not written, and reads as its column's style.
    const noEmail = list.getCell(Number(mobile.row), 7);
    expect(noEmail.value).toBeNull();
    expect(look(noEmail)).toEqual(look(mobile));

    const signIn = sheet(arabic, 'كشف الحضور');
    expect(look(cellIn(signIn, 'التوقيع'))).toEqual({
      ...header,
      border: grid,
      numFmt: '@',
      alignment: { ...rtl, vertical: 'middle' },
    });
    expect(look(cellIn(signIn, 'المهندسة فاطمة بنت علي البلوشية'))).toEqual({
      ...body,
      border: grid,
      numFmt: '@',
      alignment: { ...rtl, vertical: 'middle' },
    });
    // The walk-in's row: its number, and empty cells bordered and ready for text.
    expect(look(signIn.getCell(signIn.rowCount, 1))).toEqual({
      ...body,
      border: grid,
      numFmt: undefined,
      alignment: { horizontal: 'center', vertical: 'middle' },
    });
    expect(look(signIn.getCell(signIn.rowCount, 3))).toEqual({
      ...body,
      border: grid,
      numFmt: '@',
      alignment: { horizontal: 'right', vertical: 'middle', wrapText: true },
    });

    const summary = sheet(arabic, 'الملخص');
    expect(look(cellIn(summary, seedForum.titleAr))).toMatchObject({ font: 'Arial 14 bold', numFmt: '@' });
    expect(look(cellIn(summary, 'حسب الفئة'))).toMatchObject({ font: `${arial} bold`, fill: 'FFE8EEF4' });
    const total = summary.getCell(summary.rowCount, 2);
    expect(total.value).toBe(10);
    expect(look(total)).toMatchObject({ numFmt: undefined, alignment: { horizontal: 'center', vertical: 'middle' } });

    // English sheets start at the left, and Arabic text in them keeps its own direction.
    const english = sheet(await attendeeLists({ language: 'en', grouping: 'none' }), 'Attendees');
    expect(look(cellIn(english, 'جريدة عمان'))).toEqual({
      ...body,
      numFmt: '@',
      alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
    });
    expect(look(cellIn(english, '+968 9900 1122'))).toEqual({
      ...body,
      numFmt: '@',
      alignment: { horizontal: 'left', vertical: 'top', wrapText: true, readingOrder: 'ltr' },
    });
  });

  it('escapes what XML must and drops the control characters it cannot hold', async () => {
    const template = seedRegistrations[6] as Registration;
    const tricky = `Smith & Sons <Ltd> "A" 'B'\u0001\u007f`;
    const workbook = await attendeeLists({ grouping: 'none', summary: false, signInSheet: false }, [
      { ...template, organisation: tricky, position: 'أ & ب <ج>' },
    ]);
    const [, row = []] = rows(sheet(workbook, 'قائمة المشاركين'));
    expect(row[3]).toBe(`Smith & Sons <Ltd> "A" 'B'`);
    expect(row[2]).toBe('أ & ب <ج>');
  });

  it('gives the largest organisations a sheet each and lists the rest together', async () => {
    const workbook = await attendeeLists({ grouping: 'organisation', summary: false, signInSheet: false });
    expect(workbook.worksheets.map((w) => [w.name, w.rowCount - 1])).toEqual([
      ['بلدية مسقط', 3],
      ['بلدية صحار', 2],
      ['Seoul Metropolitan Government', 2],
      ['جهات أخرى', 3],
    ]);
    expect(column(sheet(workbook, 'جهات أخرى'), 'الجهة').map(plain)).toEqual([
      '+968 بلدية',
      'جريدة عمان',
      'وزارة الإسكان والتخطيط العمراني',
    ]);
    // Without the organisation among the columns, the others' sheet still says who is from where.
    const narrow = await attendeeLists({ grouping: 'organisation', columns: ['serial', 'name'], summary: false });
    expect(rows(sheet(narrow, 'بلدية مسقط'))[0]).toEqual(['م', 'الاسم']);
    expect(rows(sheet(narrow, 'جهات أخرى'))[0]).toEqual(['م', 'الاسم', 'الجهة']);
  });

  it('keeps to fifteen organisation sheets with valid, unique names when there are 500 organisations', async () => {
    const template = seedRegistrations[5] as Registration;
    const many = Array.from({ length: 1000 }, (_, i) => ({
      ...template,
      id: `00000000-0000-4000-8000-${String(50_000 + i).padStart(12, '0')}`,
      fullName: `مشارك ${i}`,
      // Long names alike in their first 31 characters, some with characters sheet names refuse.
      organisation: `وزارة الشؤون البلدية والقروية: فرع [${i % 500}]`,
    }));
    const workbook = await attendeeLists({ grouping: 'organisation', summary: false, signInSheet: false }, many);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toHaveLength(16);
    expect(names.at(-1)).toBe('جهات أخرى');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(workbook.worksheets.reduce((sum, w) => sum + w.rowCount - 1, 0)).toBe(1000);
  });

  it('gives each delegation of the programme a sheet, and those in none one more', async () => {
    const workbook = await attendeeLists({ grouping: 'delegation', summary: false, signInSheet: false });
    expect(workbook.worksheets.map((w) => [w.name, w.rowCount - 1])).toEqual([
      ['وفد مدينة سيؤول', 2],
      ['وفد بلدية صحار', 2],
      ['بلا وفد', 7],
    ]);
  });

  it('builds a delegation’s sheet from the programme: its head first and marked, then its members in order', async () => {
    const columns = [...options().columns, 'code', 'status', 'delegation'] as AttendeeListExport['columns'];
    const workbook = await attendeeLists({ grouping: 'delegation', summary: false, signInSheet: false, columns });
    const seoul = sheet(workbook, 'وفد مدينة سيؤول');
    // The role beside the name; the delegation column left out, every row being the sheet's delegation.
    expect(rows(seoul)[0]).toEqual([
      'م',
      'الاسم',
      'الصفة',
      'المنصب',
      'الجهة',
      'الفئة',
      'الجوال',
      'البريد الإلكتروني',
      'الرمز',
      'الحالة',
    ]);
    expect(column(seoul, 'الاسم').map(plain)).toEqual(['السيد كيم مين سو', 'Lee Ji-won']);
    expect(column(seoul, 'الصفة')).toEqual(['رئيس الوفد', 'عضو']);
    // The head of Sohar's delegation has no registration: listed from the directory, the registration's columns empty.
    const sohar = sheet(workbook, 'وفد بلدية صحار');
    expect(column(sohar, 'الاسم').map(plain)).toEqual([
      'سعادة سالم بن سعيد المقبالي',
      'المهندسة فاطمة بنت علي البلوشية',
    ]);
    expect(column(sohar, 'الصفة')).toEqual(['رئيس الوفد', 'عضوة']);
    expect(column(sohar, 'المنصب')).toEqual(['مدير عام بلدية صحار', 'رئيسة قسم الخدمات الرقمية']);
    expect(column(sohar, 'الجهة')).toEqual(['بلدية صحار', 'بلدية صحار']);
    for (const header of ['الرمز', 'الحالة', 'الفئة']) expect(column(sohar, header)[0]).toBeNull();
    expect(column(sohar, 'الرمز')[1]).toBe('10003');
    // Those on a delegation's sheet are not on the last one again.
    const none = column(sheet(workbook, 'بلا وفد'), 'الاسم').map(plain);
    expect(none).not.toContain('المهندسة فاطمة بنت علي البلوشية');
    expect(none).not.toContain('السيد كيم مين سو');
  });

  it('puts a registrant who chose a delegation the programme does not name after its members, by protocol rank', async () => {
    const extra = (n: number, fields: Partial<Registration>): Registration => ({
      ...(seedRegistrations[5] as Registration),
      id: `00000000-0000-4000-8000-0000000300${n}`,
      code: `2000${n}`,
      delegationId: DELEGATION.seoul,
      ...fields,
    });
    const registrations = [
      // A member whose registration is cancelled is left out with the cancelled, not listed from the directory.
      ...seedRegistrations.map((r) => (r.fullNameEn === 'Lee Ji-won' ? { ...r, status: 'cancelled' as const } : r)),
      extra(1, { fullName: 'أنور بن علي', honorific: 'none' }),
      extra(2, { fullName: 'يعقوب بن سالم', honorific: 'saada' }),
    ];
    const workbook = await attendeeLists({ grouping: 'delegation', summary: false, signInSheet: false }, registrations);
    expect(column(sheet(workbook, 'وفد مدينة سيؤول'), 'الاسم').map(plain)).toEqual([
      'السيد كيم مين سو',
      'سعادة يعقوب بن سالم',
      'أنور بن علي',
    ]);
  });

  it('lists a member the programme names twice, or a head among the members, once', async () => {
    const input = seedInput(options({ grouping: 'delegation', summary: false, signInSheet: false }));
    const programme = {
      ...input.programme,
      delegations: input.programme.delegations.map((d) => ({
        ...d,
        memberIds: d.headId ? [d.headId, ...d.memberIds, ...d.memberIds] : d.memberIds,
      })),
    };
    const workbook = await load(await writeAttendeeLists({ ...input, programme }));
    expect(column(sheet(workbook, 'وفد بلدية صحار'), 'الصفة')).toEqual(['رئيس الوفد', 'عضوة']);
    expect(column(sheet(workbook, 'وفد مدينة سيؤول'), 'الصفة')).toEqual(['رئيس الوفد', 'عضو']);
  });

  it('lists the VIPs in protocol order, not by name', async () => {
    const vip = (n: number, fullName: string, honorific: Registration['honorific']): Registration => ({
      ...(seedRegistrations[0] as Registration),
      id: `00000000-0000-4000-8000-0000000400${n}`,
      code: `3000${n}`,
      fullName,
      fullNameEn: '',
      honorific,
      title: 'none',
    });
    const registrations = [
      ...seedRegistrations,
      vip(1, 'أحمد بن خالد', 'saada'),
      vip(2, 'بدر بن سعود', 'highness'),
      vip(3, 'ثامر بن علي', 'sheikh'),
    ];
    const workbook = await attendeeLists({ summary: false, signInSheet: false }, registrations);
    expect(column(sheet(workbook, 'كبار الشخصيات'), 'الاسم').map(plain)).toEqual([
      'صاحب السمو بدر بن سعود',
      'معالي المهندس محسن بن محمد الشيخ',
      'سعادة أحمد بن خالد',
      'الشيخ ثامر بن علي',
    ]);
    expect(column(sheet(workbook, 'كبار الشخصيات'), 'م')).toEqual([1, 2, 3, 4]);
  });

  it('writes the English delegation sheets with the English names of the delegations and their people', async () => {
    const workbook = await attendeeLists({
      language: 'en',
      grouping: 'delegation',
      summary: false,
      signInSheet: false,
    });
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Seoul delegation',
      'Sohar Municipality delegation',
      'No delegation',
    ]);
    const sohar = sheet(workbook, 'Sohar Municipality delegation');
    expect(column(sohar, 'Name')).toEqual(['H.E. Salim bin Said Al Maqbali', 'Eng. Fatma bint Ali Al Balushi']);
    expect(column(sohar, 'Role')).toEqual(['Head of delegation', 'Member']);
    expect(column(sohar, 'Position')).toEqual(['Director General of Sohar Municipality', 'Head of Digital Services']);
    expect(column(sohar, 'Organisation')).toEqual(['Sohar Municipality', 'Sohar Municipality']);
  });

  it('prints a sign-in sheet with a signature column, tall bordered rows and numbered rows for walk-ins', async () => {
    const workbook = await attendeeLists({ summary: false, walkInRows: 5 });
    const signIn = sheet(workbook, 'كشف الحضور');
    const all = rows(signIn);
    expect(all[0]).toEqual(['م', 'الاسم', 'الجهة', 'التوقيع']);
    expect(all).toHaveLength(1 + 10 + 5);
    expect(all.slice(11)).toEqual([11, 12, 13, 14, 15].map((n) => [n, null, null, null]));
    expect(signIn.getColumn(4).width).toBeGreaterThanOrEqual(30);
    expect(signIn.pageSetup.orientation).toBe('portrait');
    for (const r of [2, 16]) {
      expect(signIn.getRow(r).height).toBeGreaterThanOrEqual(30);
      for (let c = 1; c <= 4; c++) {
        expect(signIn.getCell(r, c).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
      }
    }
    // A walk-in's empty cells are text, ready for a name typed in.
    expect(signIn.getCell(16, 2).numFmt).toBe('@');
  });

  it('adds an attendance sheet for each workshop chosen, named after it', async () => {
    const workbook = await attendeeLists({ sessionSheets: true, summary: false, signInSheet: false });
    // Whole names on the tabs: the kind before the colon left to the page header, never a name cut at a dash.
    const digital = sheet(workbook, 'الخدمات البلدية الرقمية');
    const smart = sheet(workbook, 'المدن الذكية — تجربة سيؤول');
    expect(workbook.worksheets.slice(-2)).toEqual([digital, smart]);
    expect(rows(digital)[0]).toEqual(['م', 'الاسم', 'الجهة', 'التوقيع']);
    expect(column(digital, 'الاسم')).toEqual([
      'أحمد بن سيف الراشدي',
      'سعادة الدكتور خالد بن سالم الحسني',
      'المهندسة فاطمة بنت علي البلوشية',
      'مريم بنت خميس الهنائية',
    ]);
    expect(column(smart, 'الاسم')).toEqual(['أحمد بن سيف الراشدي', 'السيد كيم مين سو', 'Lee Ji-won']);
    expect(digital.headerFooter.oddHeader).toContain('ورشة عمل: الخدمات البلدية الرقمية — ');
    expect(plain(digital.headerFooter.oddHeader ?? '')).toContain('11:15–13:00');
  });

  it('counts by category, status and organisation on a summary sheet', async () => {
    const workbook = await attendeeLists();
    const summary = sheet(workbook, 'الملخص');
    const lines = rows(summary).map((row) => [plain(row[0] ?? null), row[1] ?? null]);
    expect(lines[0]).toEqual([seedForum.titleAr, null]);
    expect(lines[2]?.[0]).toBe('4–5 ديسمبر 2026م');
    const linesUnder = (heading: string, count: number) => {
      const start = lines.findIndex(([label]) => label === heading);
      return lines.slice(start + 1, start + 1 + count);
    };
    expect(linesUnder('حسب الفئة', 6)).toEqual([
      ['كبار الشخصيات', 1],
      ['متحدث', 2],
      ['عضو وفد', 2],
      ['مشارك', 3],
      ['إعلام', 1],
      ['اللجنة المنظمة', 1],
    ]);
    expect(linesUnder('حسب الحالة', 5)).toEqual([
      ['مدعو', 0],
      ['مسجل', 3],
      ['مؤكد', 3],
      ['حضر', 4],
      [null, null],
    ]);
    expect(linesUnder('حسب الجهة', 3)).toEqual([
      ['بلدية مسقط', 3],
      ['بلدية صحار', 2],
      ['Seoul Metropolitan Government', 2],
    ]);
    expect(lines.at(-1)).toEqual(['المجموع', 10]);
    expect(summary.getCell(lines.length, 2).type).toBe(ExcelJS.ValueType.Number);
  });

  it('reports its rows as progress, and stops when cancelled', async () => {
    const input = seedInput(options());
    await writeAttendeeLists(input);
    expect(input.progress.total).toBeGreaterThan(10 + 10 + 20);
    expect(input.progress.done).toBe(input.progress.total);

    class CancelledMidway extends ExportProgress {
      override advance(units = 1): void {
        super.advance(units);
        if (this.done >= 3) this.cancel();
      }
    }
    const progress = new CancelledMidway();
    await expect(writeAttendeeLists({ ...seedInput(options()), progress })).rejects.toBeInstanceOf(ExportCancelled);
    expect(progress.done).toBeLessThan(progress.total);
  });

  it('still writes every sheet with its headers for a forum without registrants', async () => {
    const workbook = await attendeeLists({ walkInRows: 3 }, []);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['الملخص', 'قائمة المشاركين', 'كشف الحضور']);
    expect(rows(sheet(workbook, 'قائمة المشاركين'))).toEqual([
      ['م', 'الاسم', 'المنصب', 'الجهة', 'الفئة', 'الجوال', 'البريد الإلكتروني'],
    ]);
    expect(rows(sheet(workbook, 'كشف الحضور')).slice(1)).toEqual([1, 2, 3].map((n) => [n, null, null, null]));
    expect(rows(sheet(workbook, 'الملخص')).at(-1)).toEqual(['المجموع', 0]);
  });

  it('escapes the ampersand of a title in the page header', async () => {
    const input = seedInput(options({ language: 'en', grouping: 'none' }));
    const workbook = await load(
      await writeAttendeeLists({ ...input, forum: { ...seedForum, titleEn: 'Muscat & Sohar Forum' } }),
    );
    expect(sheet(workbook, 'Attendees').headerFooter.oddHeader).toContain('Muscat && Sohar Forum');
  });

  it('sorts exactly as the registrations table does, names that collation finds hard included', async () => {
    const names = [
      'عبد الله سالم',
      'عبدالله سالم',
      'آل سعود',
      'الوهيبي',
      'ب10',
      'ب2',
      'Lee',
      'أحمد',
      'احمد',
      'إبراهيم',
    ];
    const template = seedRegistrations[6] as Registration;
    const list = [...names, ...names.reverse()].map((fullName, i) => ({
      ...template,
      id: `00000000-0000-4000-8000-${String(60_000 + i).padStart(12, '0')}`,
      code: String(60_000 + i),
      fullName,
    }));
    const workbook = await attendeeLists(
      { grouping: 'none', summary: false, signInSheet: false, columns: ['code'] },
      list,
    );
    expect(column(sheet(workbook, 'قائمة المشاركين'), 'الرمز')).toEqual(
      sortRegistrations(list, 'name').map((r) => r.code),
    );
  });

  it('writes a 20,000-row list, in the registrations table order', async () => {
    const first = ['محمد', 'أحمد', 'عبدالله', 'عبد الله', 'فاطمة', 'مريم', 'إبراهيم', 'آمنة', 'خالد', 'نورة'];
    const family = ['الحارثي', 'آل سعود', 'البلوشي', 'الملحم', 'الكندي', 'الهنائي', 'العامري', 'الرواحي'];
    const template = seedRegistrations[6] as Registration;
    const list = Array.from({ length: 20_000 }, (_, i) => ({
      ...template,
      id: `00000000-0000-4000-8000-${String(100_000 + i).padStart(12, '0')}`,
      code: String(100_000 + i),
      fullName: `${first[i % 10]} ${first[Math.floor(i / 10) % 10]} ${family[Math.floor(i / 100) % 8]} ${i % 7}`,
    }));
    const workbook = await attendeeLists(
      { grouping: 'none', summary: false, signInSheet: false, columns: ['serial', 'code', 'name'] },
      list,
    );
    const listSheet = sheet(workbook, 'قائمة المشاركين');
    expect(listSheet.rowCount).toBe(20_001);
    expect(column(listSheet, 'الرمز')).toEqual(sortRegistrations(list, 'name').map((r) => r.code));
  });
});

describe('sheet names', () => {
  it('are valid for Excel and unique, however the wanted names collide', () => {
    const taken = new Set<string>();
    expect(uniqueSheetName('ورشة عمل: المدن [الذكية]?', taken, 'ورقة')).toBe('ورشة عمل المدن الذكية');
    expect(uniqueSheetName('VIP', taken, 'Sheet')).toBe('VIP');
    expect(uniqueSheetName('vip', taken, 'Sheet')).toBe('vip (2)');
    expect(uniqueSheetName("O'Brien & Sons", taken, 'Sheet')).toBe('O’Brien & Sons');
    expect(uniqueSheetName('History', taken, 'Sheet')).toBe('History (2)');
    expect(uniqueSheetName(' / ', taken, 'Sheet')).toBe('Sheet');
    const long = 'Ministry of Municipal and Rural Affairs and Housing';
    const a = uniqueSheetName(long, taken, 'Sheet');
    const b = uniqueSheetName(long, taken, 'Sheet');
    // Cut at a word, never on a dangling "and".
    expect([a, b]).toEqual(['Ministry of Municipal and Rural', 'Ministry of Municipal (2)']);
  });
});
