import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportOptions, ExportStatus } from '../../../../shared/domain/export';
import { api } from '../../lib/api';
import { channelQuery, queryKeyOf } from '../../lib/queries';

/** How often a running export is asked how far it has got. */
const POLL_MS = 200;

/**
 * One export at a time from this page: start it, follow its progress until
 * it is done, failed or cancelled, and cancel it. Leaving the page cancels
 * a running export (its file would land with nobody told).
 */
export function useExportJob(forumId: string) {
  const client = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  // The status is asked for every POLL_MS while the export runs, and no more once it has ended.
  const followed = useQuery({
    ...channelQuery('exports.status', { jobId: jobId ?? '' }),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? POLL_MS : false),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const status = jobId === null ? null : (followed.data ?? null);
  const error = startError ?? followed.error ?? null;

  const put = useCallback(
    (next: ExportStatus) => client.setQueryData(queryKeyOf('exports.status', { jobId: next.jobId }), next),
    [client],
  );

  const start = useCallback(
    async (options: ExportOptions) => {
      setStartError(null);
      try {
        const first = await api['exports.start']({ forumId, options });
        put(first);
        setJobId(first.jobId);
      } catch (caught) {
        setJobId(null);
        setStartError(caught);
      }
    },
    [forumId, put],
  );

  const cancel = useCallback(async () => {
    if (!status) return;
    put(await api['exports.cancel']({ jobId: status.jobId }));
  }, [status, put]);

  // Leaving the page cancels what is still running.
  const running = useRef<string | null>(null);
  running.current = status?.state === 'running' ? status.jobId : null;
  useEffect(
    () => () => {
      const stillRunning = running.current;
      if (stillRunning) void api['exports.cancel']({ jobId: stillRunning }).catch(() => {});
    },
    [],
  );

  /** Forgets a finished export's outcome (another kind was chosen); a running one keeps showing. */
  const clear = useCallback(() => {
    setStartError(null);
    if (status?.state !== 'running') setJobId(null);
  }, [status]);

  return { status, error, start, cancel, clear, busy: status?.state === 'running' };
}
