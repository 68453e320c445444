import type { ReactNode } from 'react';
import { Download } from 'lucide-react';

/** The building blocks every report section shares: a panel with its CSV link, headline figures, a table. */

export function Panel({ id, title, intro, csv, children }: { id: string; title: string; intro: ReactNode; csv?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="panel" data-report={id}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 id={id} className="text-xl">{title}</h2>
          <div className="muted mt-1 max-w-2xl text-sm">{intro}</div>
        </div>
        {csv && (
          <a className="btn btn-secondary shrink-0 self-start" href={csv} download>
            <Download aria-hidden="true" className="size-5" />CSV<span className="sr-only"> of {title.toLowerCase()}</span>
          </a>
        )}
      </div>
      <div className="mt-4">{children}</div>
    </section>
  );
}

export function Figures({ items }: { items: [label: string, value: string, detail?: string][] }) {
  // Four across only when the panel itself is wide: a half-width panel on a desktop gets two, as a phone does.
  return (
    <div className="@container">
      <dl className="grid grid-cols-2 gap-3 @xl:grid-cols-4">
        {items.map(([label, value, detail]) => (
          <div key={label} className="flex flex-col rounded-xl border border-line bg-white p-3">
            <dt className="muted text-sm font-semibold">{label}</dt>
            <dd className="order-first text-2xl font-semibold leading-tight text-ink tabular-nums">{value}</dd>
            {detail && <dd className="muted text-sm">{detail}</dd>}
          </div>
        ))}
      </dl>
    </div>
  );
}

export function Table({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    // Focusable, so a keyboard can scroll a wide table on a phone.
    <div className="overflow-x-auto" tabIndex={0} role="group" aria-label={caption}>
      <table className="mt-2 w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead><tr>{head.map((h, i) => <th key={h} scope="col" className={`py-1.5 pr-3 ${i > 0 ? 'text-right' : ''}`}>{h}</th>)}</tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={String(r[0])} className="border-t border-line">
              {r.map((c, i) => (i === 0 ? <th key={i} scope="row" className="py-1.5 pr-3 font-normal">{c}</th> : <td key={i} className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{c}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AsTable({ children }: { children: ReactNode }) {
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-sm font-medium text-jade-700">Show as a table</summary>
      {children}
    </details>
  );
}
