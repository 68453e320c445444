import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { formatTime, formatWhen } from '../../../lib/clinic-time.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog } from './dialog.tsx';
import { localToInstant } from './booking-format.ts';
import { minutesToTime, snapToStep, type GridScale } from './diary-drag-rules.ts';
import type { DiaryEntry } from './diary-actions.tsx';

/**
 * Dragging appointments in the diary with pointer events (mouse, pen and touch; no
 * library). A mouse or pen drag starts after a few pixels of movement; a finger must
 * rest on the appointment for a moment first, so that swiping still scrolls the page.
 * Escape cancels. The drop is not a move yet: the page asks to confirm. Keyboard and
 * screen-reader users open the appointment and choose Move, as before.
 */

/** A column of the diary an appointment can be dropped in: a date, and a practitioner (null: the dragged one's). */
export interface DropColumn {
  date: string;
  practitionerId: string | null;
}

/** Where the dragged appointment would land. */
export interface DropSpot {
  date: string;
  practitionerId: string;
  /** The new start, an ISO instant; null when the wall time does not exist that day (the clocks change). */
  start: string | null;
}

export interface DragState {
  entry: DiaryEntry;
  fromPractitionerId: string;
  spot: DropSpot | null;
}

const MOUSE_SLOP_PX = 4;
const TOUCH_SLOP_PX = 8;
const TOUCH_HOLD_MS = 350;
const EDGE_PX = 48;

interface Pending {
  entry: DiaryEntry;
  fromPractitionerId: string;
  pointerId: number;
  touch: boolean;
  x: number;
  y: number;
  /** Where in the appointment it was grabbed, so it does not jump to the pointer. */
  grabY: number;
  active: boolean;
  timer?: number;
}

export function useDiaryDrag({ grid, stepMin, timeZone, scroller, onDrop }: {
  grid: GridScale;
  stepMin: number;
  timeZone: string;
  /** The element that scrolls the grid sideways, scrolled when dragging near its edges. */
  scroller: React.RefObject<HTMLElement | null>;
  onDrop: (drag: DragState & { spot: DropSpot }) => void;
}) {
  const columns = useRef(new Map<string, { el: HTMLElement; column: DropColumn }>());
  const pending = useRef<Pending | null>(null);
  const justDragged = useRef(false);
  const [drag, setDrag] = useState<DragState | null>(null);
  // The latest settings and callback, for the window listeners of a drag in progress.
  const latest = useRef({ grid, stepMin, timeZone, onDrop });
  latest.current = { grid, stepMin, timeZone, onDrop };
  const cleanup = useRef<() => void>(() => {});
  useEffect(() => () => cleanup.current(), []);

  /** A callback ref registering one column as a place to drop. */
  const dropColumn = useCallback((column: DropColumn) => (el: HTMLElement | null) => {
    const key = `${column.date}|${column.practitionerId ?? ''}`;
    if (el) columns.current.set(key, { el, column });
    else columns.current.delete(key);
  }, []);

  const spotAt = (p: Pending, x: number, y: number): DropSpot | null => {
    const { grid: g, stepMin: step, timeZone: tz } = latest.current;
    for (const { el, column } of columns.current.values()) {
      const r = el.getBoundingClientRect();
      if (x < r.left || x >= r.right) continue;
      const duration = (Date.parse(p.entry.end) - Date.parse(p.entry.start)) / 60_000;
      const minutes = snapToStep(y - r.top - p.grabY, g, step, duration);
      return { date: column.date, practitionerId: column.practitionerId ?? p.fromPractitionerId, start: localToInstant(column.date, minutesToTime(minutes), tz) };
    }
    return null;
  };

  const start = (event: ReactPointerEvent<HTMLElement>, entry: DiaryEntry, fromPractitionerId: string) => {
    if (event.button !== 0 || pending.current) return;
    justDragged.current = false;
    const rect = event.currentTarget.getBoundingClientRect();
    const p: Pending = {
      entry, fromPractitionerId, pointerId: event.pointerId, touch: event.pointerType === 'touch',
      x: event.clientX, y: event.clientY, grabY: event.clientY - rect.top, active: false,
    };
    pending.current = p;
    let lastX = p.x;
    let lastY = p.y;
    let frame = 0;

    const activate = () => {
      p.active = true;
      setDrag({ entry, fromPractitionerId, spot: spotAt(p, lastX, lastY) });
    };
    const update = () => setDrag((d) => (d ? { ...d, spot: spotAt(p, lastX, lastY) } : d));
    // Near an edge of the window or of the grid, keep scrolling while the pointer rests there.
    const edgeScroll = () => {
      frame = 0;
      if (!p.active) return;
      const dy = lastY < EDGE_PX ? -12 : lastY > window.innerHeight - EDGE_PX ? 12 : 0;
      const box = scroller.current?.getBoundingClientRect();
      const dx = box ? (lastX < box.left + EDGE_PX ? -12 : lastX > box.right - EDGE_PX ? 12 : 0) : 0;
      if (!dx && !dy) return;
      if (dy) window.scrollBy(0, dy);
      if (dx) scroller.current?.scrollBy(dx, 0);
      update();
      frame = requestAnimationFrame(edgeScroll);
    };
    const move = (e: PointerEvent) => {
      if (e.pointerId !== p.pointerId) return;
      lastX = e.clientX;
      lastY = e.clientY;
      const distance = Math.hypot(lastX - p.x, lastY - p.y);
      if (!p.active) {
        if (p.touch) {
          if (distance > TOUCH_SLOP_PX) finish(false); // a swipe: let the page scroll
          return;
        }
        if (distance <= MOUSE_SLOP_PX) return;
        activate();
      }
      e.preventDefault();
      update();
      if (!frame) frame = requestAnimationFrame(edgeScroll);
    };
    const up = (e: PointerEvent) => {
      if (e.pointerId === p.pointerId) finish(true);
    };
    const cancel = (e: PointerEvent) => {
      if (e.pointerId === p.pointerId) finish(false);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && p.active) {
        e.preventDefault();
        finish(false);
      }
    };
    // Once a finger drag has started the page must not scroll under it.
    const touchMove = (e: TouchEvent) => {
      if (p.active) e.preventDefault();
    };
    const noMenu = (e: Event) => e.preventDefault();
    const finish = (drop: boolean) => {
      cleanup.current();
      if (!p.active) return;
      justDragged.current = true;
      // The click that follows this pointerup must not open the appointment.
      window.setTimeout(() => { justDragged.current = false; }, 0);
      setDrag(null);
      const spot = drop ? spotAt(p, lastX, lastY) : null;
      if (spot) latest.current.onDrop({ entry, fromPractitionerId, spot });
    };
    cleanup.current = () => {
      window.clearTimeout(p.timer);
      if (frame) cancelAnimationFrame(frame);
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
      window.removeEventListener('keydown', key, true);
      window.removeEventListener('touchmove', touchMove);
      window.removeEventListener('contextmenu', noMenu);
      pending.current = null;
      cleanup.current = () => {};
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', cancel);
    window.addEventListener('keydown', key, true);
    window.addEventListener('touchmove', touchMove, { passive: false });
    if (p.touch) {
      window.addEventListener('contextmenu', noMenu);
      p.timer = window.setTimeout(activate, TOUCH_HOLD_MS);
    }
  };

  return {
    drag,
    dropColumn,
    /** Starts watching a press on an appointment; it becomes a drag once the pointer moves (or a finger rests). */
    start,
    /** Whether the click now arriving ends a drag (and so must not open the appointment). */
    endsDrag: () => justDragged.current,
  };
}

