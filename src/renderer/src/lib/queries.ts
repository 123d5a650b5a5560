import { QueryClient, queryOptions } from '@tanstack/react-query';
import type { Api, ChannelName, RequestOf, ResponseOf } from '../../../shared/contract';
import type { HistoryResult } from '../../../shared/domain/history';

/**
 * What the screens hold of core's data, kept by TanStack Query: each answer
 * of a read channel is cached under the channel's name and its request, so a
 * screen left and come back to shows what it had at once (and asks again
 * behind it), and two screens showing the same thing ask once.
 *
 * Core says what each change touched (its forums, the directory), after a
 * save as after an undo or redo; `refetchChanged` asks again exactly the
 * answers that such a change can have made untrue, by the table below. A
 * new read channel is one entry there.
 */

/** What a change touched, as core reports it. */
export type Changed = Pick<HistoryResult, 'forumIds' | 'directory'>;

/** For each read channel the screens keep: whether a change makes its answer to `request` untrue. */
const UNTRUE_AFTER = {
  'forums.list': (changed: Changed) => changed.forumIds.length > 0,
  'directory.get': (changed: Changed) => changed.directory,
  // The programme shows the directory's people (names, titles) beside its sessions.
  'programme.get': (changed: Changed, request: RequestOf<'programme.get'>) =>
    changed.directory || changed.forumIds.includes(request.forumId),
  'registrations.list': (changed: Changed, request: RequestOf<'registrations.list'>) =>
    changed.forumIds.includes(request.forumId),
  // A council's follow-up shows the previous session's decisions, which belong to another forum.
  'council.get': () => true,
  // Check-ins made here change the room at a glance; the desks' arrive from the network, which no
  // change reports: the door page asks again every few seconds while it is open.
  'desks.arrivals': (changed: Changed, request: RequestOf<'desks.arrivals'>) =>
    changed.forumIds.includes(request.forumId),
  // These change only by their own actions, which put their answers in place themselves
  // (every change asks for the undo state after it).
  'history.state': () => false,
  'app.storeProblems': () => false,
  'backups.list': () => false,
  'exports.status': () => false,
  // The door and its desks: by the door page's own actions, and polled for the desks' comings and goings.
  'desks.state': () => false,
} satisfies { [C in ChannelName]?: (changed: Changed, request: RequestOf<C>) => boolean };

export type QueryChannel = keyof typeof UNTRUE_AFTER;

type RequestArgs<C extends QueryChannel> = RequestOf<C> extends undefined ? [] : [RequestOf<C>];

/** The cache key of a channel's answer to a request. */
export function queryKeyOf<C extends QueryChannel>(channel: C, ...args: RequestArgs<C>) {
  return [channel, args[0] ?? null] as const;
}

/** A read channel as a query, typed by the contract; the client's one query function calls the channel. */
export function channelQuery<C extends QueryChannel>(channel: C, ...args: RequestArgs<C>) {
  return queryOptions<ResponseOf<C>, Error, ResponseOf<C>, readonly [C, RequestOf<C> | null]>({
    queryKey: queryKeyOf(channel, ...args),
  });
}

/** The cache of this window; `api` answers every query by the channel and request of its key. */
export function newQueryClient(api: Api): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        queryFn: ({ queryKey }) => {
          const [channel, request] = queryKey as [QueryChannel, unknown];
          // One function for every channel: the key was made by channelQuery from the same channel's request.
          const call = api[channel] as (request?: unknown) => Promise<unknown>;
          return request === null ? call() : call(request);
        },
        // A failed call is shown to the user at once, never retried behind their back; only this
        // window's changes (refetched by `refetchChanged`) and a screen coming back ask core again.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}

/** Asks again every kept answer that `changed` can have made untrue (those on screen at once, others when shown). */
export function refetchChanged(client: QueryClient, changed: Changed): Promise<void> {
  return client.invalidateQueries({
    predicate: (query) => {
      const [channel, request] = query.queryKey as [string, unknown];
      const untrue: ((changed: Changed, request: never) => boolean) | undefined = UNTRUE_AFTER[channel as QueryChannel];
      return untrue?.(changed, request as never) ?? false;
    },
  });
}
