import { randomUUID } from 'node:crypto';
import { type Core, openCore } from '../../../../src/core/app-core';
import type { Handlers } from '../../../../src/shared/contract';
import { DEFAULT_EXPORT_OPTIONS, type HandoverExport } from '../../../../src/shared/domain/export';
import { emptyForumInput } from '../../../../src/shared/domain/forum';
import { emptyPersonInput } from '../../../../src/shared/domain/person';
import { emptyRegistrationInput } from '../../../../src/shared/domain/registration';

/** A 1×1 PNG, for a person's photo. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export async function openAt(dataDir: string, extra: Partial<Parameters<typeof openCore>[0]> = {}): Promise<Core> {
  return openCore({ dataDir, appVersion: 'test', holder: 'test', exportsDir: `${dataDir}/exports`, ...extra });
}

export interface Seeded {
  forumId: string;
  chairId: string;
  registrationIds: string[];
}

/**
 * A forum with a hall, a session chaired by a person with a photo (in an
 * organisation), and three registrants: the records a backup and a handover carry.
 */
export async function seedForum(h: Handlers, titleAr = 'الملتقى الثاني'): Promise<Seeded> {
  const forum = await h['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr, titleEn: 'Second Forum' });
  const organisationId = randomUUID();
  await h['organisations.save']({
    id: organisationId,
    nameAr: 'أمانة الشرقية',
    nameEn: '',
    kind: 'municipality',
    country: '',
    city: '',
  });
  const chairId = randomUUID();
  await h['people.save']({
    ...emptyPersonInput(),
    id: chairId,
    nameAr: 'جمال بن ناصر الملحم',
    email: 'jamal@example.org',
    organisationId,
  });
  await h['people.setPhoto']({ id: chairId, base64: PNG_BASE64 });
  const hallId = randomUUID();
  await h['programme.saveHall']({
    forumId: forum.id,
    hall: { id: hallId, nameAr: 'القاعة الكبرى', nameEn: '', capacity: 300 },
  });
  await h['programme.saveSessions']({
    forumId: forum.id,
    sessions: [
      {
        id: randomUUID(),
        kind: 'opening',
        titleAr: 'حفل الافتتاح',
        titleEn: 'Opening',
        day: '2026-12-04',
        start: 540,
        end: 600,
        hallId,
        place: '',
        chairId,
        expectedAttendance: null,
        items: [],
        headTableIds: [chairId],
        speakerOrder: [],
        presentIds: [],
        stops: [],
      },
    ],
  });
  const registrationIds: string[] = [];
  for (const [fullName, email] of [
    ['سالم العتيبي', 'salem@example.org'],
    ['منى الحربي', 'mona@example.org'],
    ['فهد الدوسري', ''],
  ] as const) {
    const r = await h['registrations.save']({
      forumId: forum.id,
      registration: { ...emptyRegistrationInput(), fullName, email, organisation: 'أمانة الشرقية' },
    });
    registrationIds.push(r.id);
  }
  return { forumId: forum.id, chairId, registrationIds };
}

/** The forum as a `.multaqa` file, through the export channels as the app makes it. */
export async function handoverFile(
  h: Handlers,
  forumId: string,
  options: Partial<HandoverExport> = {},
): Promise<{ fileName: string; base64: string }> {
  let status = await h['exports.start']({ forumId, options: { ...DEFAULT_EXPORT_OPTIONS.handover, ...options } });
  while (status.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 5));
    status = await h['exports.status']({ jobId: status.jobId });
  }
  if (status.state !== 'done') throw new Error(`handover export ${status.state}: ${status.error?.message}`);
  return h['exports.download']({ jobId: status.jobId });
}
