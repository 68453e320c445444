import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api-client.ts';

export interface ApiQuery<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping the current data on screen meanwhile. */
  reload: () => void;
}

/**
 * Loads a GET resource and reloads it when the path changes. An earlier answer that
 * arrives late is ignored, so fast typing in a search box never shows stale results.
 * Pass `null` as the path to wait (e.g. until the clinic is known).
 */
export function useApi<T>(path: string | null): ApiQuery<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: path !== null,
  });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    api.get<T>(path, controller.signal).then(
      (data) => {
        if (ticket === latest.current) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        if (ticket === latest.current) setState((s) => ({ ...s, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
