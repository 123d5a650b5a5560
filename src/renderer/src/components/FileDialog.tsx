import { type DragEvent, type ReactNode, type RefObject, useCallback, useEffect, useRef } from 'react';

/**
 * The plumbing of a modal dialog whose first step is choosing one file (the
 * registrants' import, a forum file): it opens modally, gives the choose
 * button the focus while that step shows, takes a file picked or dropped on
 * the dialog, and refuses one over `maxBytes` before it is read and sent.
 */
export function useFileDialog(options: {
  /** The choose step is showing. */
  choosing: boolean;
  /** Drops are taken now (not while a file is being read). */
  acceptDrop: boolean;
  maxBytes: number;
  tooLarge: string;
  onFile(file: File): void;
  onRefused(message: string): void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const chooseRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // The one thing to do on the first step is choosing a file: its button has the focus.
  useEffect(() => {
    if (options.choosing) chooseRef.current?.focus();
  }, [options.choosing]);

  // The latest options, so `take` stays one function (an effect may depend on it) yet calls today's callbacks.
  const latest = useRef(options);
  latest.current = options;
  const take = useCallback((file: File | undefined) => {
    const { maxBytes, tooLarge, onFile, onRefused } = latest.current;
    if (!file) return;
    if (file.size > maxBytes) onRefused(tooLarge);
    else onFile(file);
  }, []);

  return {
    chooseRef,
    take,
    dialogProps: {
      ref: dialogRef,
      onDragOver: (event: DragEvent) => event.preventDefault(),
      onDrop: (event: DragEvent) => {
        event.preventDefault();
        if (latest.current.acceptDrop) take(event.dataTransfer.files[0]);
      },
    },
  };
}

/** The choose step: what to choose, the picker behind a button, and why the last file was refused. */
export function FileChooser(props: {
  className: string;
  children: ReactNode;
  accept: string;
  label: string;
  error: string | null;
  chooseRef: RefObject<HTMLButtonElement | null>;
  onPick(file: File | undefined): void;
  inputTestId?: string;
  errorTestId?: string;
}) {
  const pickerRef = useRef<HTMLInputElement>(null);
  return (
    <div className={props.className}>
      {props.children}
      <input
        ref={pickerRef}
        type="file"
        accept={props.accept}
        aria-label={props.label}
        className="sr-only"
        data-testid={props.inputTestId}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file chosen again must fire again
          props.onPick(file);
        }}
      />
      <button type="button" className="button primary" ref={props.chooseRef} onClick={() => pickerRef.current?.click()}>
        {props.label}
      </button>
      {props.error && (
        <p className="error-box" role="alert" data-testid={props.errorTestId}>
          {props.error}
        </p>
      )}
    </div>
  );
}
