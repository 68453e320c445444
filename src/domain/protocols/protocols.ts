import { ACUPOINTS, type LibraryAcupoint } from '../acupoints/library.ts';
import { codeKey } from '../acupoints/search.ts';

/**
 * Protocols: a clinic's reusable point sets (facial rejuvenation core, knee pain,
 * constitutional) that a session starts from and adapts. An ordered list of points, each
 * with a side and a number of needles. Pure: the points a protocol may name are given.
 */

/** The treatments a protocol is for, as services name them (consultations need no points). */
export const PROTOCOL_KINDS = ['facial', 'traditional', 'massage', 'knee'] as const;
export type ProtocolKind = (typeof PROTOCOL_KINDS)[number];

export const SIDES = ['left', 'right', 'both', 'midline'] as const;
export type Side = (typeof SIDES)[number];
export const SIDE_LABELS: Record<Side, string> = { left: 'Left', right: 'Right', both: 'Both sides', midline: 'Midline' };

export const PROTOCOL_LIMITS = { name: 80, description: 1000, note: 200, points: 60, needlesMin: 1, needlesMax: 10 } as const;

export interface ProtocolPoint {
  /** The library key (ST36, EX-HN3, JIACHENGJIANG) or the clinic point's own code. */
  pointCode: string;
  side: Side;
  /** Needles at each side named: "both" with 1 needle is 2 needles. */
  needles: number;
  note?: string;
}

/**
 * A point on the midline (one point, no left or right): the Governor and Conception
 * Vessels, and the extra points the library places "on the midline" (EX-HN3 Yintang).
 */
export const isMidlinePoint = (p: Pick<LibraryAcupoint, 'meridian' | 'location'>) =>
  p.meridian === 'Governor Vessel' || p.meridian === 'Conception Vessel' || /^on the midline/i.test(p.location);

/** A point a protocol may name; `midline` null when unknown (a clinic's own point): any side. */
export interface KnownPoint {
  /** The code as stored: the library key or the clinic's code. */
  code: string;
  label: string;
  midline: boolean | null;
}

/** The library's points under every spelling they answer to (ST-36, St 36, Zusanli, SJ23). */
const LIBRARY_BY_KEY = new Map<string, KnownPoint>(
  ACUPOINTS.flatMap((p) => {
    const known: KnownPoint = { code: p.id, label: `${p.code ?? p.pinyin} ${p.pinyin}`, midline: isMidlinePoint(p) };
    return [p.id, p.code, p.pinyin, ...p.otherNames].filter((k): k is string => !!k).map((k) => [codeKey(k), known] as const);
  }),
);

/** Finds a point by a code in any spelling: the library first, then the clinic's own points (code → its code). */
export function pointFinder(clinicCodes: readonly string[]): (code: string) => KnownPoint | undefined {
  const clinic = new Map(clinicCodes.map((c) => [codeKey(c), { code: c, label: c, midline: null } satisfies KnownPoint]));
  return (code) => {
    const key = codeKey(code);
    return LIBRARY_BY_KEY.get(key) ?? clinic.get(key);
  };
}

/** Needles a point takes: both sides count twice. */
export const needlesAt = (p: Pick<ProtocolPoint, 'side' | 'needles'>) => (p.side === 'both' ? 2 : 1) * p.needles;

export const totalNeedles = (points: readonly Pick<ProtocolPoint, 'side' | 'needles'>[]) => points.reduce((n, p) => n + needlesAt(p), 0);

export interface PointProblem {
  field: string;
  message: string;
}

/** Two entries of a point overlap when they share a side, or either takes both sides. */
const overlaps = (a: Side, b: Side) => a === b || a === 'both' || b === 'both';

/**
 * Checks a protocol's points: each exists, no point twice on the same side, midline points
 * only on the midline and only midline points there, needles 1–10, at most 60 points.
 * Answers the points with their codes as stored (ST-36 → ST36), or the problems by field
 * (`points.2.pointCode`).
 */
export function checkProtocolPoints(
  points: readonly ProtocolPoint[],
  find: (code: string) => KnownPoint | undefined,
): { ok: true; points: ProtocolPoint[] } | { ok: false; problems: PointProblem[] } {
  const problems: PointProblem[] = [];
  const seen: { code: string; side: Side; label: string }[] = [];
  if (points.length > PROTOCOL_LIMITS.points) problems.push({ field: 'points', message: `Use at most ${PROTOCOL_LIMITS.points} points` });
  const out = points.map((p, i) => {
    const at = (f: string) => `points.${i}.${f}`;
    if (!Number.isInteger(p.needles) || p.needles < PROTOCOL_LIMITS.needlesMin || p.needles > PROTOCOL_LIMITS.needlesMax) {
      problems.push({ field: at('needles'), message: `Use ${PROTOCOL_LIMITS.needlesMin} to ${PROTOCOL_LIMITS.needlesMax} needles` });
    }
    const known = find(p.pointCode);
    if (!known) {
      problems.push({ field: at('pointCode'), message: `${p.pointCode} is neither in the library nor one of your clinic’s points` });
      return p;
    }
    if (known.midline === true && p.side !== 'midline') problems.push({ field: at('side'), message: `${known.label} is on the midline: choose Midline` });
    if (known.midline === false && p.side === 'midline') problems.push({ field: at('side'), message: `${known.label} is not on the midline: choose left, right or both` });
    const twice = seen.find((s) => s.code === known.code && overlaps(s.side, p.side));
    if (twice) problems.push({ field: at('side'), message: `${known.label} is already in the protocol (${SIDE_LABELS[twice.side].toLowerCase()})` });
    seen.push({ code: known.code, side: p.side, label: known.label });
    return { ...p, pointCode: known.code };
  });
  return problems.length ? { ok: false, problems } : { ok: true, points: out };
}

export interface DefaultProtocol {
  name: string;
  kind: ProtocolKind;
  description: string;
  points: ProtocolPoint[];
}

const both = (pointCode: string, note?: string): ProtocolPoint => ({ pointCode, side: 'both', needles: 1, ...(note ? { note } : {}) });
const midline = (pointCode: string): ProtocolPoint => ({ pointCode, side: 'midline', needles: 1 });

/**
 * The three protocols a new clinic starts with, from library points: starting points to
 * adapt, not prescriptions. Every point is checked by the tests.
 */
export const DEFAULT_PROTOCOLS: readonly DefaultProtocol[] = [
  {
    name: 'Facial rejuvenation core',
    kind: 'facial',
    description: 'Forehead, eyes, cheeks, mouth and jaw, with distal points to anchor the treatment. Add or leave out points for the client’s concerns.',
    points: [
      midline('EX-HN3'), both('GB14'), both('TE23'), both('ST2'), both('LI20'), both('ST3'), both('ST4'), both('ST6'), midline('CV24'),
      both('LI4', 'Avoid in pregnancy'), both('ST36'),
    ],
  },
  {
    name: 'Knee pain',
    kind: 'knee',
    description: 'Local points around the knee with distal support. Choose the affected side in the session.',
    points: [both('ST35'), both('EX-LE5'), both('EX-LE2'), both('SP9'), both('SP10'), both('GB34'), both('ST34'), both('ST36')],
  },
  {
    name: 'Constitutional',
    kind: 'traditional',
    description: 'A calming, supporting base: the four gates, the stomach and spleen, and the crown.',
    points: [
      both('LI4', 'Avoid in pregnancy'), both('LR3'), both('ST36'), both('SP6', 'Avoid in pregnancy'), both('PC6'), midline('CV12'), midline('GV20'),
    ],
  },
];
