import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { ExportInput } from '../src/core/export/export-input';
import { ExportProgress } from '../src/core/export/export-progress';
import { writeProgrammeDocx } from '../src/core/export/programme-docx';
import { addDays } from '../src/shared/calendar/hijri';
import { DEFAULT_EXPORT_OPTIONS, type ProgrammeExport } from '../src/shared/domain/export';
import type { Session } from '../src/shared/domain/programme';
import { DEFAULT_SETTINGS } from '../src/shared/domain/settings';
import { makeForumData } from './forum-data';
import { measureAsync, report } from './measure';

/**
 * The Word programme of a forum with 200 sessions, under 300 ms.
 * The large forum of forum-data.ts (3 days, 4 halls, 150 sessions, 400 people) gets a fourth
 * day copied from its first, for 200 sessions. Written in Arabic with Amiri
 * embedded (the default; the target applies to it), and in both languages side
 * by side with the bios (twice the text, reported beside it). Baseline: a bare
 * docx document of the same cells' text, one plain table per day, no styling
 * and no embedded font, packed by the same library in this run.
 */
const { forumFile, directory } = makeForumData();
const { forum, programme } = forumFile;
const extraDay = addDays(forum.lastDay, 1);
const copied: Session[] = programme.sessions
  .filter((s) => s.day === forum.firstDay)
  .map((s, i) => ({ ...s, id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, day: extraDay }));
const sessions = [...programme.sessions, ...copied];
const fontsDir = 'resources/fonts';
const fonts = {
  name: 'Amiri' as const,
  embedded: {
    regular: readFileSync(`${fontsDir}/Amiri-Regular.ttf`),
    bold: readFileSync(`${fontsDir}/Amiri-Bold.ttf`),
  },
};

function input(options: Partial<ProgrammeExport>): ExportInput<ProgrammeExport> {
  return {
    forum: { ...forum, lastDay: extraDay },
    programme: { ...programme, sessions },
    directory,
    registrations: [],
    options: { ...DEFAULT_EXPORT_OPTIONS.programme, ...options },
    settings: DEFAULT_SETTINGS,
    fonts,
    progress: new ExportProgress(),
    now: new Date(),
    photo: async () => null,
    appVersion: 'bench',
  };
}

const people = new Map(directory.people.map((p) => [p.id, p.nameAr]));
async function bareDocx(): Promise<Buffer> {
  const days = [...new Set(sessions.map((s) => s.day))].sort();
  const tables = days.map(
    (day) =>
      new Table({
        rows: sessions
          .filter((s) => s.day === day)
          .map(
            (s) =>
              new TableRow({
                children: [
                  `${s.start}–${s.end}`,
                  s.titleAr,
                  s.speakerOrder.map((id) => people.get(id) ?? '').join('\n'),
                  s.hallId ?? '',
                ].map((text) => new TableCell({ children: [new Paragraph(text)] })),
              }),
          ),
      }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children: tables }] }));
}

console.log(
  `Programme: ${sessions.length} sessions over ${new Set(sessions.map((s) => s.day)).size} days, target < 300 ms`,
);
const baseline = await measureAsync(bareDocx, 9, 2);
report('bare docx, same cells, no styling or font', baseline);
const arabic = await measureAsync(() => writeProgrammeDocx(input({})), 9, 2);
report('Word programme, Arabic, Amiri embedded', arabic, baseline);
const both = await measureAsync(() => writeProgrammeDocx(input({ language: 'both', includeBios: true })), 9, 2);
report('Word programme, both languages side by side', both, baseline);
const size = (await writeProgrammeDocx(input({}))).length;
console.log(`file size ${(size / 1024).toFixed(0)} KB (of which the two Amiri faces, compressed, most)`);
// The target is for the programme as it is usually printed (one language); both languages with bios is twice the text.
console.log(
  `${arabic.median < 300 ? 'within' : 'OVER'} target: Arabic programme median ${arabic.median.toFixed(0)} ms < 300 ms`,
);
