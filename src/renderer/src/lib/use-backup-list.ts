import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { BackupList } from '../../../shared/domain/backup';
import { channelQuery, queryKeyOf } from './queries';

/** The backups folder and what it holds, as the backups page and the settings' folder row both show it. */
export function useBackupList() {
  const client = useQueryClient();
  const { data, error } = useQuery(channelQuery('backups.list'));
  const reload = useCallback(() => client.refetchQueries({ queryKey: queryKeyOf('backups.list') }), [client]);
  /** A change that answers with the list (the folder set) puts it in place. */
  const put = useCallback((list: BackupList) => client.setQueryData(queryKeyOf('backups.list'), list), [client]);
  return { list: data ?? null, error: error ?? null, reload, put };
}
