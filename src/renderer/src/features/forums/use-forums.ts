import { useCallback, useEffect, useState } from 'react';
import type { Forum } from '../../../../shared/domain/forum';
import { api } from '../../lib/api';

/** The forums as the store has them, with a way to load them again after a change. */
export function useForums() {
  const [forums, setForums] = useState<Forum[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setForums(await api['forums.list']());
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { forums, error, reload };
}
