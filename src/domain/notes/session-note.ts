import type { AmendedField, NeedleDiscrepancy, NoteTemplate } from './note-kinds.ts';
import type { ProtocolPoint } from '../protocols/protocols.ts';
import { totalNeedles } from '../protocols/protocols.ts';

/**
 * The rules of a session note, pure: what a count and a lot number may be, when a note
 * may be signed (needles reconciled, screening reviewed), and what an amendment changed.
 * The service loads the note and the client's screening; these functions decide.
 */

export const NOTE_LIMITS = {
  /** No session uses more: a facial protocol is 20–60 needles; more is a typing slip. */
  needlesMax: 200,
  brand: 60,
  size: 30,
  lotMin: 3,
  lotMax: 30,
  discrepancyText: 500,
  eventText: 1000,
  reason: 1000,
  events: 20,
} as const;

/**
 * A needle lot (batch) number as printed on the box: letters and digits, with dots,
 * hyphens or slashes between them, 3–30 characters, at least one digit (manufacturers'
 * lots always carry one; "n/a" or "same as last time" are not lots). Stored in capitals, so
 * a recall search finds "l2307a" and "L2307A" alike.
 */
export const LOT_PATTERN = /^[A-Z0-9](?:[A-Z0-9./-]*[A-Z0-9])?$/;

export function normaliseLot(lot: string): string {
  return lot.trim().toUpperCase();
}

/** Whether a lot number has the shape of one (after `normaliseLot`). */
export function isLotNumber(lot: string): boolean {
  const l = normaliseLot(lot);
  return l.length >= NOTE_LIMITS.lotMin && l.length <= NOTE_LIMITS.lotMax && LOT_PATTERN.test(l) && /\d/.test(l) && !/[./-]{2}/.test(l);
}

/** Whether a needle count is possible: a whole number from 0 to the most a session uses. */
export const isNeedleCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= NOTE_LIMITS.needlesMax;

/** The parts of a note the sign rule reads. */
export interface SignableNote {
  status: 'draft' | 'signed';
  template: NoteTemplate;
  points: readonly Pick<ProtocolPoint, 'side' | 'needles'>[];
  needleLot: string | null;
  needlesIn: number | null;
  needlesOut: number | null;
  discrepancy: NeedleDiscrepancy | null;
}

export type SignProblemCode = 'note-signed' | 'needles-unreconciled' | 'needles-uncounted' | 'review-outstanding';

export interface SignProblem {
  code: SignProblemCode;
  /** HTTP status the refusal answers with. */
  status: 409 | 422;
  detail: string;
}

/** Whether a discrepancy record says what was searched and what was found. */
export const discrepancyRecorded = (d: NeedleDiscrepancy | null): boolean =>
  !!d && d.searched.trim().length > 0 && d.found.trim().length > 0;

/** Needles counted in and out differ (both entered). */
export const countsDiffer = (n: Pick<SignableNote, 'needlesIn' | 'needlesOut'>) =>
  n.needlesIn !== null && n.needlesOut !== null && n.needlesIn !== n.needlesOut;

/**
 * Why a note may not be signed yet, first reason first (empty: it may be signed):
 * - a signed note is locked (409 `note-signed`);
 * - a session that needled must have both counts entered (422 `needles-uncounted`);
 * - counts that differ need a discrepancy record saying what was searched and found
 *   (422 `needles-unreconciled`): a needle unaccounted for may be left in a client;
 * - a screening finding that asks the practitioner to review must be acknowledged first
 *   (422 `review-outstanding`).
 */
export function signProblems(note: SignableNote, reviewOutstanding: number): SignProblem[] {
  if (note.status === 'signed') {
    return [{ code: 'note-signed', status: 409, detail: 'This note is signed and locked. To correct it, add an amendment with the reason.' }];
  }
  const problems: SignProblem[] = [];
  const needled = note.points.length > 0 || note.needlesIn !== null || note.needlesOut !== null;
  if (needled && (note.needlesIn === null || note.needlesOut === null)) {
    problems.push({ code: 'needles-uncounted', status: 422, detail: 'Enter the needles counted in and counted out before signing.' });
  } else if (countsDiffer(note) && !discrepancyRecorded(note.discrepancy)) {
    const missing = note.needlesIn! - note.needlesOut!;
    const what = missing > 0 ? `${missing} needle${missing === 1 ? '' : 's'} fewer came out than went in` : `${-missing} more needle${missing === -1 ? '' : 's'} came out than went in`;
    problems.push({
      code: 'needles-unreconciled', status: 422,
      detail: `The counts differ: ${what}. Search the client, couch, floor and sharps bin, then record what you searched and what you found before signing.`,
    });
  }
  if (reviewOutstanding > 0) {
    problems.push({
      code: 'review-outstanding', status: 422,
      detail: `${reviewOutstanding === 1 ? 'A screening finding asks' : `${reviewOutstanding} screening findings ask`} you to review the client’s health answers. Acknowledge ${reviewOutstanding === 1 ? 'it' : 'them'} before signing.`,
    });
  }
  return problems;
}

/** Needles the points take, for the count-in suggestion (both sides count twice). */
export const plannedNeedles = (points: readonly Pick<ProtocolPoint, 'side' | 'needles'>[]) => totalNeedles(points);

/** The parts of a note an amendment may change, as stored. */
export interface AmendableNote {
  fields: Record<string, string>;
  points: ProtocolPoint[];
  needleBrand: string | null;
  needleSize: string | null;
  needleLot: string | null;
  needlesIn: number | null;
  needlesOut: number | null;
  discrepancy: NeedleDiscrepancy | null;
}

const SCALAR_KEYS = ['needleBrand', 'needleSize', 'needleLot', 'needlesIn', 'needlesOut'] as const;

/** JSON with object keys sorted: stored jsonb comes back with its keys in another order. */
const canonical = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`
      : JSON.stringify(v ?? null);

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * What an amendment changes, field by field (`fields.response`, `points`, `needleLot` …),
 * each with the value before and after. Only the parts named in `change` are compared;
 * unchanged ones are left out. Empty: nothing would change.
 */
export function amendedFields(current: AmendableNote, change: Partial<AmendableNote>): AmendedField[] {
  const out: AmendedField[] = [];
  if (change.fields) {
    for (const key of Object.keys(change.fields).sort()) {
      const before = current.fields[key] ?? '';
      const after = change.fields[key] ?? '';
      if (before !== after) out.push({ field: `fields.${key}`, before, after });
    }
  }
  if (change.points && !same(current.points, change.points)) out.push({ field: 'points', before: current.points, after: change.points });
  for (const key of SCALAR_KEYS) {
    if (key in change && !same(current[key], change[key])) out.push({ field: key, before: current[key], after: change[key] ?? null });
  }
  if ('discrepancy' in change && !same(current.discrepancy, change.discrepancy)) {
    out.push({ field: 'discrepancy', before: current.discrepancy, after: change.discrepancy ?? null });
  }
  return out;
}

/**
 * The note as it reads now: the original with every amendment applied in order. The
 * original row is never changed; this is how the screens and the register see it.
 */
export function applyAmendments<T extends AmendableNote>(original: T, amendments: readonly { changes: readonly AmendedField[] }[]): T {
  const note: T = { ...original, fields: { ...original.fields } };
  for (const a of amendments) {
    for (const c of a.changes) {
      if (c.field.startsWith('fields.')) note.fields[c.field.slice(7)] = String(c.after ?? '');
      else (note as Record<string, unknown>)[c.field] = c.after;
    }
  }
  return note;
}
