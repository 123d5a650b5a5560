import type { ReactNode } from 'react';

/** What is under way (reading a file, restoring), with a spinner; announced as a status. */
export function StatusLine(props: { children: ReactNode; inDialog?: boolean }) {
  return (
    <p className={props.inDialog ? 'status-line in-dialog' : 'status-line'} role="status">
      <span className="spinner" aria-hidden="true" />
      {props.children}
    </p>
  );
}
