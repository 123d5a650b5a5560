import { z } from 'zod';
import { forumSchema } from '../../shared/domain/forum';
import type { DocumentSpec } from '../store/document-codec';

/**
 * One forum's file, `forums/<id>.json`. Later issues add the programme and the
 * registrations beside the forum record, each as its own file when it can grow
 * large, so that an edit rewrites only what it touched.
 */
export const forumFileSchema = z.object({ forum: forumSchema });
export type ForumFile = z.infer<typeof forumFileSchema>;

export const FORUM_FILE_VERSION = 1;

export const forumFileSpec: DocumentSpec<ForumFile> = {
  label: 'forum',
  version: FORUM_FILE_VERSION,
  schema: forumFileSchema,
  // Add `n: (data) => ...` here to upgrade a version-n file when the format changes.
  migrations: {},
};
