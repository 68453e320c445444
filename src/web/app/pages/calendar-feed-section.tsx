import { useEffect, useRef, useState } from 'react';
import { CalendarPlus, CalendarSync, Check, Copy, RefreshCw } from 'lucide-react';
import type { z } from 'zod';
import type { calendarFeedResponse } from '../../../features/diary/diary.schema.ts';
import type { calendarFeedStatus } from '../../../features/diary/calendar-feed-status.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDate } from '../../lib/format.ts';
import type { ClinicContext } from '../session.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { Dialog } from './booking/dialog.tsx';

type FeedStatus = z.infer<typeof calendarFeedStatus>;
type NewFeed = z.infer<typeof calendarFeedResponse>;

/** The same address for calendar apps: `webcal://` opens the subscribe screen on phones and computers. */
export const webcalAddress = (url: string) => url.replace(/^https?:\/\//, 'webcal://');

/**
 * A practitioner's (or a practising owner's) secret calendar address: their Yintang diary
 * in the calendar app on their phone. Only the address's hash is kept on the server, so
 * an address is shown once, when it is made; after that the section says since when one
 * exists, and replacing it (which stops the old one) is the way to see a new one.
 */
export function CalendarFeedSection({ clinic }: { clinic: ClinicContext }) {
  const path = `/clinics/${clinic.slug}/me/calendar-feed`;
  const status = useApi<FeedStatus>(path);
  const [fresh, setFresh] = useState<NewFeed>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const exists = fresh !== undefined || status.data?.exists === true;

  async function create() {
    setBusy(true);
    setError(undefined);
    try {
      setFresh(await api.post<NewFeed>(path));
      setConfirming(false);
      status.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section id="calendar" className="panel" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading" className="flex items-center gap-2 text-xl">
        <CalendarSync aria-hidden="true" className="size-5 text-jade-700" />Your diary in your phone’s calendar
      </h2>
      <p className="muted mt-1 max-w-2xl">
        Add your {clinic.name} diary to the calendar app on your phone or computer, so you can see your day at a glance. Your calendar app
        checks for changes by itself (some only every few hours), so the diary here is always the most up to date.
      </p>
      <Alert tone="info" title="What the calendar shows" className="mt-5 max-w-2xl">
        <p>
          Anyone with this address can see your appointment times, each client’s first name and initial (such as “Olivia B.”), the room, and
          time you have blocked with its note. It never shows treatments or any health details. Keep the address to yourself, like a password.
        </p>
      </Alert>

      {/* Before the new address: closing the dialog gives focus back to its button, then the new address takes it. */}
      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Replace your calendar address?">
        <p>
          The current address stops working straight away: calendars that use it stop showing your {clinic.name} appointments. You then add the
          new address to your calendar app.
        </p>
        <div className="flex flex-wrap gap-3">
          <Button variant="danger" pending={busy} onClick={() => void create()}>Replace address</Button>
          <Button variant="secondary" disabled={busy} onClick={() => setConfirming(false)}>Keep the current one</Button>
        </div>
      </Dialog>
      {error && <Alert tone="error" className="mt-5">{error}</Alert>}
      {status.error !== undefined && !status.data && <Alert tone="error" className="mt-5">{errorMessage(status.error)}</Alert>}
      {!status.data && status.loading && <Loading label="Checking your calendar address…" />}

      {fresh && <NewAddress url={fresh.url} />}

      {status.data && !exists && (
        <div className="mt-5">
          <p>You have no calendar address yet.</p>
          <Button className="mt-3" pending={busy} onClick={() => void create()}>
            <CalendarPlus aria-hidden="true" className="size-5" />Create my calendar address
          </Button>
        </div>
      )}

      {status.data && exists && (
        <div className="mt-5 max-w-2xl">
          {!fresh && (
            <p>
              You created your calendar address{status.data.createdAt ? ` on ${formatDate(status.data.createdAt)}` : ''}. To keep it secret, we show an
              address only once, when it is made. If you have lost it, or think someone else may have it, replace it with a new one.
            </p>
          )}
          <Button variant="secondary" className="mt-3" onClick={() => setConfirming(true)}>
            <RefreshCw aria-hidden="true" className="size-5" />Replace address
          </Button>
        </div>
      )}

    </section>
  );
}

/** The address just made: shown once, with a copy button and a link that opens the calendar app. */
function NewAddress({ url }: { url: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select'>();

  useEffect(() => {
    heading.current?.focus();
    setCopied(undefined);
  }, [url]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard (an old browser, or permission refused): select the text to copy by hand.
      input.current?.select();
      setCopied('select');
    }
  }

  return (
    <div className="mt-5 rounded-xl border border-jade-300 bg-jade-50 p-4 sm:p-5">
      <h3 ref={heading} tabIndex={-1} className="font-semibold">Your new calendar address is ready</h3>
      <p className="mt-1">We show it only now: copy it into your calendar app before you leave this page.</p>
      <label htmlFor="calendar-address" className="label mt-4">Your calendar address</label>
      <div className="mt-1.5 flex flex-col gap-3 sm:flex-row">
        <input ref={input} id="calendar-address" readOnly value={url} className="input font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
        <Button variant="secondary" className="shrink-0" onClick={() => void copy()}>
          {copied === 'yes' ? <Check aria-hidden="true" className="size-5" /> : <Copy aria-hidden="true" className="size-5" />}
          {copied === 'yes' ? 'Copied' : 'Copy address'}
        </Button>
      </div>
      <p role="status" className="mt-2 min-h-6 font-medium text-jade-800">
        {copied === 'yes' && 'Address copied. Paste it into your calendar app.'}
        {copied === 'select' && 'We could not copy it for you. The address is selected: copy it with your device’s copy command.'}
      </p>
      <p className="mt-2">
        <a className="btn btn-primary" href={webcalAddress(url)}><CalendarPlus aria-hidden="true" className="size-5" />Add to my calendar app</a>
      </p>
      <details className="mt-4">
        <summary className="cursor-pointer font-medium text-jade-700">How to add it by hand</summary>
        <ul className="mt-2 flex list-disc flex-col gap-1 pl-6">
          <li>iPhone or iPad: Settings › Apps › Calendar › Calendar Accounts › Add Account › Other › Add Subscribed Calendar, then paste the address.</li>
          <li>Google Calendar (on a computer): beside “Other calendars” choose +, then “From URL”, and paste the address.</li>
          <li>Outlook: Add calendar › Subscribe from web, and paste the address.</li>
        </ul>
      </details>
    </div>
  );
}
