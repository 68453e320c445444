import { lazy, Suspense, useState } from 'react';
import type { PointChart, PointChartProps } from './point-chart.tsx';

export type { ChartPoint, PointChartProps } from './point-chart.tsx';

/**
 * The face and body charts, loaded on demand: the drawings and their code are a chunk of
 * their own that only clinical screens (protocols, session notes) fetch.
 *
 * Use: `<LazyPointChart selected={points} onAdd={(code, side, needles) => …} />` to choose
 * points, or `<LazyPointChart selected={points} readOnly />` for a session's points at a glance.
 * `selected` is `{ code, side, needles }[]` (code: the library key such as ST3 or EX-HN3, or
 * the clinic's own code; side: left, right, both or midline; needles at each side).
 * Clinic points have no place on the drawings: they are listed under the chart.
 * For eager use import `PointChart` from './point-chart.tsx' instead.
 */
let loaded: { PointChart: typeof PointChart } | undefined;
const load = () => import('./point-chart.tsx').then((m) => { loaded = m; return m; });
const LazyChart = lazy(load);

/**
 * Fetches the chart's code ahead (call it when a clinical screen opens), so the chart is
 * drawn at once when a dialog or note shows it. Safe to call more than once.
 */
export function preloadPointChart(): void {
  void load();
}

export function LazyPointChart(props: PointChartProps) {
  // When the chart was asked for: PointChart measures from here to the moment it answers taps.
  useState(() => performance.mark('point-chart:open'));
  // Fetched ahead: drawn in the same render, without a Suspense round (React holds fallbacks back up to 300 ms).
  const Ready = loaded?.PointChart;
  if (Ready) return <Ready {...props} />;
  return (
    <Suspense fallback={<p className="muted py-8 text-center">Loading the chart…</p>}>
      <LazyChart {...props} />
    </Suspense>
  );
}
