import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate } from '../../../lib/format.ts';
import { changeWords, fmt, VERDICT_WORDS, type Progress, type ScoreProgress } from './outcome-summary.tsx';

export type { Progress } from './outcome-summary.tsx';

const JADE = '#245a4c';
const CLAY = '#b4694a';

/** "11 Dec", for the chart's axis. */
const shortDate = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone }).format(new Date(iso));

/**
 * One score over the course: a line through the scores at each session's date, the
 * baseline marked, and the band within the minimal important change of it shaded (a
 * change inside the band is not meaningful). The same figures follow as a table.
 */
export function ScoreChart({ score, timeZone, title }: { score: ScoreProgress; timeZone: string; title: string }) {
  const data = score.points.map((p) => ({ label: shortDate(p.sessionAt, timeZone), date: formatDate(p.sessionAt, timeZone), session: p.sessionNumber, value: p.value }));
  const step = (score.max - score.min) / (score.max - score.min <= 10 ? (score.max - score.min) / 2 : 4);
  const base = score.baseline;
  const better = score.higherIsBetter ? 'higher' : 'lower';
  const target = base === null ? null : score.higherIsBetter ? base + score.mic : base - score.mic;
  const summary = `${title}: ${score.points.map((p) => `${fmt(p.value)} on ${formatDate(p.sessionAt, timeZone)}`).join(', ')}. ${better === 'higher' ? 'Higher' : 'Lower'} is better; a change of ${fmt(score.mic)} or more is meaningful.`;
  return (
    <figure className="m-0">
      <div role="img" aria-label={summary} className="h-56 w-full sm:h-64">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 12, right: 16, bottom: 4, left: -12 }}>
            <CartesianGrid stroke="#e4dfd5" vertical={false} />
            {base !== null && (
              <ReferenceArea y1={Math.max(score.min, base - score.mic)} y2={Math.min(score.max, base + score.mic)} fill="#f3efe7" fillOpacity={0.9} ifOverflow="hidden" />
            )}
            {target !== null && target >= score.min && target <= score.max && (
              <ReferenceLine y={target} stroke={CLAY} strokeDasharray="5 4" label={{ value: 'Meaningful change', position: 'insideTopRight', fill: '#8f4f35', fontSize: 12 }} />
            )}
            <XAxis dataKey="label" interval={0} padding={{ left: 28, right: 28 }} tick={{ fill: '#55615d', fontSize: 12 }} tickLine={false} axisLine={{ stroke: '#8b948f' }} />
            <YAxis domain={[score.min, score.max]} ticks={Array.from({ length: Math.round((score.max - score.min) / step) + 1 }, (_, i) => score.min + i * step)}
              tick={{ fill: '#55615d', fontSize: 12 }} tickLine={false} axisLine={false} />
            <Tooltip formatter={(v) => [fmt(Number(v)), title]} labelFormatter={(_l, p) => `Session ${String(p?.[0]?.payload?.session ?? '')}, ${String(p?.[0]?.payload?.date ?? '')}`} />
            <Line type="monotone" dataKey="value" stroke={JADE} strokeWidth={2.5} dot={{ r: 5, fill: JADE }} activeDot={{ r: 7 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="hint mt-2 flex flex-wrap gap-x-4 gap-y-1">
        <span>{better === 'higher' ? 'Higher' : 'Lower'} is better</span>
        <span><span aria-hidden="true" className="mr-1.5 inline-block h-3 w-5 rounded-sm bg-sand align-middle ring-1 ring-line" />Within {fmt(score.mic)} of the start: not a meaningful change</span>
      </figcaption>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium text-jade-700">Show as a table</summary>
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">{title} at each session</caption>
          <thead><tr><th scope="col" className="py-1.5 pr-3">Session</th><th scope="col" className="py-1.5 pr-3">Date</th><th scope="col" className="py-1.5">Score</th></tr></thead>
          <tbody>
            {score.points.map((p) => (
              <tr key={p.requestId} className="border-t border-line">
                <td className="py-1.5 pr-3">{p.sessionNumber}{p.timing === 'baseline' ? ' (start)' : ''}</td>
                <td className="py-1.5 pr-3">{formatDate(p.sessionAt, timeZone)}</td>
                <td className="py-1.5 tabular-nums">{fmt(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Every measure of a client's course, a chart per score with the change from the start. */
export function ProgressCharts({ progress, nested = false }: { progress: Progress; nested?: boolean }) {
  return (
    <div className="flex flex-col gap-6">
      {progress.measures.map((m) => (
        <section key={m.measureKey} aria-labelledby={`progress-${m.measureKey}`} className={nested ? 'border-t border-line pt-5' : 'panel'}>
          <h2 id={`progress-${m.measureKey}`} className="text-xl">{m.name}</h2>
          {m.scores.map((s) => (
            <div key={s.id} className="mt-4">
              {m.scores.length > 1 && <h3 className="text-lg">{s.label}</h3>}
              <Headline score={s} />
              <div className="mt-3"><ScoreChart score={s} timeZone={progress.timeZone} title={s.label} /></div>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

function Headline({ score: s }: { score: ScoreProgress }) {
  const latest = s.latest ?? s.baseline;
  return (
    <p className="mt-1">
      <span className="text-2xl font-semibold tabular-nums">{latest === null ? '–' : fmt(latest)}</span>
      <span className="muted"> / {fmt(s.max)}, {changeWords(s)}</span>
      {s.change && <span className={`ml-2 inline-block rounded-full px-2.5 py-0.5 text-sm ${s.change.verdict === 'improved' ? 'bg-jade-50 text-jade-800' : s.change.verdict === 'worse' ? 'bg-clay-50 text-clay-700' : 'bg-sand text-ink'}`}>{VERDICT_WORDS[s.change.verdict]}</span>}
    </p>
  );
}
