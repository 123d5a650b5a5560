import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { DeskDoor } from '../../../../shared/desks/desk-channels';
import { api } from '../../lib/api';
import { channelQuery, queryKeyOf } from '../../lib/queries';

/**
 * How often the door page asks again while it is open. The desks' check-ins
 * reach core from the network, and core has no way to tell a window of them
 * (every channel is a question the window asks): so the page polls, through
 * TanStack Query's refetchInterval, which stops as soon as the page is left
 * (no query observed) and while the window is hidden. Three seconds keeps a
 * VIP's alert within a few seconds of the scan; the answers are cheap (one
 * pass over the registrations and the book, a few kilobytes).
 */
export const DOOR_POLL_MS = 3000;

/** The forum's door for its desks: its state and the room at a glance, kept fresh; the door's actions. */
export function useDeskDoor(forumId: string) {
  const client = useQueryClient();
  const request = useMemo(() => ({ forumId }), [forumId]);
  const door = useQuery({ ...channelQuery('desks.state', request), refetchInterval: DOOR_POLL_MS });
  const arrivals = useQuery({ ...channelQuery('desks.arrivals', request), refetchInterval: DOOR_POLL_MS });

  /**
   * Every action answers with the door as it is now: put in place at once, not asked for again. A poll
   * on its way may have been answered before the action, and would put the old door back (the code
   * button gone from under the focus): it is cancelled first.
   */
  const put = useCallback(
    async (next: DeskDoor) => {
      const key = queryKeyOf('desks.state', request);
      await client.cancelQueries({ queryKey: key });
      client.setQueryData(key, next);
      return next;
    },
    [client, request],
  );

  const open = useCallback(
    async (address: string, port: number) => put(await api['desks.open']({ ...request, address, port })),
    [put, request],
  );
  const close = useCallback(async () => put(await api['desks.close'](request)), [put, request]);
  const revoke = useCallback(
    async (deskId: string) => {
      const next = await put(await api['desks.revoke']({ ...request, deskId }));
      // What the revoked desk had sent stays counted; its number now reads as revoked everywhere.
      void client.invalidateQueries({ queryKey: queryKeyOf('desks.arrivals', request) });
      return next;
    },
    [client, put, request],
  );
  const pairing = useCallback(() => api['desks.pairing'](request), [request]);

  return {
    door: door.data ?? null,
    doorError: door.error,
    arrivals: arrivals.data ?? null,
    arrivalsError: arrivals.error,
    open,
    close,
    revoke,
    pairing,
  };
}
