import { type QueryClient, QueryObserver } from '@tanstack/react-query';
import { beforeAll, describe, expect, it, vi } from 'vitest';

type Queries = typeof import('../../../src/renderer/src/lib/queries');
let queries: Queries;

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

beforeAll(async () => {
  // lib/api picks its bridge from the window when it is loaded: one that is never reached here.
  Object.assign(globalThis, { window: { multaqa: {} } });
  queries = await import('../../../src/renderer/src/lib/queries');
});

/** A client holding an answer for each kept channel, as the screens would after visiting both forums. */
function filledClient(): { client: QueryClient; invalidated(): string[] } {
  const client = queries.newQueryClient();
  const { queryKeyOf } = queries;
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
    await queries.refetchChanged(client, { forumIds: [A], directory: false });
    expect(invalidated()).toEqual(['forums', 'programmeA', 'registrationsA', 'councilB']);
  });

  it("the directory's change: the directory and every programme (its people's names), no registrations", async () => {
    const { client, invalidated } = filledClient();
    await queries.refetchChanged(client, { forumIds: [], directory: true });
    expect(invalidated()).toEqual(['directory', 'programmeA', 'programmeB', 'councilB']);
  });

  it('an answer on screen is asked again at once; one not shown, when it is shown again', async () => {
    const client = queries.newQueryClient();
    const asked: string[] = [];
    const observe = (forumId: string) =>
      new QueryObserver(client, {
        queryKey: queries.queryKeyOf('programme.get', { forumId }),
        queryFn: async () => {
          asked.push(forumId);
          return { forumId };
        },
      });
    const shown = observe(A).subscribe(() => {});
    const left = observe(B).subscribe(() => {});
    await vi.waitFor(() => expect(client.isFetching()).toBe(0));
    expect(asked.sort()).toEqual([A, B]);
    left(); // The coordinator left forum B's programme.
    asked.length = 0;
    await queries.refetchChanged(client, { forumIds: [A, B], directory: false });
    expect(asked).toEqual([A]);
    observe(B).subscribe(() => {});
    await vi.waitFor(() => expect(asked).toEqual([A, B]));
    shown();
  });
});
