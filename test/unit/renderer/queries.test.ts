import { type QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { channelQuery, newQueryClient, queryKeyOf, refetchChanged } from '../../../src/renderer/src/lib/queries';
import type { Api } from '../../../src/shared/contract';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

/** An api that answers every channel with its name and request, and writes down what it was asked. */
function recordingApi(asked: string[]): Api {
  return new Proxy({} as Api, {
    get: (_, channel: string) => async (request?: { forumId?: string }) => {
      asked.push(`${channel} ${request?.forumId ?? ''}`.trim());
      return { channel, request };
    },
  });
}

/** A client holding an answer for each kept channel, as the screens would after visiting both forums. */
function filledClient(): { client: QueryClient; invalidated(): string[] } {
  const client = newQueryClient(recordingApi([]));
  const keys = {
    forums: queryKeyOf('forums.list'),
    directory: queryKeyOf('directory.get'),
    programmeA: queryKeyOf('programme.get', { forumId: A }),
    programmeB: queryKeyOf('programme.get', { forumId: B }),
    registrationsA: queryKeyOf('registrations.list', { forumId: A }),
    registrationsB: queryKeyOf('registrations.list', { forumId: B }),
    councilB: queryKeyOf('council.get', { forumId: B }),
    backups: queryKeyOf('backups.list'),
    history: queryKeyOf('history.state'),
  };
  for (const key of Object.values(keys)) client.setQueryData(key, { held: true });
  return {
    client,
    invalidated: () =>
      Object.entries(keys)
        .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
        .map(([name]) => name),
  };
}

describe('the answers a change makes untrue', () => {
  it("a forum's change: that forum's programme and registrations, the forum list, and every council", async () => {
    const { client, invalidated } = filledClient();
    await refetchChanged(client, { forumIds: [A], directory: false });
    expect(invalidated()).toEqual(['forums', 'programmeA', 'registrationsA', 'councilB']);
  });

  it("the directory's change: the directory and every programme (its people's names), no registrations", async () => {
    const { client, invalidated } = filledClient();
    await refetchChanged(client, { forumIds: [], directory: true });
    expect(invalidated()).toEqual(['directory', 'programmeA', 'programmeB', 'councilB']);
  });

  it('an answer on screen is asked again at once; one not shown, when it is shown again', async () => {
    const asked: string[] = [];
    const client = newQueryClient(recordingApi(asked));
    const observe = (forumId: string) => new QueryObserver(client, channelQuery('programme.get', { forumId }));
    const shown = observe(A).subscribe(() => {});
    const left = observe(B).subscribe(() => {});
    await vi.waitFor(() => expect(client.isFetching()).toBe(0));
    expect(asked.sort()).toEqual([`programme.get ${A}`, `programme.get ${B}`]);
    expect(client.getQueryData(queryKeyOf('programme.get', { forumId: A }))).toEqual({
      channel: 'programme.get',
      request: { forumId: A },
    });
    left(); // The coordinator left forum B's programme.
    asked.length = 0;
    await refetchChanged(client, { forumIds: [A, B], directory: false });
    expect(asked).toEqual([`programme.get ${A}`]);
    observe(B).subscribe(() => {});
    await vi.waitFor(() => expect(asked).toEqual([`programme.get ${A}`, `programme.get ${B}`]));
    shown();
  });

  it('a channel without a request is called with none', async () => {
    const asked: string[] = [];
    const client = newQueryClient(recordingApi(asked));
    await client.fetchQuery(channelQuery('forums.list'));
    expect(asked).toEqual(['forums.list']);
  });
});