/** The outline of where a dragged appointment would land, with its time or why it cannot go there. */
export function DropGhost({ drag, top, height, problem, timeZone }: { drag: DragState; top: number; height: number; problem: string | null; timeZone: string }) {
  const start = drag.spot?.start;
  if (!start) return null;
  const end = Date.parse(start) + Date.parse(drag.entry.end) - Date.parse(drag.entry.start);
  return (
    <div aria-hidden="true" style={{ top, height }}
      className={`pointer-events-none absolute inset-x-1 z-30 overflow-hidden rounded-md border-2 border-dashed px-2 py-1 text-sm leading-snug shadow-md ${problem ? 'border-danger bg-danger-50/95 text-ink' : 'border-jade-600 bg-jade-50/95 text-jade-900'}`}>
      <span className="block font-semibold tabular-nums">{formatTime(start, timeZone)}–{formatTime(end, timeZone)}</span>
      <span className="block">{problem ?? drag.entry.client?.name}</span>
    </div>
  );
}

/** A dropped appointment waiting for the person to confirm the move. */
export interface DroppedMove {
  entry: DiaryEntry;
  fromName: string;
  toPractitionerId: string;
  toName: string;
  start: string;
  /** Moving to another practitioner (else only the time changes). */
  otherPractitioner: boolean;
}

/**
 * Confirms a move made by dragging, then moves it with the version the diary showed
 * (`If-Match`). Says plainly when someone else got there first (409: the time or its
 * room was taken) or changed the appointment meanwhile (412); the diary reloads either way.
 */
export function DropMoveDialog({ clinic, move, timeZone, onClose, onMoved, onRefused }: {
  clinic: ClinicContext;
  move: DroppedMove | undefined;
  timeZone: string;
  onClose: () => void;
  onMoved: (message: string) => void;
  /** The server refused: the diary should load again to show what is there now. */
  onRefused: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setBusy(false);
    setError(undefined);
  }, [move]);
  if (!move) return <Dialog open={false} onClose={onClose} title="">{null}</Dialog>;
  const who = move.entry.client?.name ?? 'the appointment';

  async function confirm() {
    const m = move!;
    setBusy(true);
    setError(undefined);
    try {
      await api.patch(`/clinics/${clinic.slug}/bookings/${m.entry.id}`,
        { start: m.start, ...(m.otherPractitioner ? { practitionerId: m.toPractitionerId } : {}) }, { 'If-Match': `"${m.entry.version}"` });
      onMoved(`${m.entry.client?.name ?? 'The appointment'} moved to ${formatWhen(m.start, timeZone)} with ${m.toName}. The client has been e-mailed.`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setError('That time is no longer free: someone else has just booked it, or no room for this treatment is free then. Nothing was moved; the diary now shows what is free.');
      } else if (e instanceof ApiError && e.status === 412) {
        setError('Someone else changed this appointment after your diary was loaded. Nothing was moved; the diary now shows the latest. Please try again.');
      } else {
        setError(`${errorMessage(e)} Nothing was moved.`);
      }
      onRefused();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} title={`Move ${who}?`} description={move.entry.service?.name}>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[5rem_1fr]">
        <dt className="muted">From</dt><dd>{formatWhen(move.entry.start, timeZone)} with {move.fromName}</dd>
        <dt className="muted">To</dt><dd className="font-semibold">{formatWhen(move.start, timeZone)} with {move.toName}</dd>
      </dl>
      {error ? (
        <>
          <Alert tone="error">{error}</Alert>
          <div><Button variant="secondary" onClick={onClose}>Back to the diary</Button></div>
        </>
      ) : (
        <>
          <p>The client gets an e-mail with the new time.</p>
          <div className="flex flex-wrap gap-3">
            <Button pending={busy} onClick={() => void confirm()}>Move appointment</Button>
            <Button variant="secondary" disabled={busy} onClick={onClose}>Keep it where it was</Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
