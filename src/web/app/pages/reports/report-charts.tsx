import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartNoAxesColumn } from 'lucide-react';

const JADE = '#245a4c';
const CLAY = '#b4694a';
const AMBER = '#b7791f';
const SAND = '#9aa39f';
const TICK = { fill: '#55615d', fontSize: 12 };

/** "8 Mar" for a week, "Mar 2027" for a month. */
export function periodLabel(start: string, granularity: 'week' | 'month'): string {
  const d = new Date(`${start}T12:00:00Z`);
  return granularity === 'week'
    ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d)
    : new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/**
 * Utilisation per practitioner as horizontal bars (percent of their available time). The
 * chart is a picture for sighted readers; its summary is the accessible name and the
 * figures follow in a table beside it.
 */
export function UtilisationChart({ rows, summary }: { rows: { name: string; percent: number | null }[]; summary: string }) {
  const data = rows.map((r) => ({ name: r.name, percent: r.percent ?? 0 }));
  const max = Math.max(100, ...data.map((d) => Math.ceil(d.percent / 10) * 10));
  return (
    <div role="img" aria-label={summary} className="w-full" style={{ height: Math.max(120, 48 * data.length + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#e4dfd5" horizontal={false} />
          <XAxis type="number" domain={[0, max]} unit="%" tick={TICK} tickLine={false} axisLine={{ stroke: '#8b948f' }} />
          <YAxis type="category" dataKey="name" width={120} tick={TICK} tickLine={false} axisLine={false} />
          <Tooltip formatter={(v) => [`${String(v)}%`, 'Booked']} />
          <Bar dataKey="percent" fill={JADE} radius={[0, 6, 6, 0]} barSize={22} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Kept appointments, no-shows and late cancellations per period, stacked. */
export function AttendanceChart({ periods, granularity, summary }: {
  periods: { start: string; kept: number; noShows: number; lateCancellations: number }[]; granularity: 'week' | 'month'; summary: string;
}) {
  const data = periods.map((p) => ({ label: periodLabel(p.start, granularity), kept: p.kept, noShows: p.noShows, late: p.lateCancellations }));
  return (
    <div role="img" aria-label={summary} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: -16 }}>
          <CartesianGrid stroke="#e4dfd5" vertical={false} />
          <XAxis dataKey="label" tick={TICK} tickLine={false} axisLine={{ stroke: '#8b948f' }} minTickGap={8} />
          <YAxis allowDecimals={false} tick={TICK} tickLine={false} axisLine={false} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar dataKey="kept" name="Kept" stackId="a" fill={SAND} isAnimationActive={false} />
          <Bar dataKey="noShows" name="No-shows" stackId="a" fill={CLAY} isAnimationActive={false} />
          <Bar dataKey="late" name="Late cancellations" stackId="a" fill={AMBER} radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** New clients per period. */
export function CountChart({ periods, granularity, summary, name }: {
  periods: { start: string; count: number }[]; granularity: 'week' | 'month'; summary: string; name: string;
}) {
  const data = periods.map((p) => ({ label: periodLabel(p.start, granularity), count: p.count }));
  return (
    <div role="img" aria-label={summary} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: -16 }}>
          <CartesianGrid stroke="#e4dfd5" vertical={false} />
          <XAxis dataKey="label" tick={TICK} tickLine={false} axisLine={{ stroke: '#8b948f' }} minTickGap={8} />
          <YAxis allowDecimals={false} tick={TICK} tickLine={false} axisLine={false} />
          <Tooltip formatter={(v) => [String(v), name]} />
          <Bar dataKey="count" name={name} fill={JADE} radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

const METHOD_BARS = [
  { key: 'card_terminal', name: 'Card (terminal)', fill: JADE },
  { key: 'online_card', name: 'Card (online)', fill: '#5f9c8a' },
  { key: 'cash', name: 'Cash', fill: CLAY },
  { key: 'bank_transfer', name: 'Bank transfer', fill: AMBER },
] as const;

/** "8 Mar" for a day or a week, "Mar 2027" for a month. */
export const chartLabel = (start: string, unit: 'day' | 'week' | 'month') => periodLabel(start, unit === 'month' ? 'month' : 'week');

/** In place of a chart with nothing to draw (its axis would run 0–4 for nothing): a calm word. */
export function NoChartData({ title, detail }: { title: string; detail: string }) {
  return (
    <div className="mt-2 flex items-center gap-3 rounded-xl border border-dashed border-line p-6">
      <ChartNoAxesColumn aria-hidden="true" className="size-6 shrink-0 text-jade-700" />
      <div>
        <p className="font-semibold">{title}</p>
        <p className="muted text-sm">{detail}</p>
      </div>
    </div>
  );
}

/** Whether any money moved in these periods (a payment or a refund by any method); without any, a chart has no scale to show. */
export function anyTakings(periods: Record<(typeof METHOD_BARS)[number]['key'], number>[]): boolean {
  return periods.some((p) => METHOD_BARS.some((m) => p[m.key] !== 0));
}

/**
 * Takings per day, week or month, stacked by method, in pounds; a day of refunds goes
 * below the line (stacked by sign, so a refund never hides a payment).
 */
export function TakingsChart({ periods, unit, summary, currency }: {
  periods: ({ start: string; netMinor: number } & Record<(typeof METHOD_BARS)[number]['key'], number>)[]; unit: 'day' | 'week' | 'month'; summary: string; currency: string;
}) {
  const data = periods.map((p) => ({ label: chartLabel(p.start, unit), ...Object.fromEntries(METHOD_BARS.map((m) => [m.key, p[m.key] / 100])) }));
  const money = (v: unknown) => new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(Number(v));
  return (
    <div role="img" aria-label={summary} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#e4dfd5" vertical={false} />
          <XAxis dataKey="label" tick={TICK} tickLine={false} axisLine={{ stroke: '#8b948f' }} minTickGap={8} />
          <YAxis tick={TICK} tickLine={false} axisLine={false} tickFormatter={money} width={64} />
          <Tooltip formatter={(v, n) => [new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(Number(v)), String(n)]} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          {METHOD_BARS.map((m) => <Bar key={m.key} dataKey={m.key} name={m.name} stackId="a" fill={m.fill} isAnimationActive={false} />)}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Money still owed by the age of the invoice. */
export function AgeChart({ bands, summary, currency }: { bands: { label: string; totalMinor: number }[]; summary: string; currency: string }) {
  const data = bands.map((b) => ({ label: b.label, amount: b.totalMinor / 100 }));
  const money = (v: unknown) => new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(Number(v));
  return (
    <div role="img" aria-label={summary} className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#e4dfd5" vertical={false} />
          <XAxis dataKey="label" tick={TICK} tickLine={false} axisLine={{ stroke: '#8b948f' }} />
          <YAxis tick={TICK} tickLine={false} axisLine={false} tickFormatter={money} width={64} />
          <Tooltip formatter={(v) => [new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(Number(v)), 'Owed']} />
          <Bar dataKey="amount" name="Owed" fill={CLAY} radius={[4, 4, 0, 0]} barSize={48} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
