import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal question (native <dialog>: focus trap, Esc to cancel). */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirmLabel: string;
  /** The safe answer's words; "Cancel" unless said otherwise. */
  cancelLabel?: string;
  danger?: boolean;
  testId?: string;
  /** Where the focus goes once the question is gone; what had it before, unless said otherwise. */
  returnFocus?: () => HTMLElement | null;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const { t } = useTranslation();

  const returnFocus = useRef(props.returnFocus);
  returnFocus.current = props.returnFocus;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // The safe answer has the focus, so Enter never deletes by accident.
    cancelRef.current?.focus();
    // Gone (the dialog, and with it the page's inertness): focus goes back where it came from.
    return () => {
      const target = returnFocus.current?.() ?? opener;
      if (target?.isConnected) target.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid={props.testId}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <p>{props.body}</p>
      <div className="dialog-actions">
        <button type="button" className={props.danger ? 'button danger' : 'button primary'} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        <button type="button" className="button" onClick={props.onCancel} ref={cancelRef}>
          {props.cancelLabel ?? t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
