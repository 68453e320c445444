import { useState } from 'react';
import { ApiError, errorMessage } from '../../../lib/api-client.ts';
import type { FreeSlot } from './slot-picker.tsx';

/** What a client reads when the new time they chose went to someone else a moment before. */
export const JUST_BOOKED = 'Sorry, someone has just booked that time. Here are the times that are still free.';

/**
 * The state of a client changing an appointment (a new time, or cancelling): the time
 * chosen, busy, the error to show, and the key that reloads the free times. `run` does a
 * change; when a move gets 409 (the time was just taken) it says so, reloads the free
 * times and lets the person choose again.
 */
export function useTimeChange() {
  const [choice, setChoice] = useState<FreeSlot>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [refreshKey, setRefreshKey] = useState(0);

  async function run(work: () => Promise<void>, options: { move: boolean; onError?: () => void }) {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      if (options.move && e instanceof ApiError && e.status === 409) {
        setError(JUST_BOOKED);
        setRefreshKey((n) => n + 1);
      } else {
        setError(errorMessage(e));
      }
      setChoice(undefined);
      options.onError?.();
    } finally {
      setBusy(false);
    }
  }

  return { choice, setChoice, busy, error, refreshKey, run };
}
