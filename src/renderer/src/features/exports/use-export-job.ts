import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportOptions, ExportStatus } from '../../../../shared/domain/export';
import { api } from '../../lib/api';

/** How often a running export is asked how far it has got. */
const POLL_MS = 200;

/**
 * One export at a time from this page: start it, follow its progress until
 * it is done, failed or cancelled, and cancel it. Leaving the page cancels
 * a running export (its file would land with nobody told).
 */
export function useExportJob(forumId: string) {
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = useRef<string | null>(null);

  const follow = useCallback(async (first: ExportStatus) => {
    let current = first;
    running.current = current.jobId;
    setStatus(current);
    while (current.state === 'running' && running.current === current.jobId) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      current = await api['exports.status']({ jobId: current.jobId });
      setStatus(current);
    }
    if (running.current === current.jobId) running.current = null;
  }, []);

  const start = useCallback(
    async (options: ExportOptions) => {
      setError(null);
      try {
        await follow(await api['exports.start']({ forumId, options }));
      } catch (caught) {
        running.current = null;
        setError(caught);
      }
    },
    [forumId, follow],
  );

  const cancel = useCallback(async () => {
    if (!status) return;
    setStatus(await api['exports.cancel']({ jobId: status.jobId }));
  }, [status]);

  useEffect(
    () => () => {
      const jobId = running.current;
      running.current = null;
      if (jobId) void api['exports.cancel']({ jobId }).catch(() => {});
    },
    [],
  );

  /** Forgets a finished export's outcome (another kind was chosen); a running one keeps showing. */
  const clear = useCallback(() => {
    setError(null);
    setStatus((current) => (current?.state === 'running' ? current : null));
  }, []);

  return { status, error, start, cancel, clear, busy: status?.state === 'running' };
}
