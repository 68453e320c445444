import { ACUPOINTS } from './library.ts';

/**
 * Where each library point sits on the clinic's point charts: line drawings of the face
 * (front and three-quarter), the head in profile, the body front and back and the knees.
 * Every view has its own coordinate box (the SVG viewBox its drawing uses). Pure data.
 *
 * Conventions:
 * - Front views (face front, body front, knee) show the client facing us: the client's
 *   right side is on the viewer's left. The back view shows the client from behind: the
 *   client's left is on the viewer's left. These views are symmetric, so a bilateral point
 *   is given once (its right-side position) and its left side is the mirror image.
 * - The three-quarter face and the head profile show the client's right side only:
 *   bilateral points have a right-side position there and no left.
 * - Midline points (Governor and Conception Vessels, EX-HN3) have one midline position.
 */

export const CHART_VIEWS = ['face-front', 'face-three-quarter', 'head', 'body-front', 'body-back', 'knee'] as const;
export type ChartViewId = (typeof CHART_VIEWS)[number];

export interface ChartView {
  id: ChartViewId;
  label: string;
  /** The coordinate box: x from 0 to width, y from 0 to height (top down). */
  width: number;
  height: number;
  /** front: the client faces us; back: seen from behind; right-side: the client's right side only. */
  facing: 'front' | 'back' | 'right-side';
}

export const VIEWS: Record<ChartViewId, ChartView> = {
  'face-front': { id: 'face-front', label: 'Face', width: 400, height: 520, facing: 'front' },
  'face-three-quarter': { id: 'face-three-quarter', label: 'Three-quarter', width: 400, height: 520, facing: 'right-side' },
  head: { id: 'head', label: 'Head', width: 400, height: 440, facing: 'right-side' },
  'body-front': { id: 'body-front', label: 'Body front', width: 360, height: 730, facing: 'front' },
  'body-back': { id: 'body-back', label: 'Body back', width: 360, height: 730, facing: 'back' },
  knee: { id: 'knee', label: 'Knees', width: 480, height: 420, facing: 'front' },
};

/** Which mark of a point: one of a pair, or the single mark of a midline point. */
export type ChartSide = 'left' | 'right' | 'midline';

export interface Spot {
  x: number;
  y: number;
}

type Raw = Record<string, readonly [number, number]>;

/**
 * The raw positions: for a bilateral point the client's RIGHT side (the viewer's left on
 * front views, the viewer's right on the back view), for a midline point its one mark (x on
 * the centre line of symmetric views).
 */
const RAW: Record<ChartViewId, Raw> = {
  'face-front': {
    GV23: [200, 62], GV24: [200, 84], ST8: [128, 88],
    GB14: [150, 148], 'EX-HN4': [149, 176], TE23: [116, 184], BL2: [174, 186], 'EX-HN3': [200, 190],
    'EX-HN5': [98, 200], BL1: [171, 212], GB1: [108, 224],
    ST1: [150, 240], 'EX-HN7': [126, 248], ST2: [150, 264], 'EX-HN8': [177, 266],
    LI20: [168, 292], SI18: [120, 300], ST3: [144, 304],
    LI19: [178, 326], GV26: [200, 322],
    ST6: [122, 352], ST4: [156, 356], ST5: [134, 396], JIACHENGJIANG: [175, 394], CV24: [200, 392],
    CV23: [200, 464], ST9: [166, 494],
  },
  'face-three-quarter': {
    ST8: [206, 96], GB14: [228, 150], 'EX-HN4': [222, 176], TE23: [196, 182], BL2: [252, 186], 'EX-HN3': [284, 192],
    'EX-HN5': [184, 206], TE22: [160, 202], BL1: [256, 212], GB1: [196, 227],
    ST1: [226, 242], SI19: [158, 246], 'EX-HN7': [208, 250], ST2: [228, 266], 'EX-HN8': [268, 262],
    ST7: [174, 268], LI20: [272, 292], SI18: [202, 298], ST3: [236, 302], QIANZHENG: [160, 304], TE17: [114, 306],
    LI19: [290, 328], GV26: [310, 322],
    ST6: [184, 366], ST4: [256, 354], ST5: [210, 390], JIACHENGJIANG: [276, 396], CV24: [296, 392],
  },
  head: {
    GV20: [196, 44], GV23: [278, 78], GV24: [294, 94], ST8: [270, 116],
    TE22: [234, 180], SI19: [236, 218], TE17: [182, 262], GB20: [94, 262],
  },
  'body-front': {
    LI15: [112, 146],
    LI11: [88, 264], HT3: [107, 270],
    PC6: [91, 336], LU7: [78, 350], HT7: [100, 368],
    CV12: [180, 246], ST25: [152, 300], CV6: [180, 322], CV4: [180, 344],
    'EX-LE5': [152, 532], ST36: [143, 566], ST40: [139, 592], SP7: [164, 598], SP6: [165, 624],
    KI3: [171, 652], KI6: [163, 674], LR3: [160, 688], BL67: [132, 708], ST44: [152, 712],
  },
  'body-back': {
    GB20: [194, 94], GB21: [216, 134], SI11: [222, 186], TE10: [262, 252],
    BL18: [200, 228], BL20: [200, 254], BL21: [200, 276], BL23: [200, 300],
    BL31: [195, 330], BL32: [194, 348], BL33: [193, 366], BL34: [192, 384], GB30: [220, 384],
    LI4: [282, 396],
    LR8: [190, 512], KI10: [196, 530], BL40: [210, 522],
    BL57: [208, 604], BL60: [212, 660],
  },
  knee: {
    'EX-LE3': [180, 100], ST34: [104, 128], SP10: [178, 128], 'EX-LE2': [140, 150], GB33: [82, 190],
    ST35: [118, 262], 'EX-LE4': [162, 262], GB34: [98, 318], SP9: [190, 312], ST36: [120, 330],
  },
};

