import { z } from 'zod';
import { councilSchema, EMPTY_COUNCIL } from '../../shared/domain/council';
import { defaultEditionNoun, readEditionText } from '../../shared/domain/edition';
import { forumSchema } from '../../shared/domain/forum';
import { EMPTY_PROGRAMME, programmeSchema } from '../../shared/domain/programme';
import type { DocumentSpec } from '../store/document-codec';

/**
 * One forum's file, `forums/<id>.json`: the forum record and its programme
 * (halls, sessions, delegations: hundreds of records at most). Registrations,
 * which run to thousands, get a file of their own beside it so that moving a
 * session never rewrites them. A council session's members, attendance,
 * agenda and decisions (`council`) are here too; files written before they
 * existed read as an empty council.
 */
export const forumFileSchema = z.object({
  forum: forumSchema,
  programme: programmeSchema,
  council: councilSchema.default(EMPTY_COUNCIL),
});
export type ForumFile = z.infer<typeof forumFileSchema>;

export const FORUM_FILE_VERSION = 3;

export const forumFileSpec: DocumentSpec<ForumFile> = {
  label: 'forum',
  version: FORUM_FILE_VERSION,
  schema: forumFileSchema,
  // `n: (data) => ...` upgrades the data of a version-n file to version n+1.
  migrations: {
    1: (data) => ({ ...(data as object), programme: EMPTY_PROGRAMME }),
    2: editionAsData,
  },
};

/**
 * Version 3 keeps the edition as a number and a noun. A version-2 edition
 * typed as «الثاني», «الدورة الـ55» or "2nd" becomes that number (its text
 * cleared); one that reads as no number ("الدورة الاستثنائية") stays as it was
 * written and prints so. Whatever the text, the file opens.
 */
function editionAsData(data: unknown): unknown {
  if (!data || typeof data !== 'object' || !('forum' in data)) return data;
  const forum = data.forum;
  if (!forum || typeof forum !== 'object') return data;
  // A number typed into a file by hand is read as the edition it says.
  const raw = 'edition' in forum ? forum.edition : '';
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
  const kind = 'kind' in forum && typeof forum.kind === 'string' ? forum.kind : 'forum';
  const read = readEditionText(text, kind);
  const edition = read ? { ...read, edition: '' } : { editionNumber: null, editionStyle: 'words', edition: text };
  const noun = read?.editionNoun ?? defaultEditionNoun(kind);
  return { ...data, forum: { ...forum, ...edition, editionNoun: noun } };
}
