import { clockMinutes } from '../calendar/clock';
import { newFieldStop } from './field-visit';
import type { ForumKind } from './forum';
import { type Session, type SessionKind, takesNoHall } from './programme';
import { newSession } from './programme-edit';

/**
 * A typical day for each kind of event, as coordinators lay them out in the
 * seeds (docs/domain.md, "The events"). Applied to an empty day, then edited.
 */
interface TemplateSlot {
  kind: SessionKind;
  titleAr: string;
  titleEn: string;
  /** "HH:MM" */
  from: string;
  to: string;
  /** A field visit's stops, in order; their times fill the slot exactly. */
  stops?: readonly TemplateStop[];
}

interface TemplateStop {
  placeAr: string;
  placeEn: string;
  onSiteMinutes: number;
  travelMinutes: number;
}

const slot = (
  kind: SessionKind,
  from: string,
  to: string,
  titleAr: string,
  titleEn: string,
  stops?: readonly TemplateStop[],
): TemplateSlot => ({ kind, from, to, titleAr, titleEn, ...(stops ? { stops } : {}) });

const stop = (placeAr: string, placeEn: string, onSiteMinutes: number, travelMinutes: number): TemplateStop => ({
  placeAr,
  placeEn,
  onSiteMinutes,
  travelMinutes,
});

export const DAY_TEMPLATES: Readonly<Record<ForumKind, readonly TemplateSlot[]>> = {
  forum: [
    slot('registration', '08:00', '09:00', 'التسجيل والاستقبال', 'Registration and reception'),
    slot('opening', '09:00', '10:00', 'حفل الافتتاح', 'Opening ceremony'),
    slot('coffee_break', '10:00', '10:30', 'استراحة قهوة', 'Coffee break'),
    slot('papers', '10:30', '12:00', 'الجلسة الأولى: أوراق العمل', 'First session: working papers'),
    slot('prayer_break', '12:00', '12:30', 'استراحة صلاة', 'Prayer break'),
    slot('papers', '12:30', '14:00', 'الجلسة الثانية: أوراق العمل', 'Second session: working papers'),
    slot('lunch', '14:00', '15:00', 'غداء', 'Lunch'),
    slot('panel', '15:00', '16:00', 'جلسة حوارية', 'Panel discussion'),
    slot('closing', '16:00', '16:30', 'الجلسة الختامية والتوصيات', 'Closing session and recommendations'),
  ],
  workshop: [
    slot('registration', '08:30', '09:00', 'التسجيل', 'Registration'),
    slot('opening', '09:00', '09:15', 'كلمة افتتاحية', 'Opening word'),
    slot('workshop', '09:15', '10:30', 'ورشة العمل: الجزء الأول', 'Workshop: part one'),
    slot('coffee_break', '10:30', '10:45', 'استراحة قهوة', 'Coffee break'),
    slot('workshop', '10:45', '12:00', 'ورشة العمل: الجزء الثاني', 'Workshop: part two'),
    slot('discussion', '12:00', '12:30', 'نقاش مفتوح', 'Open discussion'),
    slot('closing', '12:30', '12:45', 'الختام والتوصيات', 'Closing and recommendations'),
  ],
  council_session: [
    slot('registration', '08:30', '09:00', 'التسجيل', 'Registration'),
    slot('opening', '09:00', '10:00', 'الجلسة الافتتاحية', 'Opening session'),
    slot('coffee_break', '10:00', '10:30', 'استراحة قهوة', 'Coffee break'),
    slot('discussion', '10:30', '12:00', 'مناقشة بنود جدول الأعمال', 'Agenda items'),
    slot('prayer_break', '12:00', '12:30', 'استراحة صلاة', 'Prayer break'),
    slot('discussion', '12:30', '13:30', 'تقارير المؤسسات', "Institutions' reports"),
    slot('lunch', '13:30', '14:30', 'غداء', 'Lunch'),
    slot('side_meeting', '14:30', '15:30', 'اجتماعات على هامش الدورة', 'Side meetings'),
    slot('closing', '15:30', '16:00', 'القرارات والتوصيات', 'Decisions and recommendations'),
  ],
  periodic_meeting: [
    slot('registration', '08:30', '09:00', 'التسجيل', 'Registration'),
    slot('opening', '09:00', '09:30', 'كلمة الترحيب', 'Welcome'),
    slot('discussion', '09:30', '11:00', 'بنود جدول الأعمال', 'Agenda items'),
    slot('coffee_break', '11:00', '11:30', 'استراحة قهوة', 'Coffee break'),
    slot('discussion', '11:30', '13:00', 'برامج التدريب والتبادل', 'Training and exchange programmes'),
    slot('lunch', '13:00', '14:00', 'غداء', 'Lunch'),
    slot('closing', '14:00', '14:30', 'الختام', 'Closing'),
  ],
  // The meeting's officials (بحضور) are the coordinator's to name; the tour's three stops are laid out.
  official_visit: [
    slot('registration', '09:00', '09:15', 'الاستقبال والترحيب', 'Reception and welcome'),
    slot('side_meeting', '09:15', '10:45', 'اجتماع وعروض تعريفية', 'Meeting and presentations'),
    slot('field_visit', '10:45', '12:30', 'جولة ميدانية', 'Field visit', [
      stop('مركز البلاغات', 'Call centre', 25, 10),
      stop('وكالة المشاريع', 'Projects agency', 25, 10),
      stop('غرفة التحكم والعمليات', 'Control and operations room', 25, 10),
    ]),
    slot('prayer_break', '12:30', '13:00', 'استراحة صلاة', 'Prayer break'),
    slot('lunch', '13:00', '14:00', 'غداء', 'Lunch'),
  ],
};

/**
 * The sessions of a template for one day. Breaks and registration stop the
 * whole programme, so they take no hall (the day view spans them across all
 * halls); field visits leave the building; the rest go to `hallId`.
 */
export function applyTemplate(kind: ForumKind, day: string, hallId: string | null, makeId: () => string): Session[] {
  return DAY_TEMPLATES[kind].map((s) =>
    newSession(makeId(), {
      kind: s.kind,
      titleAr: s.titleAr,
      titleEn: s.titleEn,
      day,
      start: clockMinutes(s.from),
      end: clockMinutes(s.to),
      hallId: takesNoHall(s.kind) ? null : hallId,
      stops: (s.stops ?? []).map((t) => newFieldStop(makeId(), t)),
    }),
  );
}
