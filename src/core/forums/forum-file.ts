import { z } from 'zod';
import { forumSchema } from '../../shared/domain/forum';
import { EMPTY_PROGRAMME, programmeSchema } from '../../shared/domain/programme';
import type { DocumentSpec } from '../store/document-codec';

/**
 * One forum's file, `forums/<id>.json`: the forum record and its programme
 * (halls, sessions, delegations: hundreds of records at most). Registrations,
 * which run to thousands, get a file of their own beside it so that moving a
 * session never rewrites them.
 */
export const forumFileSchema = z.object({ forum: forumSchema, programme: programmeSchema });
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
