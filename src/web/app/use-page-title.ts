import { useEffect } from 'react';

/** Names the browser tab after the screen, so tabs and history read well. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Yintang`;
  }, [title]);
}
