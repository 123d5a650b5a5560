/**
 * The import against lists as other departments really send them: totals,
 * group labels and footers between the people, merged organisations, hidden
 * columns and filtered rows, anonymous forms, cells written every which way.
 * Every workbook here is package XML written by hand (test/support/xlsx-package),
 * never by exceljs.
 */

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPreview, type PreviewContext } from '../../../../src/core/registrations/import/preview';
import { readImportFile } from '../../../../src/core/registrations/import/read-file';
import { emptyRegistrationInput, type Registration } from '../../../../src/shared/domain/registration';
import type { ImportPreviewRequest } from '../../../../src/shared/domain/registration-import';
import { convertToXlsx, fodsText, type SheetCell } from '../../../support/libreoffice';
import { type CellValue, xlsxPackage } from '../../../support/xlsx-package';

const context = (fields: Partial<PreviewContext> = {}): PreviewContext => ({
  defaultCountry: '968',
  delegations: [],
  registrations: [],
  rememberedMapping: () => null,
  ...fields,
});

const AUTO: Pick<ImportPreviewRequest, 'sheet' | 'headerRow' | 'mapping'> = {
  sheet: '',
  headerRow: null,
  mapping: null,
};

async function previewOf(
  rows: CellValue[][],
  layout: { merges?: string[]; hiddenRows?: number[]; hiddenColumns?: number[] } = {},
  request: Partial<ImportPreviewRequest> = {},
  ctx: Partial<PreviewContext> = {},
) {
  const file = await readImportFile('list.xlsx', await xlsxPackage({ sheets: [{ name: 'الكشف', rows, ...layout }] }));
  return buildPreview(file, { ...AUTO, ...request }, context(ctx));
}

const byRow = (preview: Awaited<ReturnType<typeof previewOf>>) => new Map(preview.rows.map((r) => [r.row, r]));

describe('rows that are not people', () => {
  it('sets aside totals, subtotals, group labels, footers and serial-only rows, each with its reason', async () => {
    const preview = await previewOf([
      ['كشف المشاركين في ملتقى تبادل الخبرات'],
      ['م', 'الاسم', 'الجهة', 'الجوال'],
      [null, 'بلدية مسقط'],
      [1, 'أحمد بن سعيد البلوشي', 'بلدية مسقط', '9123 4567'],
      [2, 'سالم بن خميس المقبالي', 'بلدية مسقط', '9234 5678'],
      [null, 'المجموع', null, 2],
      [null, 'وفد بلدية صحار'],
      [3, 'مريم بنت علي الهاشمية', 'بلدية صحار', '9345 6789'],
      [null, 'المجموع', null, 1],
      [null, 'الإجمالي', null, 3],
      [4],
      [5],
      ['إعداد: قسم العلاقات العامة والإعلام'],
      ['التوقيع: ........................'],
    ]);
    const rows = byRow(preview);
    expect(preview.counts).toMatchObject({ add: 3, rejected: 0, setAside: 9 });
    expect([3, 6, 7, 9, 10, 11, 12, 13, 14].map((n) => rows.get(n)?.setAside)).toEqual([
      'group_label',
      'subtotal',
      'group_label',
      'subtotal',
      'total',
      'serial_only',
      'serial_only',
      'footer',
      'footer',
    ]);
    expect(preview.rows.filter((r) => r.kind === 'add').map((r) => r.values.fullName)).toEqual([
      'أحمد بن سعيد البلوشي',
      'سالم بن خميس المقبالي',
      'مريم بنت علي الهاشمية',
    ]);
  });

  it('sets aside a group label merged across the page, and English totals', async () => {
    const preview = await previewOf(
      [
        ['Name', 'Organisation', 'Email'],
        ['Ministry of Municipalities', null, null],
        ['Hannah Müller', 'GIZ', 'hannah@example.org'],
        ['Total', 1],
        ['Prepared by: Protocol Office'],
      ],
      { merges: ['A2:C2'] },
    );
    expect(preview.rows.map((r) => [r.row, r.kind, r.setAside])).toEqual([
      [2, 'set_aside', 'group_label'],
      [3, 'add', null],
      [4, 'set_aside', 'total'],
      [5, 'set_aside', 'footer'],
    ]);
  });

  it('sets aside the header printed again on every page, section and category headings, counts and signature blocks', async () => {
    const preview = await previewOf([
      ['م', 'الاسم', 'الجهة', 'البريد الإلكتروني'],
      ['أولاً: المتحدثون'],
      [1, 'د. سيف بن ناصر الغافري', 'بلدية مسقط', 'saif@muscat.gov.om'],
      ['كبار الشخصيات'],
      [2, 'معالي الشيخ خالد بن عمر المرهون', 'وزارة الداخلية', 'khalid@moi.gov.om'],
      ['م', 'الاسم', 'الجهة', 'البريد الإلكتروني'],
      [3, 'مريم بنت علي الهاشمية', 'بلدية صحار', 'maryam@sohar.gov.om '],
      [null, 'عدد المشاركين: 3'],
      ['-', '—', 'لا يوجد'],
      ['ملاحظة: يرجى تأكيد الحضور قبل يومين'],
      ['الاسم: ..................', null, 'التوقيع: ..................'],
      ['التاريخ: 1447/06/10هـ'],
    ]);
    expect(preview.rows.map((r) => [r.row, r.kind, r.setAside])).toEqual([
      [2, 'set_aside', 'group_label'],
      [3, 'add', null],
      [4, 'set_aside', 'group_label'],
      [5, 'add', null],
      [6, 'set_aside', 'header_repeat'],
      [7, 'add', null],
      [8, 'set_aside', 'total'],
      [10, 'set_aside', 'footer'],
      [11, 'set_aside', 'footer'],
      [12, 'set_aside', 'footer'],
    ]);
    // A row of dashes and «لا يوجد» holds nothing: a blank row, not a row set aside.
    expect(preview.counts.blank).toBe(1);
  });

  it('keeps a person whose row has their name only', async () => {
    const preview = await previewOf([['الاسم', 'الجهة'], ['نورة بنت سالم'], ['خالد', 'بلدية صلالة']]);
    expect(preview.counts).toMatchObject({ add: 2, setAside: 0 });
  });
});

