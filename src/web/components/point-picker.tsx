import { useMemo, useRef, useState } from 'react';
import { Plus, Search } from 'lucide-react';
import type { Acupoint } from '../../features/acupoints/acupoints.schema.ts';
import { searchPoints } from '../../domain/acupoints/search.ts';
import { Button } from './button.tsx';
import { Loading } from './loading.tsx';
import { TextField } from './field.tsx';

/** Searches the library and the clinic's points as Points does, and adds one (to a protocol or a session's points). */
export function PointPicker({ points, loading, chosen, onAdd }: { points?: Acupoint[]; loading: boolean; chosen: Set<string>; onAdd: (a: Acupoint) => void }) {
  const [q, setQ] = useState('');
  const found = useMemo(() => (q.trim() ? searchPoints(points ?? [], { q }).slice(0, 6) : []), [points, q]);
  const search = useRef<HTMLInputElement>(null);
  /** Adds the point and empties the search, keeping the focus there for the next one (Enter adds the first found). */
  const add = (a: Acupoint) => {
    onAdd(a);
    setQ('');
    search.current?.focus();
  };
  return (
    <div className="rounded-lg bg-jade-50 p-3">
      <div className="relative">
        <TextField ref={search} label="Find a point to add" hint="Enter adds the first point found." type="search" value={q} autoComplete="off" spellCheck={false} placeholder="ST6, Jiache, jaw"
          inputClassName="pl-10" onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); if (found[0]) add(found[0]); } }} />
        <Search aria-hidden="true" className="pointer-events-none absolute bottom-3 left-3 size-5 text-muted" />
      </div>
      {loading && !points && <Loading label="Loading the points…" className="mt-3" />}
      {q.trim() && points && (
        found.length === 0
          ? <p className="muted mt-2">No point matches “{q.trim()}”.</p>
          : (
            <ul aria-label="Points to add" className="mt-2 flex flex-col gap-1">
              {found.map((a) => {
                const code = a.code ?? a.id;
                return (
                  <li key={a.id} className="flex items-center justify-between gap-3 rounded-md bg-white px-3 py-1.5">
                    <span className="min-w-0"><span className="font-semibold">{code}</span> {a.pinyin || a.english}<span className="muted text-sm"> · {a.english}</span></span>
                    <Button variant="secondary" className="shrink-0" aria-label={`Add ${code}`} onClick={() => add(a)}>
                      <Plus aria-hidden="true" className="size-4" />{chosen.has(code) ? 'Add again' : 'Add'}
                    </Button>
                  </li>
                );
              })}
            </ul>
          )
      )}
    </div>
  );
}
