/** Input types whose box keeps its own undo of what was typed (Ctrl+Z there undoes typing, not the last change). */
const TYPING_INPUTS = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number']);

/**
 * Whether Ctrl+Z pressed on `target` belongs to the target itself: a text box,
 * a text area or an editable element. Anything else (a tick box in a table, a
 * button, a session on the grid, a drop-down, the page itself) leaves Ctrl+Z
 * and Ctrl+Y to the app's undo and redo.
 */
export function hasOwnUndo(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && TYPING_INPUTS.has(target.type);
}

/** A modal dialog is open over the page: the page behind it, and its undo, wait until it closes. */
export function behindModal(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('dialog[open]') !== null;
}