describe('merged cells, hidden columns and hidden rows', () => {
  it('gives a vertically merged organisation to every row it covers', async () => {
    const preview = await previewOf(
      [
        ['الاسم', 'الجهة', 'البريد الإلكتروني'],
        ['أحمد', 'بلدية مسقط', 'a@muscat.om'],
        ['سالم', null, 's@muscat.om'],
        ['منى', null, 'm@muscat.om'],
        ['خالد', null, 'k@muscat.om'],
        ['مريم', 'بلدية صحار', 'm@sohar.om'],
      ],
      { merges: ['B2:B5'] },
    );
    expect(preview.rows.map((r) => r.values.organisation)).toEqual([
      'بلدية مسقط',
      'بلدية مسقط',
      'بلدية مسقط',
      'بلدية مسقط',
      'بلدية صحار',
    ]);
  });

  it('marks hidden columns and does not map them; sets hidden and filtered-out rows aside', async () => {
    const preview = await previewOf(
      [
        ['الاسم', 'الرقم المدني', 'ملاحظات', 'الحالة'],
        ['أحمد', '12345678', 'نباتي', 'مؤكد'],
        ['سالم', '23456789', '', 'ملغى'],
        ['منى', '34567890', '', 'مؤكد'],
      ],
      { hiddenColumns: [2], hiddenRows: [3] },
    );
    expect(preview.hiddenColumns).toEqual([1]);
    expect(preview.mapping[1]).toBe('ignore');
    expect(preview.reasons[1]).toBe('hidden');
    expect(preview.rows.map((r) => [r.row, r.kind, r.setAside])).toEqual([
      [2, 'add', null],
      [3, 'set_aside', 'hidden_row'],
      [4, 'add', null],
    ]);
    expect(preview.rows.some((r) => r.values.notes.includes('12345678'))).toBe(false);
  });

  it('maps a hidden column when the coordinator chooses to', async () => {
    const preview = await previewOf(
      [
        ['الاسم', 'الجوال'],
        ['أحمد', '9123 4567'],
      ],
      { hiddenColumns: [2] },
      { mapping: ['fullName', 'mobile'] },
    );
    expect(preview.rows[0]?.values.mobileE164).toBe('+96891234567');
  });
});

describe('forms and placeholder values', () => {
  it('reads "anonymous" and «لا يوجد» as empty: an anonymous Microsoft Forms export imports', async () => {
    const preview = await previewOf([
      ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'الاسم الكامل', 'رقم الجوال'],
      [1, '2026-11-01 09:00', '2026-11-01 09:03', 'anonymous', 'anonymous', 'أحمد البلوشي', 'لا يوجد'],
      [2, '2026-11-01 09:10', '2026-11-01 09:12', 'anonymous', 'anonymous', 'سارة الكندية', 'N/A'],
      [3, '2026-11-01 09:20', '2026-11-01 09:21', 'anonymous', 'anonymous'],
    ]);
    expect(preview.counts).toMatchObject({ add: 2, rejected: 0, setAside: 1 });
    expect(preview.rows.find((r) => r.row === 4)?.setAside).toBe('form_metadata');
  });
});

