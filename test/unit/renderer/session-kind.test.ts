import { describe, expect, it } from 'vitest';
import {
  kindTitle,
  sessionByHand,
  withKind,
  withTitle,
} from '../../../src/renderer/src/features/programme/session-kind';
import { FORUM_KINDS } from '../../../src/shared/domain/forum';
import { BREAK_KINDS, takesNoHall } from '../../../src/shared/domain/programme';
import { applyTemplate } from '../../../src/shared/domain/programme-templates';

const HALL = '00000000-0000-4000-8000-000000000001';
let n = 100;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const AT = { day: '2026-12-04', start: 600, end: 630 };

describe('a session kind carries its defaults', () => {
  it('the same by hand as from every day template: title in both languages, no hall for breaks', () => {
    for (const forumKind of FORUM_KINDS) {
      for (const fromTemplate of applyTemplate(forumKind, AT.day, HALL, id)) {
        const byHand = sessionByHand(id(), { ...AT, kind: fromTemplate.kind }, HALL);
        const what = `${forumKind} ${fromTemplate.kind}`;
        expect(byHand.hallId, what).toBe(fromTemplate.hallId);
        // Breaks are named by their kind; a template's other sessions have titles of their own.
        if (BREAK_KINDS.has(fromTemplate.kind)) {
          expect(byHand.titleAr, what).toBe(fromTemplate.titleAr);
          expect(byHand.titleEn, what).toBe(fromTemplate.titleEn);
        }
      }
    }
  });

  it('a coffee break chosen in the editor gets its title and spans all halls', () => {
    const papers = sessionByHand(id(), AT, HALL);
    expect(papers).toMatchObject({ kind: 'papers', titleAr: 'جلسة أوراق عمل', hallId: HALL });
    const coffee = withKind(papers, 'coffee_break', HALL);
    expect(coffee).toMatchObject({ titleAr: 'استراحة قهوة', titleEn: 'Coffee break', hallId: null });
    expect(takesNoHall(coffee.kind)).toBe(true);
    // Back to a working session: its hall again.
    expect(withKind(coffee, 'workshop', HALL)).toMatchObject({ titleAr: 'ورشة عمل', hallId: HALL });
  });

  it('keeps a title the user typed, and a hall chosen for a hall kind', () => {
    const typed = { ...sessionByHand(id(), AT, HALL), titleAr: 'الجلسة الأولى: التخطيط الحضري', titleEn: '' };
    const panel = withKind(typed, 'panel', 'another-hall');
    expect(panel).toMatchObject({ titleAr: 'الجلسة الأولى: التخطيط الحضري', titleEn: kindTitle('panel').titleEn });
    expect(panel.hallId).toBe(HALL);
  });

  it("drops the other language's kind name once a real title is typed, and keeps a typed one", () => {
    const workshop = sessionByHand(id(), { ...AT, kind: 'workshop' }, HALL);
    const titled = withTitle(workshop, 'titleAr', 'ورشة جانبية: نظم المعلومات الجغرافية');
    expect(titled).toMatchObject({ titleAr: 'ورشة جانبية: نظم المعلومات الجغرافية', titleEn: '' });
    const both = withTitle({ ...workshop, titleEn: 'GIS side workshop' }, 'titleAr', 'ورشة نظم المعلومات');
    expect(both.titleEn).toBe('GIS side workshop');
    // Clearing a title is no title of one's own: the other stays.
    expect(withTitle(workshop, 'titleAr', '').titleEn).toBe('Workshop');
  });
});
