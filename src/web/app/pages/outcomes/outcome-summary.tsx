import type { z } from 'zod';
import type { progressView } from '../../../../features/outcomes/outcomes.schema.ts';

// Words and the summary of outcome scores, apart from the charts so that screens showing only
// the summary (the session note) do not load the charting library.

export type Progress = z.infer<typeof progressView>;
export type MeasureProgress = Progress['measures'][number];
export type ScoreProgress = MeasureProgress['scores'][number];

export const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** "down 3 from 7", "up 2.7 from 4.3", "no change from 7". */
export function changeWords(s: ScoreProgress): string {
  if (!s.change || s.baseline === null) return 'Baseline only so far';
  const c = s.change.change;
  return c === 0 ? `no change from ${fmt(s.baseline)}` : `${c < 0 ? 'down' : 'up'} ${fmt(Math.abs(c))} from ${fmt(s.baseline)} at the start`;
}

export const VERDICT_WORDS = { improved: 'A meaningful improvement', unchanged: 'No meaningful change yet', worse: 'Meaningfully worse' } as const;

/**
 * The latest score and change from the start of each measure, in a few lines: for the
 * client record, and for the session note to embed.
 */
export function OutcomeSummary({ progress }: { progress: Progress }) {
  if (!progress.measures.length) return <p className="muted">No questionnaires answered yet.</p>;
  return (
    <ul className="flex flex-col gap-2">
      {progress.measures.flatMap((m) => m.scores.map((s) => (
        <li key={`${m.measureKey}-${s.id}`} className="flex flex-wrap items-baseline gap-x-2">
          <span className="font-medium">{m.scores.length > 1 ? s.label : m.shortName}:</span>
          <span className="tabular-nums">{fmt(s.latest ?? s.baseline ?? 0)}</span>
          <span className="muted">{changeWords(s)}</span>
          {s.change && <span className={s.change.verdict === 'improved' ? 'text-jade-700' : s.change.verdict === 'worse' ? 'text-clay-700' : 'text-muted'}>· {VERDICT_WORDS[s.change.verdict].toLowerCase()}</span>}
        </li>
      )))}
    </ul>
  );
}