/** A point's position on one view, on one side. */
export interface ChartMark extends Spot {
  view: ChartViewId;
  code: string;
  side: ChartSide;
}

const MIDLINE = new Set(ACUPOINTS.filter((p) => p.meridian === 'Governor Vessel' || p.meridian === 'Conception Vessel' || /^on the midline/i.test(p.location)).map((p) => p.id));

/** Whether a point is drawn as one mark on the midline (GV, CV, EX-HN3). */
export const isChartMidline = (code: string) => MIDLINE.has(code);

function marksOf(view: ChartView, code: string, [x, y]: readonly [number, number]): ChartMark[] {
  if (MIDLINE.has(code)) return [{ view: view.id, code, side: 'midline', x, y }];
  const right: ChartMark = { view: view.id, code, side: 'right', x, y };
  if (view.facing === 'right-side') return [right];
  return [right, { ...right, side: 'left', x: view.width - x }];
}

/** Every mark of every view, by view, in the order drawn. */
export const CHART_MARKS = Object.fromEntries(
  CHART_VIEWS.map((id) => [id, Object.entries(RAW[id]).flatMap(([code, xy]) => marksOf(VIEWS[id], code, xy))]),
) as unknown as Record<ChartViewId, readonly ChartMark[]>;

/** The views a point is drawn on (empty for a clinic's own point: it is listed, not drawn). */
export const viewsOf = (code: string): ChartViewId[] => CHART_VIEWS.filter((v) => code in RAW[v]);

/** The first view a point is drawn on, or undefined. */
export const homeViewOf = (code: string): ChartViewId | undefined => viewsOf(code)[0];

/** A side as a protocol or a note names it. */
export type ChosenSide = 'left' | 'right' | 'both' | 'midline';

/** Whether the mark on `mark` side is one of the chosen `side`s of a point. */
export function markIsChosen(mark: ChartSide, side: ChosenSide): boolean {
  if (mark === 'midline') return true;
  return side === 'both' || side === mark;
}

/** The codes among `codes` that no view draws (a clinic's own points): listed beside the chart. */
export const unplacedCodes = (codes: readonly string[]): string[] => [...new Set(codes.filter((c) => viewsOf(c).length === 0))];

/** The view to open first for a set of points: the view that draws most of them (face front on a tie or none). */
export function bestViewFor(codes: readonly string[]): ChartViewId {
  let best: ChartViewId = 'face-front';
  let most = 0;
  for (const v of CHART_VIEWS) {
    const n = codes.filter((c) => c in RAW[v]).length;
    if (n > most) { best = v; most = n; }
  }
  return best;
}

