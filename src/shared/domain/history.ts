import { z } from 'zod';

/**
 * How an undoable change is named to the user: the channel that made it (the
 * renderer words it, `history.action.<channel>`) and the record it touched,
 * in both languages so the label reads right after a language switch.
 */
export const historyLabelSchema = z.object({
  action: z.string(),
  subject: z.object({ ar: z.string(), en: z.string() }),
  count: z.number().int(),
});
export type HistoryLabel = z.infer<typeof historyLabelSchema>;

export const historyStateSchema = z.object({
  undo: historyLabelSchema.nullable(),
  redo: historyLabelSchema.nullable(),
  undoDepth: z.number().int(),
});
export type HistoryState = z.infer<typeof historyStateSchema>;

export const historyResultSchema = z.object({
  state: historyStateSchema,
  label: historyLabelSchema,
  forumIds: z.array(z.string()),
  directory: z.boolean(),
});

export function historyLabel(action: string, subject: { ar: string; en: string }, count = 1): HistoryLabel {
  return { action, subject: { ar: subject.ar || subject.en, en: subject.en || subject.ar }, count };
}
export type HistoryResult = z.infer<typeof historyResultSchema>;
