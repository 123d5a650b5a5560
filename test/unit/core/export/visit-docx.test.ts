import { describe, expect, it } from 'vitest';
import type { ExportInput } from '../../../../src/core/export/export-input';
import { writeProgrammeDocx } from '../../../../src/core/export/programme-docx';
import { writeItineraryDocx, writeMovementSheetDocx } from '../../../../src/core/export/visit-docx';
import {
  DEFAULT_EXPORT_OPTIONS,
  type ItineraryExport,
  type MovementSheetExport,
} from '../../../../src/shared/domain/export';
import { AppError } from '../../../../src/shared/errors';
import { readDocx } from './docx-reader';
import { type PrintedFile, type PrintedWord, printed } from './pdf-pages';
import { PERSON, SESSION, visitInput, visitProgramme, visitProgrammeTypedInEnglish } from './seed-004-input';

const ARABIC = /\p{Script=Arabic}/u;
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

type Options = Omit<ItineraryExport, 'kind'>;
const itinerary = (options: Partial<Options> = {}) =>
  visitInput<ItineraryExport>({ kind: 'itinerary', language: 'ar', sessionId: null, ...options });
const movement = (options: Partial<Options> = {}) =>
  visitInput<MovementSheetExport>({ kind: 'movementSheet', language: 'ar', sessionId: null, ...options });

/** The page's text in reading order, the bidi marks pdftotext adds taken out. */
const textOf = (file: PrintedFile) => file.pages.join('\n').replace(BIDI, '');
/**
 * The same without spaces and colons: pdftotext moves a colon or a space
 * across the boundary of a number or a Latin run in a right-to-left line
 * («المرافقون :معالي»), which says nothing of the document.
 */
const squashed = (text: string) => text.replace(/[\s:]/g, '');
const says = (text: string, phrase: string) => squashed(text).includes(squashed(phrase));
const wordsOf = (file: PrintedFile, text: string) =>
  (file.words[0] ?? []).filter((w) => w.text.replace(BIDI, '') === text);
const sameRow = (a: PrintedWord, b: PrintedWord) => Math.abs(a.top - b.top) < 4;

/**
 * A stop's row of the table as printed: its number, and its two times on the
 * same line (the heading lines above carry the tour's start too, on a line of their own).
 */
function stopRow(file: PrintedFile, n: number, times: readonly string[]) {
  for (const number of wordsOf(file, String(n))) {
    const cells = times.map((t) => wordsOf(file, t).find((w) => sameRow(w, number)));
    if (cells.every((c): c is PrintedWord => c !== undefined)) return { number, times: cells };
  }
  throw new Error(`no row numbered ${n} with ${times.join(', ')} on the first page`);
}

/** Whether `a` is printed right of `b`, row after row. */
const rightOf = (a: PrintedWord, b: PrintedWord) => a.x > b.x;

/** The stops' times in seed 004: arrival, departure. */
const TIMES = [
  ['10:45', '11:15'],
  ['11:30', '12:10'],
  ['12:20', '12:45'],
] as const;