/** Where a chosen point's code label goes: beside, above or below its dot. */
export interface LabelSpot {
  x: number;
  y: number;
  anchor: 'start' | 'end' | 'middle';
}

/**
 * Places the code labels of the chosen marks so they do not cover each other or the chosen
 * dots: beside the dot away from the centre line first, then the other side, above, below.
 * Text is estimated at `charWidth` per character and `lineHeight` tall. Pure.
 */
export function placeLabels(
  marks: readonly (Spot & { text: string; key: string })[], width: number, others: readonly Spot[] = [], charWidth = 8, lineHeight = 14,
): Map<string, LabelSpot> {
  const dot = (m: Spot, r: number) => ({ x0: m.x - r, x1: m.x + r, y0: m.y - r, y1: m.y + r });
  const boxes: { x0: number; x1: number; y0: number; y1: number }[] = marks.map((m) => dot(m, 8));
  // The other (not chosen) dots: better left uncovered, but a label may cover one when nothing else is free.
  const soft = others.map((m) => dot(m, 6));
  const placed = new Map<string, LabelSpot>();
  for (const m of marks) {
    const w = m.text.length * charWidth;
    const mid = m.y + lineHeight / 3;
    const outward: LabelSpot = m.x < width / 2 ? { x: m.x - 11, y: mid, anchor: 'end' } : { x: m.x + 11, y: mid, anchor: 'start' };
    const inward: LabelSpot = outward.anchor === 'end' ? { x: m.x + 11, y: mid, anchor: 'start' } : { x: m.x - 11, y: mid, anchor: 'end' };
    const candidates = [outward, inward, { x: m.x, y: m.y - 11, anchor: 'middle' } as LabelSpot, { x: m.x, y: m.y + 8 + lineHeight, anchor: 'middle' } as LabelSpot];
    const boxOf = (c: LabelSpot) => {
      const x0 = c.anchor === 'start' ? c.x : c.anchor === 'end' ? c.x - w : c.x - w / 2;
      return { x0, x1: x0 + w, y0: c.y - lineHeight + 3, y1: c.y + 3 };
    };
    const clear = (b: ReturnType<typeof boxOf>, of: typeof boxes) => !of.some((o) => b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
    const free = (b: ReturnType<typeof boxOf>) => b.x0 >= 0 && b.x1 <= width && clear(b, boxes);
    const chosen = candidates.find((c) => free(boxOf(c)) && clear(boxOf(c), soft)) ?? candidates.find((c) => free(boxOf(c))) ?? outward;
    boxes.push(boxOf(chosen));
    placed.set(m.key, chosen);
  }
  return placed;
}

/**
 * The marks a fingertip may have meant: every mark within `radius` (in the view's units) of
 * the tap, nearest first. A finger covers about 7–10 mm of glass, so in the crowded parts of
 * the face (eyes, nose, mouth) a tap can cover two or three dots; the chart then asks which
 * one rather than guessing. Pure.
 */
export function marksNear<M extends Spot>(marks: readonly M[], tap: Spot, radius: number): M[] {
  return marks
    .map((m) => ({ m, d: Math.hypot(m.x - tap.x, m.y - tap.y) }))
    .filter(({ d }) => d <= radius)
    .sort((a, b) => a.d - b.d)
    .map(({ m }) => m);
}

/** A part of a view: its top-left corner and size, in the view's units. */
export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The part of a view to magnify around some marks: their bounding box with `pad` around it,
 * at least `minWidth` wide, in the view's proportions for the magnifier (4:3), kept inside the
 * view. Pure.
 */
export function zoomBox(view: ChartView, marks: readonly Spot[], pad = 26, minWidth = 96): ViewBox {
  const xs = marks.map((m) => m.x);
  const ys = marks.map((m) => m.y);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  let width = Math.max(minWidth, Math.max(...xs) - Math.min(...xs) + 2 * pad, (Math.max(...ys) - Math.min(...ys) + 2 * pad) * (4 / 3));
  width = Math.min(width, view.width, view.height * (4 / 3));
  const height = width * (3 / 4);
  const x = Math.min(Math.max(0, cx - width / 2), view.width - width);
  const y = Math.min(Math.max(0, cy - height / 2), view.height - height);
  return { x, y, width, height };
}
