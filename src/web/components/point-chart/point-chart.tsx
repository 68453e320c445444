import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { Minus, Plus, TriangleAlert } from 'lucide-react';
import { acupointById } from '../../../domain/acupoints/library.ts';
import {
  bestViewFor, placeLabels, CHART_MARKS, CHART_VIEWS, isChartMidline, markIsChosen, marksNear, unplacedCodes, VIEWS, zoomBox,
  type ChartMark, type ChartViewId,
} from '../../../domain/acupoints/chart.ts';
import { PROTOCOL_LIMITS, SIDE_LABELS, type Side } from '../../../domain/protocols/protocols.ts';
import { Button } from '../button.tsx';
import { ChartDrawing } from './drawings.tsx';

/** A chosen point: its code (library key or the clinic's code), side and needles at each side. */
export interface ChartPoint {
  code: string;
  side: Side;
  needles: number;
}

export interface PointChartProps {
  /** The points chosen so far (a protocol's or a session's). They are filled and labelled on the chart. */
  selected: readonly ChartPoint[];
  /**
   * Called when the practitioner adds a point on the chart, with the side (left, right, both,
   * or midline for midline points) and needles at each side they chose. Not needed when readOnly.
   */
  onAdd?: (code: string, side: Side, needles: number) => void;
  /** A session's points at a glance: only the chosen points are marked, nothing can be added. */
  readOnly?: boolean;
  /** Names of the clinic's own points (code → name), listed beside the chart as they are not drawn. */
  names?: Readonly<Record<string, string>>;
  /** The chart's accessible name (default "Point chart"). */
  label?: string;
}

const sideWord = (side: Side) => (side === 'both' ? 'both sides' : side === 'midline' ? 'midline' : `${side} side`);
const needlesWord = (n: number) => (n === 1 ? '1 needle' : `${n} needles`);
const nameOf = (code: string, names?: Readonly<Record<string, string>>) => {
  const p = acupointById(code);
  return p ? p.pinyin : names?.[code] ?? '';
};
const markLabel = (m: ChartMark) => `${acupointById(m.code)?.code ?? m.code} ${acupointById(m.code)?.pinyin ?? ''}${m.side === 'midline' ? '' : `, ${m.side}`}`.trim();
const shownCode = (code: string) => acupointById(code)?.code ?? acupointById(code)?.pinyin ?? code;

/**
 * The face and body charts: line drawings with every library point as a tappable dot. The
 * chosen points are filled and labelled; tapping (or Enter on) a dot opens a small panel to
 * choose the side and needles and add it. Every dot is a button named "ST3 Juliao, left";
 * the views are tabs. A finger tap that covers more than one dot (the eyes, nose and mouth are
 * crowded) opens a magnified pick-list of those dots instead of guessing. Prints the views with
 * chosen points and their list.
 */
