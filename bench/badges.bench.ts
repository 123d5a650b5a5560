import bwipjs from 'bwip-js/node';
import { Paragraph, TableCell, TextRun } from 'docx';
import { writeBadges } from '../src/core/export/badges';
import { code128 } from '../src/core/export/barcode';
import { pieceTable } from '../src/core/export/card-layout';
import { packDocx } from '../src/core/export/docx-kit';
import { ExportProgress } from '../src/core/export/export-progress';
import { DEFAULT_EXPORT_OPTIONS } from '../src/shared/domain/export';
import { REGISTRATION_CATEGORIES } from '../src/shared/domain/registration';
import { seedInput } from '../test/unit/core/export/seed-002-input';
import { measureAsync, report } from './measure';
import { existingRegistrations } from './registrant-data';

/**
 * The target: 1,000 name badges (four to an A4 sheet, Arabic, each with
 * its Code 128 barcode) written to a Word file in under 5 s. Baseline: the
 * same 1,000 names as plain text in a table of the same 250 sheets, packed the
 * same way (Amiri embedded): what docx alone costs. The barcodes are timed on
 * their own, drawn cold (a code never drawn before) and from the cache, beside
 * bwip-js's own PNG renderer.
 */
const registrations = existingRegistrations(1_000).map((r, i) => ({
  ...r,
  category: REGISTRATION_CATEGORIES[i % REGISTRATION_CATEGORIES.length] ?? 'participant',
  position: 'مدير إدارة التخطيط العمراني',
  code: String(500_001 + i),
}));
const input = () => ({
  ...seedInput({ ...DEFAULT_EXPORT_OPTIONS.badges }),
  registrations,
  progress: new ExportProgress(),
});

let bytes = 0;
const bare = await measureAsync(
  async () => {
    const cells = registrations.map(
      (r) => new TableCell({ children: [new Paragraph({ children: [new TextRun(r.fullName)] })] }),
    );
    const rows = [];
    for (let i = 0; i < cells.length; i += 2) rows.push({ height: 139, cells: cells.slice(i, i + 2) });
    const table = pieceTable({ rightToLeft: true, columns: [98, 98], rows });
    await packDocx({ title: 'bare', lang: 'ar', fonts: input().fonts, sections: [{ children: [table] }] });
  },
  5,
  1,
);
const badges = await measureAsync(
  async () => {
    bytes = (await writeBadges(input())).length;
  },
  5,
  1,
);
report('baseline: 1,000 names in a table, packed', bare);
report('1,000 badges, A4 4-up, barcodes cached', badges, bare);
console.log(`file: ${(bytes / 1024 / 1024).toFixed(1)} MB, 250 sheets`);

// The first export of a forum draws every barcode: codes not drawn before.
let next = 900_001;
const cold = await measureAsync(
  async () => {
    for (let i = 0; i < 1_000; i++) code128(String(next++));
  },
  5,
  1,
);
const firstExport = await measureAsync(
  async () => {
    const fresh = registrations.map((r) => ({ ...r, code: String(next++) }));
    await writeBadges({ ...input(), registrations: fresh });
  },
  5,
  1,
);
const bwip = await measureAsync(
  async () => {
    for (let i = 0; i < 100; i++)
      await bwipjs.toBuffer({ bcid: 'code128', text: String(next++), scale: 4, height: 12 });
  },
  3,
  1,
);
report('1,000 barcodes drawn cold (bwip-js raw + PNG here)', cold);
report('1,000 barcodes by bwip-js toBuffer (100 × 10)', { median: bwip.median * 10, p95: bwip.p95 * 10 });
report('1,000 badges, first export (every barcode cold)', firstExport, bare);
const worst = Math.max(badges.median, firstExport.median);
console.log(`target: 1,000 badges under 5 s — ${worst < 5_000 ? 'met' : 'NOT met'} (${(worst / 1000).toFixed(2)} s)`);
