import { findConflicts } from '../src/core/programme/conflicts';
import { addDays } from '../src/shared/calendar/hijri';
import type { Hall, Session } from '../src/shared/domain/programme';
import { newSession } from '../src/shared/domain/programme-edit';
import { FIRST_REVISION } from '../src/shared/domain/revision';
import { measure, report } from './measure';

/**
 * The scale of a large forum: a three-day forum, 4 halls, 150 sessions, 400 people.
 * Target: the full conflict check under 5 ms. Baseline: a bare pairwise loop
 * that only compares the sessions' intervals (the least any check must do).
 */
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const people = Array.from({ length: 400 }, (_, i) => id(10_000 + i));
const halls: Hall[] = Array.from({ length: 4 }, (_, i) => ({
  id: id(i + 1),
  nameAr: `قاعة ${i + 1}`,
  nameEn: '',
  capacity: 150,
  updatedAt: FIRST_REVISION,
}));
const pick = () => people[Math.floor(random() * people.length)] ?? null;

const sessions: Session[] = Array.from({ length: 150 }, (_, i) => {
  const start = 8 * 60 + Math.floor(random() * 9) * 60;
  return newSession(id(1000 + i), {
    titleAr: `الجلسة ${i + 1}`,
    day: addDays('2026-12-04', i % 3),
    start,
    end: start + 45 + Math.floor(random() * 4) * 15,
    hallId: halls[i % 4]?.id ?? null,
    chairId: pick(),
    expectedAttendance: 100,
    items: Array.from({ length: 4 }, (_, j) => ({
      id: id(100_000 + i * 10 + j),
      kind: 'paper' as const,
      titleAr: 'ورقة عمل',
      titleEn: '',
      personId: pick(),
      nameWithoutRecord: '',
    })),
  });
});
const programme = {
  firstDay: '2026-12-04',
  lastDay: '2026-12-06',
  expectedAttendance: 300,
  halls,
  sessions,
  personIds: new Set(people),
};

const baseline = measure(() => {
  let overlaps = 0;
  for (let i = 0; i < sessions.length; i++) {
    const a = sessions[i] as Session;
    for (let j = i + 1; j < sessions.length; j++) {
      const b = sessions[j] as Session;
      if (a.day === b.day && a.start < b.end && b.start < a.end) overlaps++;
    }
  }
  return overlaps;
});
const full = measure(() => findConflicts(programme));
const found = findConflicts(programme).length;
report('baseline: bare pairwise interval loop', baseline);
report(`findConflicts (150 sessions, ${found} conflicts)`, full, baseline);
console.log(`target: under 5 ms — ${full.median < 5 ? 'met' : 'NOT met'}`);