export function PointChart({ selected, onAdd, readOnly = false, names, label = 'Point chart' }: PointChartProps) {
  const codes = useMemo(() => selected.map((p) => p.code), [selected]);
  const [view, setView] = useState<ChartViewId>(() => bestViewFor(codes));
  const [active, setActive] = useState<ChartMark>();
  // The dots a finger tap covered, when it covered more than one.
  const [choices, setChoices] = useState<ChartMark[]>();
  const pick = (m?: ChartMark) => { setActive(m); setChoices(undefined); };
  const unplaced = unplacedCodes(codes);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    // The chart is drawn and answers taps from here: the figure the e2e prints.
    performance.mark('point-chart:interactive');
    if (performance.getEntriesByName('point-chart:open').length > 0) performance.measure('point-chart', 'point-chart:open', 'point-chart:interactive');
  }, []);

  const chosenOn = (v: ChartViewId) => new Set(CHART_MARKS[v].filter((m) => selected.some((p) => p.code === m.code)).map((m) => m.code)).size;
  const onTabKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? CHART_VIEWS.length - 1 : (i + step + CHART_VIEWS.length) % CHART_VIEWS.length;
    setView(CHART_VIEWS[next]!);
    pick(undefined);
    tabs.current[next]?.focus();
  };

  return (
    <section aria-label={label} className="point-chart flex flex-col gap-3">
      <div role="tablist" aria-label="Views" className="flex flex-wrap gap-1.5 print:hidden">
        {CHART_VIEWS.map((v, i) => {
          const n = chosenOn(v);
          return (
            <button key={v} ref={(el) => { tabs.current[i] = el; }} type="button" role="tab" id={`pc-tab-${v}`} aria-selected={view === v}
              aria-controls="pc-panel" tabIndex={view === v ? 0 : -1} onKeyDown={(e) => onTabKey(e, i)}
              onClick={() => { setView(v); pick(undefined); }}
              className={`min-h-11 rounded-full border px-3.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-jade-700 ${view === v ? 'border-jade-600 bg-jade-600 text-white' : 'border-line bg-white text-ink hover:border-jade-300 hover:bg-jade-50'}`}>
              {VIEWS[v].label}
              {n > 0 && <span className={`ml-1.5 rounded-full px-1.5 text-xs ${view === v ? 'bg-jade-800 text-white' : 'bg-jade-100 text-jade-800'}`}><span className="sr-only">, </span>{n}<span className="sr-only"> chosen</span></span>}
            </button>
          );
        })}
      </div>
      <div id="pc-panel" role="tabpanel" aria-labelledby={`pc-tab-${view}`} className="print:hidden">
        <ChartFigure view={view} selected={selected} readOnly={readOnly} active={active} choices={choices}
          onPick={pick} onAmbiguous={(ms) => { setActive(undefined); setChoices(ms); }} />
      </div>
      {!readOnly && choices && (
        <WhichPoint key={choices.map((m) => `${m.code}-${m.side}`).join()} view={view} marks={choices} selected={selected}
          onPick={pick} onClose={() => setChoices(undefined)} />
      )}
      {!readOnly && active && onAdd && (
        <AddPanel key={`${active.code}-${active.side}`} mark={active} selected={selected}
          onAdd={(side, needles) => { onAdd(active.code, side, needles); pick(undefined); }}
          onClose={() => pick(undefined)} />
      )}
      {/* On paper: every view that has chosen points, with only those points marked. */}
      <div className="hidden print:grid print:grid-cols-2 print:gap-4">
        {CHART_VIEWS.filter((v) => chosenOn(v) > 0).map((v) => (
          <figure key={v} className="break-inside-avoid">
            <ChartFigure view={v} selected={selected} readOnly />
            <figcaption className="text-center text-sm">{VIEWS[v].label}</figcaption>
          </figure>
        ))}
      </div>
      {(readOnly || unplaced.length > 0) && selected.length > 0 && (
        <ChosenList points={readOnly ? selected : selected.filter((p) => unplaced.includes(p.code))} names={names}
          title={readOnly ? 'Points' : 'Not on the charts (the clinic’s own points)'} />
      )}
      {readOnly && selected.length === 0 && <p className="muted">No points.</p>}
    </section>
  );
}

/** How far a fingertip reaches from where it touched, in CSS pixels (a finger covers about 7–10 mm). */
const FINGER_PX = 20;

/**
 * One view: the drawing and its dots (buttons unless read-only). A mouse click or a key picks
 * the dot it is on; a finger or pen tap picks the one dot within a fingertip, or, when it covers
 * several, hands them to `onAmbiguous`.
 */
