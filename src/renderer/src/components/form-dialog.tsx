import {
  createContext,
  type ReactNode,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusAfterRender } from '../lib/focus-after-render';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * The one rule every form follows (the event form, the session editor, the
 * person, delegation and registration forms): a form with unsaved changes
 * never closes without asking — not by Escape, not by its close button, not by
 * leaving for another page or tab, not by reloading or closing the window.
 * Escape pressed inside a picker or a popup closes only that: pickers call
 * `preventDefault()` on the Escape they use, and the rule leaves such a key alone.
 */

interface OpenForm {
  isDirty(): boolean;
  /** Closes the form, asking first when it holds unsaved changes. */
  requestClose(): void;
  /** The form's own element; a key pressed inside another modal dialog is that dialog's business. */
  element(): HTMLElement | null;
}

interface FormGuardValue {
  /** Forms register while they are open; the last one opened answers Escape. */
  register(form: OpenForm): () => void;
  /** What had the focus last, outside the forms: what opened the form being opened now. */
  lastFocused(): HTMLElement | null;
  /** Runs `then` at once when no open form holds unsaved changes, otherwise after the user agrees to discard them. */
  leave(then: () => void): void;
}

const FormGuardContext = createContext<FormGuardValue | null>(null);

export function FormGuardProvider(props: { children: ReactNode }) {
  const { t } = useTranslation();
  const forms = useRef<OpenForm[]>([]);
  const [question, setQuestion] = useState<(() => void) | null>(null);
  const asking = question !== null;

  const register = useCallback((form: OpenForm) => {
    forms.current.push(form);
    return () => {
      forms.current = forms.current.filter((f) => f !== form);
    };
  }, []);

  const focused = useRef<HTMLElement | null>(null);
  const lastFocused = useCallback(() => focused.current, []);
  useEffect(() => {
    // Recorded as it happens: by the time a form mounts, the button that opened it may be gone with its page.
    const onFocus = (event: FocusEvent) => {
      if (
        event.target instanceof HTMLElement &&
        !forms.current.some((f) => f.element()?.contains(event.target as Node))
      )
        focused.current = event.target;
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);

  const leave = useCallback((then: () => void) => {
    if (forms.current.some((f) => f.isDirty())) setQuestion(() => then);
    else then();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || asking) return;
      const top = forms.current.at(-1);
      if (!top) return;
      // Escape in a confirmation opened over the form belongs to that confirmation.
      const inDialog = event.target instanceof Element ? event.target.closest('dialog') : null;
      if (inDialog && inDialog !== top.element() && !inDialog.contains(top.element())) return;
      // Also stops a native <dialog> from closing itself before the question is asked.
      event.preventDefault();
      top.requestClose();
    };
    // Reloading, closing the tab or the window: the browser (or the desktop shell) asks.
    const onUnload = (event: BeforeUnloadEvent) => {
      if (!forms.current.some((f) => f.isDirty())) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [asking]);

  const value = useMemo(() => ({ register, leave, lastFocused }), [register, leave, lastFocused]);
  return (
    <FormGuardContext.Provider value={value}>
      {props.children}
      {question && (
        <ConfirmDialog
          title={t('unsaved.title')}
          body={t('unsaved.body')}
          confirmLabel={t('unsaved.discard')}
          cancelLabel={t('unsaved.keep')}
          danger
          testId="unsaved-question"
          onConfirm={() => {
            setQuestion(null);
            question();
          }}
          onCancel={() => setQuestion(null)}
        />
      )}
    </FormGuardContext.Provider>
  );
}

function useFormGuard(): FormGuardValue {
  const value = useContext(FormGuardContext);
  if (!value) throw new Error('useFormGuard outside FormGuardProvider');
  return value;
}

/** For whatever takes the user away from an open form (another page, another tab, another session). */
export function useLeave(): (then: () => void) => void {
  return useFormGuard().leave;
}

/** What a form's first field can be. */
const FIELDS = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * Buttons that open a form and are redrawn while it is open (the list under
 * a form that replaces it) carry an id or a `data-focus-key`, so the focus
 * can find them again when the form closes.
 */
function focusKeyOf(element: HTMLElement): string | null {
  return element.dataset.focusKey ? `key:${element.dataset.focusKey}` : element.id ? `id:${element.id}` : null;
}

function findByFocusKey(key: string): HTMLElement | null {
  const value = key.slice(key.indexOf(':') + 1);
  return key.startsWith('key:')
    ? document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(value)}"]`)
    : document.getElementById(value);
}

/** Nothing to go back to (the session was deleted with its block): the page's heading, so focus is somewhere. */
export function pageHeading(): HTMLElement | null {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (heading) heading.tabIndex = -1;
  return heading;
}

/** The first date or time box that refuses what is typed in it: saving would silently keep the old value. */
export function refusedBox(root: HTMLElement | null): HTMLElement | null {
  return root?.querySelector<HTMLElement>('[data-refused="true"]') ?? null;
}

/** Plain data compared by value: a draft against what it started from. */
export const sameData = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Joins a form to the rule. `dirty` says whether it holds unsaved changes;
 * `onClose` really closes it (the caller's own "close" state change). Returns
 * `requestClose` for the form's cancel or close button, and
 * `focusFirstInvalid` for after a failed save.
 */
export function useFormDialog(options: { dirty: boolean; onClose(): void; ref: RefObject<HTMLElement | null> }): {
  requestClose(): void;
  focusFirstInvalid(): void;
} {
  const { register, leave, lastFocused } = useFormGuard();
  const latest = useRef(options);
  latest.current = options;

  // In the same commit as the form, not on a later frame: keys typed right after the key that opened
  // it belong in its first field (see lib/focus-after-render). A modal <dialog> is opened here first,
  // since nothing inside a closed one can take the focus.
  useLayoutEffect(() => {
    const opener = lastFocused();
    const openerKey = opener ? focusKeyOf(opener) : null;
    const root = latest.current.ref.current;
    if (root instanceof HTMLDialogElement && !root.open) root.showModal();
    // The first field, or the one the form marks to start on.
    (root?.querySelector<HTMLElement>('[data-first-focus]') ?? root?.querySelector<HTMLElement>(FIELDS))?.focus();
    return () => {
      // Once the form is gone: back to what opened it, found again by its key if its page was redrawn.
      requestAnimationFrame(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        const target = opener?.isConnected ? opener : openerKey ? findByFocusKey(openerKey) : null;
        (target ?? pageHeading())?.focus();
      });
    };
  }, [lastFocused]);

  // A box still holding what it refused ("32" in a day) is typing too, although the draft never took it.
  const holdsUnsaved = useCallback(() => latest.current.dirty || refusedBox(latest.current.ref.current) !== null, []);
  const requestClose = useCallback(() => {
    if (holdsUnsaved()) leave(() => latest.current.onClose());
    else latest.current.onClose();
  }, [leave, holdsUnsaved]);

  useEffect(
    () =>
      register({
        isDirty: holdsUnsaved,
        requestClose,
        element: () => latest.current.ref.current,
      }),
    [register, requestClose, holdsUnsaved],
  );

  // After the errors are drawn: the first marked field, so the user starts where the form went wrong.
  const focusAfterRender = useFocusAfterRender();
  const focusFirstInvalid = useCallback(
    () => focusAfterRender(() => latest.current.ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')),
    [focusAfterRender],
  );

  return { requestClose, focusFirstInvalid };
}
