import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeAttendeeLists } from '../../../src/core/export/attendee-lists';
import { registrantInEnglish } from '../../../src/core/export/registrant-people';
import { writeImportReport } from '../../../src/core/registrations/import/report';
import { readRow } from '../../../src/core/registrations/import/row-values';
import { updatedFrom } from '../../../src/core/registrations/registration-service';
import { ATTENDEE_COLUMNS, DEFAULT_EXPORT_OPTIONS } from '../../../src/shared/domain/export';
import {
  plainStringSchema,
  REGISTRANT_TEXT_FIELD_NAMES,
  textLimitOf,
  WALK_IN_TEXT_FIELDS,
} from '../../../src/shared/domain/registrant-fields';
import {
  emptyRegistrationInput,
  type Registration,
  registrationInputSchema,
} from '../../../src/shared/domain/registration';
import { CELL_PROBLEMS, type ImportedValues } from '../../../src/shared/domain/registration-import';
import ar from '../../../src/shared/i18n/ar.json';
import en from '../../../src/shared/i18n/en.json';
import { RegistrationIndex } from '../../../src/shared/registrations/registration-index';
import { seedInput } from './export/seed-002-input';

const registration = (fields: Partial<Registration>): Registration => ({
  ...emptyRegistrationInput(),
  id: '00000000-0000-4000-8000-000000000001',
  code: '10001',
  checkedInAt: null,
  statusBeforeCheckIn: null,
  source: null,
  createdAt: '2026-11-21T08:00:00.000Z',
  updatedAt: '2026-11-21T08:00:00.000Z',
  ...fields,
});

/** A value each field accepts, unlike any other registrant's. */
const SAMPLE: Record<(typeof REGISTRANT_TEXT_FIELD_NAMES)[number], string> = {
  fullName: 'زهرة القحطاني',
  fullNameEn: 'Zahra Alqahtani',
  organisation: 'هيئة تطوير المدينة',
  organisationEn: 'City Development Authority',
  position: 'مستشارة التخطيط',
  positionEn: 'Planning Adviser',
  email: 'zahra@example.org',
  mobile: '+966 55 765 4321',
  country: 'السعودية',
  city: 'الدمام',
};

describe('the registrant fields table', () => {
  it('names every text field of the registration, and only those', () => {
    // A free text added to the schema and not to the table fails here. The notes stay apart: an
    // import adds to them and never replaces them; the e-mail is a text whose rule is its address's.
    const plainTexts = Object.entries(registrationInputSchema.shape)
      .filter(([, schema]) => plainStringSchema(schema) !== null)
      .map(([field]) => field);
    expect(plainTexts.sort()).toEqual([...REGISTRANT_TEXT_FIELD_NAMES.filter((f) => f !== 'email'), 'notes'].sort());
    expect(Object.hasOwn(registrationInputSchema.shape, 'email')).toBe(true);
    for (const field of WALK_IN_TEXT_FIELDS) expect(REGISTRANT_TEXT_FIELD_NAMES).toContain(field);
  });

  it('takes each length limit from the schema, and the import refuses one letter more', () => {
    for (const field of REGISTRANT_TEXT_FIELD_NAMES) {
      if (field === 'email' || field === 'mobile') continue; // read by their own rules (an address, a number)
      const limit = textLimitOf(field);
      const full = 'a'.repeat(limit);
      expect(registrationInputSchema.shape[field].safeParse(full).success, field).toBe(true);
      expect(registrationInputSchema.shape[field].safeParse(`${full}a`).success, field).toBe(false);
      const context = { defaultCountry: '966', delegationByName: new Map<string, string>() };
      const within = readRow(
        [full, 'اسم'],
        ['h', 'n'],
        [field, field === 'fullName' ? 'fullNameEn' : 'fullName'],
        context,
      );
      expect(within.problems, field).toEqual([]);
      expect(within.values[field]).toBe(full);
      const over = readRow(
        [`${full}a`, 'اسم'],
        ['h', 'n'],
        [field, field === 'fullName' ? 'fullNameEn' : 'fullName'],
        context,
      );
      expect(over.problems.map((p) => [p.field, p.code])).toContainEqual([field, 'too_long']);
    }
  });

  it('finds a registrant by what any text field holds', () => {
    const other = registration({ id: '00000000-0000-4000-8000-000000000002', code: '10002', fullName: 'سالم' });
    for (const field of REGISTRANT_TEXT_FIELD_NAMES) {
      const index = new RegistrationIndex([other, registration({ [field]: SAMPLE[field] })]);
      const query = field === 'mobile' ? '557654321' : SAMPLE[field];
      expect(
        index.search(query).map((r) => r.code),
        field,
      ).toEqual(['10001']);
    }
  });

  it('an imported row replaces each text field it fills and keeps the ones it leaves blank', () => {
    const old = registration(Object.fromEntries(REGISTRANT_TEXT_FIELD_NAMES.map((f) => [f, `old ${f}`])));
    const blank = { ...emptyRegistrationInput(), mobileE164: null } as unknown as ImportedValues;
    for (const field of REGISTRANT_TEXT_FIELD_NAMES) {
      const next = updatedFrom(old, { ...blank, [field]: SAMPLE[field] }, '2026-11-22T08:00:00.000Z');
      for (const f of REGISTRANT_TEXT_FIELD_NAMES)
        expect(next[f], `${field} → ${f}`).toBe(f === field ? SAMPLE[field] : `old ${f}`);
    }
  });
});