function ChartFigure({ view, selected, readOnly, active, choices, onPick, onAmbiguous }: {
  view: ChartViewId; selected: readonly ChartPoint[]; readOnly: boolean; active?: ChartMark; choices?: readonly ChartMark[];
  onPick?: (m: ChartMark) => void; onAmbiguous?: (ms: ChartMark[]) => void;
}) {
  const v = VIEWS[view];
  const svg = useRef<SVGSVGElement>(null);
  // Dots keep a hit area of at least 24 × 24 px however small the chart is drawn.
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const el = svg.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => { const w = el.getBoundingClientRect().width; if (w > 0) setScale(w / v.width); };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [v.width]);
  const hit = Math.max(13, 13 / scale);
  // Codes stay readable (about 12 px) on a phone.
  const font = Math.max(13, 12 / scale);
  const marks = CHART_MARKS[view];
  const chosenSide = (m: ChartMark) => selected.find((p) => p.code === m.code && markIsChosen(m.side, p.side));
  const shown = readOnly ? marks.filter((m) => chosenSide(m)) : marks;
  // Chosen dots last, so their labels sit above the other dots.
  const ordered = [...shown].sort((a, b) => Number(!!chosenSide(a)) - Number(!!chosenSide(b)));
  const pointer = useRef('mouse');
  const onTap = (e: MouseEvent<SVGSVGElement>) => {
    if (readOnly || !onPick) return;
    const on = (e.target as Element).closest('[data-code]');
    const under = on && marks.find((m) => m.code === on.getAttribute('data-code') && m.side === on.getAttribute('data-side'));
    const kind = (e.nativeEvent as PointerEvent).pointerType || pointer.current;
    if (kind === 'mouse' || e.detail === 0) { if (under) onPick(under); return; }
    const ctm = svg.current?.getScreenCTM();
    if (!ctm) { if (under) onPick(under); return; }
    const at = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const near = marksNear(marks, at, FINGER_PX / scale);
    if (near.length > 1) onAmbiguous?.(near);
    else if (near[0] ?? under) onPick((near[0] ?? under)!);
  };
  const labels = placeLabels(ordered.filter((m) => chosenSide(m)).map((m) => ({ key: `${m.code}-${m.side}`, text: shownCode(m.code), x: m.x, y: m.y })), v.width,
    shown.filter((m) => !chosenSide(m)), font * 0.62, font + 1);
  return (
    <svg ref={svg} viewBox={`0 0 ${v.width} ${v.height}`} className="mx-auto block h-auto max-h-[70vh] w-full max-w-[30rem] touch-manipulation select-none rounded-xl bg-paper print:max-h-none"
      role={readOnly ? 'img' : 'group'} aria-label={`${v.label}${readOnly ? `: ${shown.map(markLabel).join('; ') || 'no points'}` : ''}`}
      onPointerDown={(e) => { pointer.current = e.pointerType; }} onClick={onTap}>
      <ChartDrawing view={view} />
      {readOnly && marks.filter((m) => !chosenSide(m)).map((m) => (
        <circle key={`${m.code}-${m.side}-faint`} cx={m.x} cy={m.y} r={2} fill="#a9b0ac" opacity={0.6} aria-hidden="true" />
      ))}
      {ordered.map((m) => {
        const chosen = chosenSide(m);
        const isActive = (active?.code === m.code && active.side === m.side) || !!choices?.some((c) => c.code === m.code && c.side === m.side);
        const spot = labels.get(`${m.code}-${m.side}`);
        const dot = (
          <>
            <circle cx={m.x} cy={m.y} r={hit} fill="transparent" />
            <circle className="opacity-0 transition-opacity group-hover/mark:opacity-100" cx={m.x} cy={m.y} r={11} fill="#dcebe4" />
            <circle className="opacity-0 group-focus-visible/mark:opacity-100" cx={m.x} cy={m.y} r={12.5} fill="none" stroke="#1c473c" strokeWidth={2.5} />
            {isActive && <circle cx={m.x} cy={m.y} r={12.5} fill="none" stroke="#b4694a" strokeWidth={2.5} />}
            {!chosen && !readOnly && <circle cx={m.x} cy={m.y} r={8.5} fill="#dcebe4" opacity={0.6} />}
            {chosen
              ? <circle cx={m.x} cy={m.y} r={7} fill="#2f6f5e" stroke="#fff" strokeWidth={2} />
              : <circle cx={m.x} cy={m.y} r={5} fill="#fff" stroke="#2f6f5e" strokeWidth={1.75} />}
            {chosen && spot && (
              <text x={spot.x} y={spot.y} textAnchor={spot.anchor} fontSize={font} fontWeight={650}
                fill="#1c473c" stroke="#faf8f4" strokeWidth={4} paintOrder="stroke" strokeLinejoin="round" aria-hidden="true" pointerEvents="none">
                {shownCode(m.code)}
              </text>
            )}
          </>
        );
        if (readOnly) return <g key={`${m.code}-${m.side}`} aria-hidden="true">{dot}</g>;
        return (
          <g key={`${m.code}-${m.side}`} role="button" tabIndex={0} aria-label={markLabel(m)} aria-pressed={!!chosen}
            data-code={m.code} data-side={m.side}
            className="group/mark cursor-pointer outline-none"
            onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onPick?.(m); } }}>
            {dot}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * The dots one finger tap covered, magnified and listed, so the practitioner picks the one they
 * meant. The magnified drawing answers taps too; the list is what a screen reader reads.
 */
function WhichPoint({ view, marks, selected, onPick, onClose }: {
  view: ChartViewId; marks: readonly ChartMark[]; selected: readonly ChartPoint[]; onPick: (m: ChartMark) => void; onClose: () => void;
}) {
  const box = zoomBox(VIEWS[view], marks);
  // The magnifier is drawn 288 px wide: sizes below are in view units for that width.
  const px = box.width / 288;
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => { first.current?.focus({ preventScroll: true }); first.current?.scrollIntoView?.({ block: 'nearest' }); }, []);
  const chosen = (m: ChartMark) => selected.some((p) => p.code === m.code && markIsChosen(m.side, p.side));
  return (
    <div role="group" aria-label="Which point?" className="rounded-xl border border-jade-200 bg-jade-50 p-4 print:hidden">
      <p className="font-semibold">Which point?</p>
      <p className="muted text-sm">Your tap covered {marks.length} points close together.</p>
      <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-start">
        <svg viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`} aria-hidden="true"
          className="w-full max-w-72 shrink-0 touch-manipulation select-none self-center rounded-lg border border-jade-100 bg-paper">
          <ChartDrawing view={view} />
          {marks.map((m) => (
            <g key={`${m.code}-${m.side}`} className="cursor-pointer" data-zoom-code={m.code} onClick={() => onPick(m)}>
              <circle cx={m.x} cy={m.y} r={20 * px} fill="transparent" />
              <circle cx={m.x} cy={m.y} r={9 * px} fill={chosen(m) ? '#2f6f5e' : '#fff'} stroke="#2f6f5e" strokeWidth={2.5 * px} />
              <text x={m.x} y={m.y - 14 * px} textAnchor="middle" fontSize={14 * px} fontWeight={650} fill="#1c473c"
                stroke="#faf8f4" strokeWidth={4 * px} paintOrder="stroke" strokeLinejoin="round">{shownCode(m.code)}</text>
            </g>
          ))}
        </svg>
        <ul className="flex min-w-0 flex-1 flex-col gap-1.5">
          {marks.map((m, i) => {
            const p = acupointById(m.code);
            return (
              <li key={`${m.code}-${m.side}`}>
                <button ref={i === 0 ? first : undefined} type="button" onClick={() => onPick(m)}
                  className="flex min-h-11 w-full items-center gap-2 rounded-lg border border-line bg-white px-3 py-2 text-left text-sm hover:border-jade-300 hover:bg-jade-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-jade-700">
                  <span className="font-semibold">{shownCode(m.code)}</span>{' '}
                  <span className="min-w-0 flex-1">{p?.pinyin}{m.side !== 'midline' && <span className="muted">, {m.side}</span>}</span>
                  {chosen(m) && <span className="rounded-full bg-jade-100 px-2 text-xs text-jade-800"><span className="sr-only">, </span>chosen</span>}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      <Button variant="ghost" className="mt-2" onClick={onClose}>Cancel</Button>
    </div>
  );
}

/** The side and needles of a tapped point, and the button that adds it. */
function AddPanel({ mark, selected, onAdd, onClose }: { mark: ChartMark; selected: readonly ChartPoint[]; onAdd: (side: Side, needles: number) => void; onClose: () => void }) {
  const point = acupointById(mark.code);
  const midline = isChartMidline(mark.code);
  const sides: Side[] = midline ? ['midline'] : ['left', 'right', 'both'];
  const existing = selected.find((p) => p.code === mark.code);
  const [side, setSide] = useState<Side>(existing?.side ?? (midline ? 'midline' : 'both'));
  const [needles, setNeedles] = useState(existing?.needles ?? 1);
  const add = useRef<HTMLButtonElement>(null);
  useEffect(() => { add.current?.focus({ preventScroll: true }); add.current?.scrollIntoView?.({ block: 'nearest' }); }, []);
  const code = shownCode(mark.code);
  const clamp = (n: number) => Math.min(PROTOCOL_LIMITS.needlesMax, Math.max(PROTOCOL_LIMITS.needlesMin, n));
  return (
    <div role="group" aria-label={`Add ${code}`} className="rounded-xl border border-jade-200 bg-jade-50 p-4 print:hidden">
      <p className="font-semibold">{code} {point?.pinyin}<span className="muted font-normal"> · {point?.english}</span></p>
      {point && <p className="muted mt-1 text-sm">{point.location}</p>}
      {point?.cautions.map((c) => (
        <p key={c.text} className="mt-1 flex gap-1.5 text-sm text-caution"><TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />{c.text}</p>
      ))}
      {existing && <p className="mt-2 text-sm font-medium">Chosen: {sideWord(existing.side)}, {needlesWord(existing.needles)}{existing.side === 'both' ? ' each' : ''}. Adding it again changes this.</p>}
      <div className="mt-3 flex flex-wrap items-end gap-4">
        <fieldset>
          <legend className="label mb-1">Side</legend>
          <div className="flex gap-1.5">
            {sides.map((s) => (
              <label key={s} className={`flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border px-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-jade-700 ${side === s ? 'border-jade-600 bg-white font-semibold' : 'border-line bg-white/60'}`}>
                <input type="radio" name={`side-${mark.code}`} value={s} checked={side === s} onChange={() => setSide(s)} className="accent-jade-600" />
                {s === 'both' ? 'Both' : SIDE_LABELS[s]}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <span className="label mb-1 block" id={`needles-${mark.code}`}>Needles{side === 'both' ? ' each side' : ''}</span>
          <div className="flex items-center gap-1" role="group" aria-labelledby={`needles-${mark.code}`}>
            <Button variant="secondary" className="px-2.5" aria-label="One needle fewer" disabled={needles <= PROTOCOL_LIMITS.needlesMin} onClick={() => setNeedles((n) => clamp(n - 1))}><Minus aria-hidden="true" className="size-4" /></Button>
            <output aria-live="polite" className="w-8 text-center text-lg font-semibold">{needles}</output>
            <Button variant="secondary" className="px-2.5" aria-label="One needle more" disabled={needles >= PROTOCOL_LIMITS.needlesMax} onClick={() => setNeedles((n) => clamp(n + 1))}><Plus aria-hidden="true" className="size-4" /></Button>
          </div>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button ref={add} onClick={() => onAdd(side, needles)}><Plus aria-hidden="true" className="size-4" />Add {code}, {sideWord(side)}</Button>
        <Button variant="ghost" onClick={onClose}>Cancel</Button>
      </div>
    </div>
  );
}

/** The chosen points as a list: code, name, side, needles. */
function ChosenList({ points, names, title }: { points: readonly ChartPoint[]; names?: Readonly<Record<string, string>>; title: string }) {
  return (
    <div>
      <h3 className="label mb-1">{title}</h3>
      <ul className="flex flex-col gap-0.5 text-sm">
        {points.map((p) => (
          <li key={`${p.code}-${p.side}`}><span className="font-semibold">{shownCode(p.code)}</span> {nameOf(p.code, names)} · {sideWord(p.side)}, {needlesWord(p.needles)}{p.side === 'both' ? ' each' : ''}</li>
        ))}
      </ul>
    </div>
  );
}

export default PointChart;
