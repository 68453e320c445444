/**
 * Progress photos (issue 12): which files we accept, the sizes we keep, how a photo is
 * labelled, and which two photos a side-by-side comparison starts with. Pure: the image
 * work is in the progress-photos feature.
 */

/** The largest upload we read, in bytes (15 MB): a full-size phone photo fits. */
export const PROGRESS_PHOTO_MAX_BYTES = 15 * 1024 * 1024;
export const PROGRESS_PHOTO_MAX_LABEL = '15 MB';

/**
 * The most pixels we decode (50 megapixels): a small file can claim a huge image (a
 * "decompression bomb"); decoding it would take the server's memory. Phones take 12 to 48.
 */
export const PROGRESS_PHOTO_MAX_PIXELS = 50_000_000;

/** The shorter side must be at least this many pixels, or the comparison shows nothing useful. */
export const PROGRESS_PHOTO_MIN_SIDE = 200;

/** The longer side of the copy we show, and of the thumbnail for lists (never enlarged). */
export const PROGRESS_PHOTO_LONG_SIDE = 1600;
export const PROGRESS_PHOTO_THUMB_SIDE = 400;

export const PHOTO_STAGES = ['baseline', 'session'] as const;
export type PhotoStage = (typeof PHOTO_STAGES)[number];
export const PHOTO_VIEWS = ['front', 'left', 'right'] as const;
export type PhotoView = (typeof PHOTO_VIEWS)[number];

export const VIEW_LABELS: Record<PhotoView, string> = { front: 'Front', left: 'Left side', right: 'Right side' };

/** The same framing each time makes a comparison fair; shown beside every upload form. */
export const FRAMING_GUIDE = [
  'Face the camera at eye level, about an arm’s length away.',
  'Even daylight from the front; no flash, no filters.',
  'Hair back, no make-up, a plain background.',
  'For a side view, turn your head, not the camera.',
] as const;

export interface PhotoTag {
  stage: PhotoStage;
  /** The session's number in the course; null for a baseline photo. */
  sessionNumber: number | null;
  view: PhotoView;
}

/**
 * The photo's name as people read it.
 * @example photoLabel({ stage: 'session', sessionNumber: 10, view: 'left' }) // 'Session 10 · Left side'
 */
export function photoLabel(tag: PhotoTag): string {
  const when = tag.stage === 'baseline' ? 'Baseline' : `Session ${tag.sessionNumber ?? '?'}`;
  return `${when} · ${VIEW_LABELS[tag.view]}`;
}

/**
 * A new photo's tag must make sense: a baseline has no session number, a session photo
 * has one (1 to 500). Returns the message for the session number field, or undefined.
 */
export function tagProblem(tag: PhotoTag): string | undefined {
  if (tag.stage === 'baseline') return tag.sessionNumber === null ? undefined : 'A baseline photo has no session number';
  if (tag.sessionNumber === null) return 'Enter the session number';
  if (!Number.isInteger(tag.sessionNumber) || tag.sessionNumber < 1 || tag.sessionNumber > 500) return 'Enter a session number from 1 to 500';
  return undefined;
}

export interface ComparablePhoto extends PhotoTag {
  id: string;
  /** The day it was taken, `YYYY-MM-DD` in the clinic's time zone. */
  takenOn: string;
  /** When it was uploaded (ISO instant): orders photos of the same day. */
  createdAt: string;
}

/** Oldest first: by the day taken, then baseline before sessions, then session number, then upload. */
export function byDateTaken(a: ComparablePhoto, b: ComparablePhoto): number {
  return a.takenOn.localeCompare(b.takenOn)
    || (a.stage === b.stage ? 0 : a.stage === 'baseline' ? -1 : 1)
    || (a.sessionNumber ?? 0) - (b.sessionNumber ?? 0)
    || a.createdAt.localeCompare(b.createdAt);
}

/**
 * The two photos a side-by-side comparison opens with: the first and the latest of the
 * same view (front first), so the framing matches; undefined with fewer than two photos.
 */
export function defaultComparison<P extends ComparablePhoto>(photos: readonly P[]): [P, P] | undefined {
  const sorted = [...photos].sort(byDateTaken);
  for (const view of PHOTO_VIEWS) {
    const same = sorted.filter((p) => p.view === view);
    if (same.length >= 2) return [same[0]!, same[same.length - 1]!];
  }
  return sorted.length >= 2 ? [sorted[0]!, sorted[sorted.length - 1]!] : undefined;
}

/** Two chosen photos, earlier on the left, so "before" always reads first. */
export function orderPair<P extends ComparablePhoto>(a: P, b: P): [P, P] {
  return byDateTaken(a, b) <= 0 ? [a, b] : [b, a];
}