describe('one set of words for a registrant field', () => {
  it('has a label for every text field on the form, in both languages', () => {
    for (const field of REGISTRANT_TEXT_FIELD_NAMES) {
      expect(ar.registrations.field[field], field).toBeTruthy();
      expect(en.registrations.field[field], field).toBeTruthy();
    }
  });

  it('heads each column in the attendee list as the coordinator ticked it', async () => {
    for (const [language, words] of [
      ['ar', ar],
      ['en', en],
    ] as const) {
      const input = seedInput({
        ...DEFAULT_EXPORT_OPTIONS.attendees,
        language,
        grouping: 'none',
        summary: false,
        signInSheet: false,
        columns: [...ATTENDEE_COLUMNS],
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Uint8Array.from(await writeAttendeeLists(input)).buffer);
      const [list] = workbook.worksheets;
      if (!list) throw new Error('no sheet');
      const headers = (list.getRow(1).values as ExcelJS.CellValue[]).slice(1);
      expect(headers).toEqual(ATTENDEE_COLUMNS.map((c) => words.registrations.column[c]));
    }
  });

  it('says why a cell was refused in the report as the preview says it', async () => {
    const rows = CELL_PROBLEMS.map((code, i) => ({
      row: i + 2,
      kind: 'rejected' as const,
      values: { ...emptyRegistrationInput(), mobileE164: null } as unknown as ImportedValues,
      problems: [{ column: 0, field: 'email' as const, code, value: 'x' }],
      duplicateOf: null,
      setAside: null,
    }));
    const preview = { headers: ['البريد'], mapping: ['email'], rows, counts: {} } as never;
    const bytes = await writeImportReport({
      fileName: 'list.xlsx',
      preview,
      sheetRows: [],
      result: null,
      language: 'ar',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(bytes).buffer);
    const text = workbook.worksheets.flatMap((w) =>
      w.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])),
    );
    for (const code of CELL_PROBLEMS) {
      expect(text).toContain(`${ar.import.fields.email}: ${ar.import.problem[code]}`);
    }
  });
});

describe("a registrant's own English", () => {
  it('prints on English papers before what the directory knows, and the Arabic stays for Arabic ones', () => {
    const r = registration({
      organisation: 'بلدية صحار',
      organisationEn: 'Sohar Municipality',
      position: 'مدير عام',
      positionEn: 'Director General',
    });
    const english = registrantInEnglish(r, undefined, () => 'Municipality of Sohar (directory)');
    expect([english.organisation, english.position]).toEqual(['Sohar Municipality', 'Director General']);
    // Without their own, the directory's organisation; the position stays as typed.
    const bare = registrantInEnglish(
      { ...r, organisationEn: '', positionEn: '' },
      undefined,
      () => 'Sohar Municipality',
    );
    expect([bare.organisation, bare.position]).toEqual(['Sohar Municipality', 'مدير عام']);
  });
});