describe("the guests' itinerary (seed 004)", () => {
  it('lists the three stops in order with their times on site, right to left in Arabic', async () => {
    const bytes = await writeItineraryDocx(itinerary());
    const file = await printed(bytes, 'docx');
    const text = textOf(file);
    const order = ['بوكالة الخدمات', 'وكالة التعمير والمشاريع', 'غرفة التحكم والعمليات'].map((s) => text.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    let previousTop = 0;
    for (const [i, [arrive, leave]] of TIMES.entries()) {
      const { number, times } = stopRow(file, i + 1, [arrive, leave]);
      const [from, to] = times as [PrintedWord, PrintedWord];
      // Right to left: the number column on the right, and the start of the range right of its end.
      expect(rightOf(number, from) && rightOf(from, to)).toBe(true);
      // Stop after stop down the page.
      expect(number.top).toBeGreaterThan(previousTop);
      previousTop = number.top;
    }
    // Who receives them: the directory's host by protocol name and position, and the names typed.
    expect(text).toContain('المهندس خالد الدوسري');
    expect(text).toContain('وكيل الأمين للخدمات');
    expect(text).toContain('مدير إدارة الأزمات والكوارث');
    // The party that goes round with the guests, in the order set, and where the tour ends.
    expect(says(text, 'المرافقون: معالي المهندس فهد الجبير وسعادة الدكتورة أمل الشقير')).toBe(true);
    expect(text).toContain('نهاية الجولة');
    expect(text).toContain('13:05');
    // The stops run five minutes past the tour's 13:00: the paper says so.
    expect(text).toContain('تنتهي المحطات بعد الوقت المحدد للجولة');
    const doc = await readDocx(bytes);
    expect(doc.document).toContain('<w:bidiVisual/>');
    expect(doc.document).toContain('<w:bidi/>');
  });

  it('is all English in English, its typed hosts in their English names', async () => {
    const file = await printed(await writeItineraryDocx(itinerary({ language: 'en' })), 'docx');
    const text = textOf(file);
    expect(ARABIC.test(text)).toBe(false);
    const order = ['940 call centre', 'Construction and Projects Agency', 'Crisis and Disaster'].map((s) =>
      text.indexOf(s),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Eng. Khalid Al-Dosari');
    expect(text).toContain('Deputy Mayor for Construction');
    expect(text).toContain('Accompanying party: H.E. Eng. Fahd Al-Jubair and H.E. Dr. Amal Al-Shuqair');
    for (const [i, [arrive, leave]] of TIMES.entries()) {
      const { number, times } = stopRow(file, i + 1, [arrive, leave]);
      const [from, to] = times as [PrintedWord, PrintedWord];
      // Left to right: the number first, then the range from its start.
      expect(rightOf(from, number) && rightOf(to, from)).toBe(true);
    }
  });

  it('writes the times in Arabic-Indic digits where chosen, and no warning when the stops fit', async () => {
    const fitting = {
      ...visitProgramme,
      sessions: visitProgramme.sessions.map((s) => (s.id === SESSION.tour ? { ...s, end: 13 * 60 + 5 } : s)),
    };
    const input: ExportInput<ItineraryExport> = { ...itinerary({ sessionId: SESSION.tour }), programme: fitting };
    const file = await printed(
      await writeItineraryDocx({ ...input, settings: { ...input.settings, digits: 'arab' } }),
      'docx',
    );
    const text = textOf(file);
    expect(text).toContain('١٠:٤٥');
    expect(text).toContain('١٣:٠٥');
    expect(text).toContain('نهاية الجولة');
    expect(text).not.toContain('13:05');
    expect(text).not.toContain('تنتهي المحطات بعد');
  });
});

describe("the drivers' movement sheet (seed 004)", () => {
  it('gives each stop its arrival, departure, drive, address and map link, cars and contacts, across the page', async () => {
    const file = await printed(await writeMovementSheetDocx(movement()), 'docx');
    const size = file.sizes[0];
    expect(size && size.width > size.height).toBe(true);
    const text = textOf(file);
    for (const [i, [arrive, leave]] of TIMES.entries()) {
      const { number, times } = stopRow(file, i + 1, [arrive, leave]);
      const [from, to] = times as [PrintedWord, PrintedWord];
      // Columns right to left: number, arrival, departure.
      expect(rightOf(number, from) && rightOf(from, to)).toBe(true);
    }
    for (const drive of ['15 دقيقة', '10 دقيقة', '20 دقيقة']) expect(says(text, drive)).toBe(true);
    expect(says(text, 'طريق الملك فهد، الدمام')).toBe(true);
    expect(wordsOf(file, 'https://maps.example.com/?q=26.43,50.10')).toHaveLength(1);
    expect(says(text, 'السيارة 2: الوفد المرافق')).toBe(true);
    // The host's mobile and the site's telephone keep their order inside the Arabic cell.
    const lines = (file.visualLines[0] ?? []).map((l) => l.text.replace(BIDI, ''));
    expect(lines.some((l) => l.includes('+966 50 123 4567'))).toBe(true);
    expect(lines.some((l) => l.includes('013 834 0000'))).toBe(true);
    expect(text).toContain('13:05');
  });

  it('is all English in English when the stops are typed in English', async () => {
    const input = { ...movement({ language: 'en' }), programme: visitProgrammeTypedInEnglish };
    const file = await printed(await writeMovementSheetDocx(input), 'docx');
    const text = textOf(file);
    expect(ARABIC.test(text)).toBe(false);
    for (const heading of ['Arrival', 'Departure', 'Drive to next', 'Address and map', 'Vehicles', 'Contacts']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('King Fahd Road, Dammam');
    expect(text).toContain('Site telephone: 013 834 0000');
    expect(text).toContain('The tour is over, the drive back done, at 13:05');
    const { number, times } = stopRow(file, 1, ['10:45', '11:15']);
    const [from, to] = times as [PrintedWord, PrintedWord];
    expect(rightOf(from, number) && rightOf(to, from)).toBe(true);
  });
});

describe("a visit paper's place in English", () => {
  it('prints a typed place in its English form, and marked, never in Arabic silently, when it has none', async () => {
    const withPlace = (placeEn: string) => ({
      ...visitProgramme,
      sessions: visitProgramme.sessions.map((s) =>
        s.id === SESSION.tour ? { ...s, hallId: null, place: 'مقر الأمانة', placeEn } : s,
      ),
    });
    const options = { language: 'en' as const, sessionId: SESSION.tour };
    const papers = [
      (placeEn: string) => writeItineraryDocx({ ...itinerary(options), programme: withPlace(placeEn) }),
      (placeEn: string) => writeMovementSheetDocx({ ...movement(options), programme: withPlace(placeEn) }),
    ];
    for (const write of papers) {
      const paragraphs = async (placeEn: string) =>
        (await readDocx(await write(placeEn))).paragraphs.map((p) => p.replace(BIDI, ''));
      expect(await paragraphs('Municipality headquarters')).toContain('Place: Municipality headquarters');
      expect(await paragraphs('')).toContain('Place: [Arabic only: مقر الأمانة]');
    }
  });

  it('prints a host or a member of the party with no English name marked, not as «Dr. أمل» in English text', async () => {
    const input = itinerary({ language: 'en', sessionId: SESSION.tour });
    const directory = {
      ...input.directory,
      people: input.directory.people.map((p) =>
        p.id === PERSON.deputy || p.id === PERSON.servicesHead ? { ...p, nameEn: '' } : p,
      ),
    };
    const text = (await readDocx(await writeItineraryDocx({ ...input, directory }))).paragraphs
      .map((p) => p.replace(BIDI, ''))
      .join('\n');
    expect(text).toContain('H.E. Dr. [Arabic only: أمل الشقير]');
    expect(text).toContain('Eng. [Arabic only: خالد الدوسري]');
  });
});

describe('a visit paper with nothing to print', () => {
  it('is refused with its reason when no field visit has stops, or the one asked for has none or is gone', async () => {
    const bare = {
      ...visitProgramme,
      sessions: visitProgramme.sessions.map((s) => ({ ...s, stops: [] })),
    };
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => error,
      );
    const none = await refusal(writeItineraryDocx({ ...itinerary(), programme: bare }));
    expect(none).toBeInstanceOf(AppError);
    expect((none as AppError).code).toBe('conflict');
    expect((none as AppError).issues?.[0]?.message).toBe('errors.visitNoStops');
    const meeting = await refusal(writeMovementSheetDocx(movement({ sessionId: SESSION.meeting })));
    expect((meeting as AppError).issues?.[0]?.message).toBe('errors.visitNoStops');
    const gone = await refusal(writeMovementSheetDocx(movement({ sessionId: crypto.randomUUID() })));
    expect((gone as AppError).code).toBe('not_found');
  });
});

describe('the programme of the visit (seed 004)', () => {
  it("prints those present under the meeting, and the tour's stops with the time each is reached", async () => {
    for (const language of ['ar', 'en'] as const) {
      const input = visitInput({ ...DEFAULT_EXPORT_OPTIONS.programme, language });
      // Read from the file: the programme's narrow columns wrap these lines, which its own tests print.
      const text = (await readDocx(await writeProgrammeDocx(input))).paragraphs.join('\n').replace(BIDI, '');
      if (language === 'ar') {
        expect(text).toContain('بحضور: سعادة الدكتورة أمل الشقير والمهندس خالد الدوسري');
        expect(text).toContain('المرافقون: معالي المهندس فهد الجبير وسعادة الدكتورة أمل الشقير');
        const stops = [
          '10:45 · مركز البلاغات 940 بوكالة الخدمات',
          '11:30 · وكالة التعمير والمشاريع',
          '12:20 · غرفة التحكم والعمليات بإدارة الأزمات والكوارث',
        ].map((line) => text.indexOf(line));
        expect(stops.every((at) => at >= 0)).toBe(true);
        expect([...stops].sort((a, b) => a - b)).toEqual(stops);
      } else {
        expect(text).toContain('In the presence of: H.E. Dr. Amal Al-Shuqair and Eng. Khalid Al-Dosari');
        expect(text).toContain('10:45 · 940 call centre, Services Agency');
        expect(text).toContain('12:20 · Crisis and Disaster Management control room');
      }
    }
  });
});
