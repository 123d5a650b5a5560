import { z } from 'zod';
import { councilSchema, EMPTY_COUNCIL } from '../../shared/domain/council';
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

export const FORUM_FILE_VERSION = 2;

export const forumFileSpec: DocumentSpec<ForumFile> = {
  label: 'forum',
  version: FORUM_FILE_VERSION,
  schema: forumFileSchema,
  // `n: (data) => ...` upgrades the data of a version-n file to version n+1.
  migrations: {
    1: (data) => ({ ...(data as object), programme: EMPTY_PROGRAMME }),
  },
};