describe('a cell that cannot be read', () => {
  it('keeps its text in the notes of the values the row would be taken with', async () => {
    const preview = await previewOf([
      ['الاسم', 'البريد الإلكتروني', 'الجنس'],
      ['أحمد', 'ahmed@@muscat.om', 'غير ذلك'],
    ]);
    const [row] = preview.rows;
    expect(row?.kind).toBe('rejected');
    expect(row?.values.email).toBe('');
    expect(row?.values.notes).toBe('البريد الإلكتروني: ahmed@@muscat.om\nالجنس: غير ذلك');
  });

  it('can be corrected in the preview', async () => {
    const preview = await previewOf(
      [
        ['الاسم', 'البريد الإلكتروني'],
        ['أحمد', 'ahmed@@muscat.om'],
      ],
      {},
      { edits: [{ row: 2, column: 1, value: 'ahmed@muscat.om' }] },
    );
    expect(preview.rows[0]?.kind).toBe('add');
    expect(preview.rows[0]?.values.email).toBe('ahmed@muscat.om');
  });

  it('reads landlines, a dropped leading 0, labels and two numbers; keeps the second in the notes', async () => {
    const preview = await previewOf(
      [
        ['الاسم', 'الجوال'],
        ['مكتب دبي', '+971 4 368 1234'],
        ['مكتب القاهرة', '+20 2 2761 8812'],
        ['أحمد', 'جوال: 9123 4567'],
        ['سالم', '9123 4568 (واتساب)'],
        ['منى', "'91234569"],
        ['خالد', '9123 4570 / 9123 4571'],
      ],
      {},
      {},
      { defaultCountry: '968' },
    );
    expect(preview.rows.map((r) => [r.kind, r.values.mobileE164])).toEqual([
      ['add', '+97143681234'],
      ['add', '+20227618812'],
      ['add', '+96891234567'],
      ['add', '+96891234568'],
      ['add', '+96891234569'],
      ['add', '+96891234570'],
    ]);
    expect(preview.rows[5]?.values.notes).toBe('الجوال: +96891234571');
    expect(preview.rows[5]?.values.mobile).toBe('9123 4570 / 9123 4571');
  });

  it('restores a Jordanian mobile whose leading 0 Excel dropped (a number cell)', async () => {
    const preview = await previewOf(
      [
        ['الاسم', 'الهاتف'],
        ['عمر', 791234567],
      ],
      {},
      {},
      { defaultCountry: '962' },
    );
    expect(preview.rows[0]?.values.mobileE164).toBe('+962791234567');
  });
});

describe('duplicates by name alone', () => {
  it('show the match with its e-mail and phone beside the row, to be judged', async () => {
    const registered: Registration = {
      ...emptyRegistrationInput(),
      id: '8f7c6e2a-1b3d-4c5e-9f00-112233445566',
      code: '10001',
      fullName: 'أحمد البلوشي',
      organisation: 'بلدية مسقط',
      email: 'ahmed.b@muscat.om',
      mobile: '9123 4567',
      mobileE164: '+96891234567',
      category: 'participant',
      source: null,
      checkedInAt: null,
      statusBeforeCheckIn: null,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
    const preview = await previewOf(
      [
        ['الاسم', 'الجهة', 'البريد', 'الجوال'],
        ['احمد البلوشى', 'بلدية مسقط', 'a.balushi@gmail.com', '9876 5432'],
      ],
      {},
      {},
      { registrations: [registered] },
    );
    expect(preview.rows[0]?.kind).toBe('duplicate');
    expect(preview.rows[0]?.duplicateOf).toMatchObject({
      matchedBy: 'name',
      email: 'ahmed.b@muscat.om',
      mobile: '+96891234567',
    });
  });
});

describe('the same layouts, saved by LibreOffice', () => {
  it('fills a merged organisation down, leaves a hidden column unmapped and sets filtered rows aside', async () => {
    const muscat: SheetCell = { cell: 'بلدية مسقط', rowsSpanned: 3 };
    const rows: SheetCell[][] = [
      ['الاسم', 'الجهة', 'الرقم المدني', 'الحالة'],
      ['أحمد بن سعيد البلوشي', muscat, '11112222', 'مؤكد'],
      ['سالم بن خميس المقبالي', null, '22223333', 'ملغى'],
      ['منى بنت راشد الكندية', null, '33334444', 'مؤكد'],
      ['الإجمالي', { kind: 'number', value: 3 }, null, null],
    ];
    const dir = await mkdtemp(path.join(tmpdir(), 'multaqa-lo-layout-'));
    try {
      const source = path.join(dir, 'list.fods');
      await writeFile(
        source,
        fodsText([{ name: 'Delegations', rows, hiddenColumns: [2], hiddenRows: new Map([[2, 'filter' as const]]) }]),
      );
      const [xlsx = ''] = await convertToXlsx([source], path.join(dir, 'out'));
      const file = await readImportFile('list.xlsx', await readFile(xlsx));
      const preview = buildPreview(file, AUTO, context());
      expect(preview.hiddenColumns).toEqual([2]);
      expect(preview.mapping[2]).toBe('ignore');
      expect(preview.rows.map((r) => [r.row, r.kind, r.setAside, r.values.organisation])).toEqual([
        [2, 'add', null, 'بلدية مسقط'],
        [3, 'set_aside', 'hidden_row', 'بلدية مسقط'],
        [4, 'add', null, 'بلدية مسقط'],
        [5, 'set_aside', 'total', '3'], // the total's count stands in the organisation column
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
