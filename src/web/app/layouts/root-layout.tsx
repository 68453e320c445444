import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useSession } from '../session.tsx';
import { Loading } from '../../components/loading.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { errorMessage } from '../../lib/api-client.ts';

/**
 * Moves focus to the new screen's h1 after each navigation (not on the first load), so
 * screen-reader and keyboard users start at the top of what changed.
 */
function useRouteFocus() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: false });
    });
    window.scrollTo({ top: 0 });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

/** Waits for the session before showing any screen, and owns focus management. */
export function RootLayout() {
  const { session, loadError, refresh } = useSession();
  useRouteFocus();

  if (!session) {
    return (
      <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4">
        {loadError ? (
          <Alert tone="error" title="We could not load Yintang">
            <p>{errorMessage(loadError)}</p>
            <Button variant="secondary" className="mt-3" onClick={() => void refresh().catch(() => undefined)}>Try again</Button>
          </Alert>
        ) : (
          <Loading label="Loading Yintang…" className="justify-center" />
        )}
      </main>
    );
  }
  return <Outlet />;
}
