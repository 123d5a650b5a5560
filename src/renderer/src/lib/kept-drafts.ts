import { type Dispatch, type SetStateAction, useLayoutEffect, useState } from 'react';

/**
 * What a form holds, kept outside React while the form is open, so that when
 * a page breaks (its error boundary replaces the page) and the user tries
 * again, the form comes back with what was typed. A form closed the ordinary
 * way (saved, discarded, left) forgets its draft.
 */
const kept = new Map<string, unknown>();
/** Set while an error boundary takes a broken page down: the forms unmounting then keep their drafts. */
let pageBreaking = false;

export function markPageBreaking(breaking: boolean): void {
  pageBreaking = breaking;
}

/** Drops every kept draft: the user chose to leave the broken page. */
export function forgetKeptDrafts(): void {
  kept.clear();
}

/** `useState` for a form's draft, kept under `key` (one form and record: "forum:<id>", "person:new"). */
export function useKeptDraft<T>(key: string, initial: T): [T, Dispatch<SetStateAction<T>>] {
  const [draft, setDraft] = useState<T>(() => (kept.has(key) ? (kept.get(key) as T) : initial));
  // Written while rendering, not in an effect: the render that breaks the page never commits, and its
  // draft (the last key typed) is the one to keep. Writing the same value twice is harmless.
  kept.set(key, draft);
  // A layout effect's cleanup runs while the broken page is taken down, before the boundary is told.
  useLayoutEffect(
    () => () => {
      if (!pageBreaking) kept.delete(key);
    },
    [key],
  );
  return [draft, setDraft];
}
