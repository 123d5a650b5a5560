import { useCallback, useLayoutEffect, useRef } from 'react';

type FocusTarget = () => HTMLElement | null | undefined;

/**
 * Move the focus as soon as the next render is in the document, in the same
 * commit rather than on a later frame: the keys a quick typist presses right
 * after the Enter that opened a field would otherwise reach the page before the
 * field has the focus, and its first letters would be lost.
 *
 * Call the returned function together with the state change that renders the
 * target; the target is looked up only after that render. When no render
 * follows (the target is already on the screen), it is focused on the next frame.
 */
export function useFocusAfterRender(): (target: FocusTarget) => void {
  const pending = useRef<FocusTarget | null>(null);
  const focusPending = useCallback(() => {
    const target = pending.current;
    if (!target) return;
    pending.current = null;
    target()?.focus();
  }, []);
  useLayoutEffect(focusPending);
  return useCallback(
    (target) => {
      pending.current = target;
      requestAnimationFrame(focusPending);
    },
    [focusPending],
  );
}
