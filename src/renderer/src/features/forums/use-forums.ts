import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { channelQuery, queryKeyOf } from '../../lib/queries';

/** The forums as the store has them, with a way to load them again after a change. */
export function useForums() {
  const client = useQueryClient();
  const { data, error } = useQuery(channelQuery('forums.list'));
  const reload = useCallback(() => client.refetchQueries({ queryKey: queryKeyOf('forums.list') }), [client]);
  return { forums: data ?? null, error, reload };
}
