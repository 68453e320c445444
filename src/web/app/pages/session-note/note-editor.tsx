import { useMemo, useState } from 'react';
import { CircleAlert, Plus, Trash2 } from 'lucide-react';
import type { z } from 'zod';
import type { Acupoint, acupointList } from '../../../../features/acupoints/acupoints.schema.ts';
import type { Protocol } from '../../../../features/protocols/protocols.schema.ts';
import type { AdverseEventInput, DraftBody, Note, NoteSession } from '../../../../features/notes/notes.schema.ts';
import { ADVERSE_EVENT_KINDS, ADVERSE_EVENT_SEVERITIES, type AdverseEventKind, type AdverseEventSeverity } from '../../../../domain/notes/note-kinds.ts';
import { isLotNumber, NOTE_LIMITS } from '../../../../domain/notes/session-note.ts';
import { isMidlinePoint, needlesAt, SIDE_LABELS, SIDES, totalNeedles, type ProtocolPoint, type Side } from '../../../../domain/protocols/protocols.ts';
import { useApi } from '../../../lib/use-api.ts';
import type { ClinicContext } from '../../session.tsx';
import { Button } from '../../../components/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../../components/field.tsx';
import { PointPicker } from '../../../components/point-picker.tsx';
import { LazyPointChart } from '../../../components/point-chart/index.tsx';

/** The note as the screen edits it: every input as typed (counts as text), saved as a DraftBody. */
export interface DraftState {
  fields: Record<string, string>;
  points: ProtocolPoint[];
  protocolId: string | null;
  needleBrand: string;
  needleSize: string;
  needleLot: string;
  needlesIn: string;
  needlesOut: string;
  discrepancy: { searched: string; found: string; recovered: string };
  adverseEvents: { kind: AdverseEventKind; severity: AdverseEventSeverity; description: string; actionTaken: string }[];
}

export const EVENT_LABELS: Record<AdverseEventKind, string> = {
  bruising: 'Bruising (a small bruise where a needle went in)',
  bleeding: 'Bleeding',
  pain: 'Pain',
  fainting: 'Fainting or feeling faint',
  'needle-left-in': 'Needle left in',
  other: 'Something else',
};
export const SEVERITY_LABELS: Record<AdverseEventSeverity, string> = { mild: 'Mild', moderate: 'Moderate', serious: 'Serious' };

const plain = (p: ProtocolPoint): ProtocolPoint => ({ pointCode: p.pointCode, side: p.side, needles: p.needles, ...(p.note ? { note: p.note } : {}) });

/** The editable state of a note (or an empty one for a new note). */
export function draftFrom(note: Note | null, template: NoteSession['template']): DraftState {
  const fields = Object.fromEntries(template.fields.map((f) => [f.key, note?.fields[f.key] ?? '']));
  return {
    fields, points: (note?.points ?? []).map(plain), protocolId: note?.protocolId ?? null,
    needleBrand: note?.needleBrand ?? '', needleSize: note?.needleSize ?? '', needleLot: note?.needleLot ?? '',
    needlesIn: note?.needlesIn?.toString() ?? '', needlesOut: note?.needlesOut?.toString() ?? '',
    discrepancy: { searched: note?.discrepancy?.searched ?? '', found: note?.discrepancy?.found ?? '', recovered: note?.discrepancy?.recovered.toString() ?? '' },
    adverseEvents: (note?.adverseEvents ?? []).filter((e) => !e.amendmentId).map((e) => ({ kind: e.kind, severity: e.severity, description: e.description, actionTaken: e.actionTaken })),
  };
}

/** A count as typed, or null while it is not a possible count (the save never fails on a half-typed number). */
const count = (v: string) => {
  const n = Number(v);
  return v.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= NOTE_LIMITS.needlesMax ? n : null;
};

export const countsDiffer = (d: DraftState) => {
  const a = count(d.needlesIn);
  const b = count(d.needlesOut);
  return a !== null && b !== null && a !== b;
};

/**
 * What autosave sends: the whole draft, with anything half-typed left out rather than
 * refused (a lot number that is not one yet, a count that is not a number, an "other"
 * event not yet described). The screen keeps the typed text; the server gets it once valid.
 */
export function bodyFrom(d: DraftState): Omit<DraftBody, 'baseRevision'> {
  const lot = d.needleLot.trim();
  const recovered = count(d.discrepancy.recovered) ?? 0;
  const discrepancy = countsDiffer(d) || d.discrepancy.searched.trim() || d.discrepancy.found.trim()
    ? { searched: d.discrepancy.searched, found: d.discrepancy.found, recovered }
    : null;
  return {
    fields: Object.fromEntries(Object.entries(d.fields).filter(([, v]) => v.trim() !== '')),
    points: d.points,
    protocolId: d.protocolId,
    needleBrand: d.needleBrand.trim() || null,
    needleSize: d.needleSize.trim() || null,
    needleLot: lot && isLotNumber(lot) ? lot : null,
    needlesIn: count(d.needlesIn),
    needlesOut: count(d.needlesOut),
    discrepancy,
    adverseEvents: d.adverseEvents.filter((e) => e.kind !== 'other' || e.description.trim()) as AdverseEventInput[],
  };
}

const needles = (n: number) => (n === 1 ? '1 needle' : `${n} needles`);

/**
 * The note's structured fields, points (from a protocol or the search list), needles and
 * counts, the discrepancy record and adverse events. Controlled: `onChange` gets the next state.
 * `lockedEvents` are events already on a signed note (shown, not editable, when amending).
 */
export function NoteEditor({ clinic, session, draft, onChange, errors = {}, lockedEvents = [] }: {
  clinic: ClinicContext;
  session: NoteSession;
  draft: DraftState;
  onChange: (next: DraftState) => void;
  errors?: Record<string, string>;
  lockedEvents?: Note['adverseEvents'];
}) {
  const template = session.template;
  const set = (patch: Partial<DraftState>) => onChange({ ...draft, ...patch });
  const library = useApi<z.infer<typeof acupointList>>(template.needles ? `/clinics/${clinic.slug}/acupoints` : null);
  const byCode = useMemo(() => new Map((library.data?.items ?? []).map((a) => [a.code ?? a.id, a])), [library.data]);
  const planned = totalNeedles(draft.points);
  const lotTyped = draft.needleLot.trim();
  const [lotTouched, setLotTouched] = useState(false);
  const lotError = errors.needleLot ?? (lotTouched && lotTyped && !isLotNumber(lotTyped) ? 'Enter the lot number as printed on the box (letters and digits, e.g. L2307A)' : undefined);
  const differ = countsDiffer(draft);

  const addPoint = (a: Acupoint) => {
    const side: Side = a.origin === 'library' && isMidlinePoint(a) ? 'midline' : 'both';
    set({ points: [...draft.points, { pointCode: a.code ?? a.id, side, needles: 1 }] });
  };
  // A point tapped on the chart again changes its side and needles rather than adding it twice.
  const addFromChart = (code: string, side: Side, count: number) => {
    const at = draft.points.findIndex((p) => p.pointCode === code);
    set({ points: at >= 0
      ? draft.points.map((p, j) => (j === at ? { ...p, side, needles: count } : p))
      : [...draft.points, { pointCode: code, side, needles: count }] });
  };
  const setPoint = (i: number, patch: Partial<ProtocolPoint>) => set({ points: draft.points.map((p, j) => (j === i ? { ...p, ...patch } : p)) });

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="note-fields" className="panel flex flex-col gap-4">
        <h2 id="note-fields" className="text-lg font-semibold">{template.title}</h2>
        {template.fields.map((f) => {
          const value = draft.fields[f.key] ?? '';
          const change = (v: string) => set({ fields: { ...draft.fields, [f.key]: v } });
          const error = errors[`fields.${f.key}`];
          if (f.kind === 'choice') {
            return (
              <SelectField key={f.key} label={f.label} hint={f.hint} error={error} value={value} onChange={(e) => change(e.target.value)}>
                <option value="">Not recorded</option>
                {f.options!.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </SelectField>
            );
          }
          if (f.kind === 'scale') {
            return (
              <SelectField key={f.key} label={f.label} hint={f.hint} error={error} value={value} className="max-w-48" onChange={(e) => change(e.target.value)}>
                <option value="">Not recorded</option>
                {Array.from({ length: 11 }, (_, n) => <option key={n} value={String(n)}>{n}</option>)}
              </SelectField>
            );
          }
          return f.kind === 'text'
            ? <TextField key={f.key} label={f.label} hint={f.hint} error={error} value={value} maxLength={f.max} onChange={(e) => change(e.target.value)} />
            : <TextAreaField key={f.key} label={f.label} hint={f.hint} error={error} value={value} rows={3} maxLength={f.max} onChange={(e) => change(e.target.value)} />;
        })}
      </section>

      {template.needles && (
        <section aria-labelledby="note-points" className="panel flex flex-col gap-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="note-points" className="text-lg font-semibold">Points</h2>
            <p aria-live="polite" aria-atomic="true" className="font-medium">
              {draft.points.length === 1 ? '1 point' : `${draft.points.length} points`} · {needles(planned)}
            </p>
          </div>
          <ProtocolStart clinic={clinic} kind={session.booking.serviceKind} onStart={(p) => set({
            points: p.points.map(plain), protocolId: p.id, needlesIn: draft.needlesIn || String(p.totalNeedles),
          })} />
          <details className="rounded-lg border border-line" open>
            <summary className="cursor-pointer rounded-lg px-3 py-2.5 font-medium hover:bg-jade-50">Choose on the chart</summary>
            <div className="px-2 pb-3 sm:px-3">
              <LazyPointChart label="Point chart"
                selected={draft.points.map((p) => ({ code: p.pointCode, side: p.side, needles: p.needles }))}
                names={Object.fromEntries([...byCode].map(([code, a]) => [code, a.pinyin || a.english]))}
                onAdd={addFromChart} />
            </div>
          </details>
          {errors.points && <p className="field-error">{errors.points}</p>}
          {draft.points.length > 0 && (
            <ol aria-label="Points needled" className="flex flex-col divide-y divide-line rounded-lg border border-line">
              {draft.points.map((p, i) => {
                const a = byCode.get(p.pointCode);
                const rowError = errors[`points.${i}.pointCode`] ?? errors[`points.${i}.side`] ?? errors[`points.${i}.needles`];
                return (
                  <li key={`${p.pointCode}-${i}`} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-end sm:gap-4">
                    <div className="min-w-0 flex-1 sm:self-center">
                      <p className="font-semibold">{p.pointCode} <span className="font-normal">{a ? a.pinyin || a.english : ''}</span></p>
                      {a && <p className="muted text-sm">{a.english}</p>}
                    </div>
                    <div className="flex items-end gap-2">
                      <SelectField label={<>Side<span className="sr-only"> for {p.pointCode}</span></>} className="w-32" value={p.side}
                        onChange={(e) => setPoint(i, { side: e.target.value as Side })}>
                        {SIDES.map((s) => <option key={s} value={s}>{s === 'both' ? 'Both' : SIDE_LABELS[s]}</option>)}
                      </SelectField>
                      <SelectField label={<>Needles<span className="sr-only"> at {p.pointCode}</span></>} className="w-20" value={String(p.needles)}
                        onChange={(e) => setPoint(i, { needles: Number(e.target.value) })}>
                        {Array.from({ length: 10 }, (_, n) => <option key={n + 1} value={String(n + 1)}>{n + 1}</option>)}
                      </SelectField>
                      <span className="muted whitespace-nowrap pb-3 text-sm" aria-hidden="true">= {needlesAt(p)}</span>
                      <Button variant="ghost" className="mb-0.5 px-2" aria-label={`Remove ${p.pointCode}`} onClick={() => set({ points: draft.points.filter((_, j) => j !== i) })}>
                        <Trash2 aria-hidden="true" className="size-5" />
                      </Button>
                    </div>
                    {rowError && <p className="field-error sm:basis-full"><CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" /><span>{rowError}</span></p>}
                  </li>
                );
              })}
            </ol>
          )}
          <PointPicker points={library.data?.items} loading={library.loading} chosen={new Set(draft.points.map((p) => p.pointCode))} onAdd={addPoint} />
        </section>
      )}

      {template.needles && (
        <section aria-labelledby="note-needles" className="panel flex flex-col gap-4">
          <h2 id="note-needles" className="text-lg font-semibold">Needles</h2>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField label="Brand" hint="e.g. Seirin J-type" value={draft.needleBrand} maxLength={NOTE_LIMITS.brand} autoComplete="off" error={errors.needleBrand} onChange={(e) => set({ needleBrand: e.target.value })} />
            <TextField label="Size" hint="e.g. 0.16 × 15 mm" value={draft.needleSize} maxLength={NOTE_LIMITS.size} autoComplete="off" error={errors.needleSize} onChange={(e) => set({ needleSize: e.target.value })} />
            <TextField label="Lot number" hint="As on the box" value={draft.needleLot} autoComplete="off" spellCheck={false} inputClassName="uppercase"
              error={lotError} onBlur={() => setLotTouched(true)} onChange={(e) => set({ needleLot: e.target.value })} />
          </div>
          <div className="grid grid-cols-2 gap-4 sm:max-w-md">
            <TextField label="Count in" hint={planned ? `The points take ${needles(planned)}` : undefined} type="number" inputMode="numeric" min={0} max={NOTE_LIMITS.needlesMax}
              value={draft.needlesIn} error={errors.needlesIn} onChange={(e) => set({ needlesIn: e.target.value })} />
            <TextField label="Count out" type="number" inputMode="numeric" min={0} max={NOTE_LIMITS.needlesMax}
              value={draft.needlesOut} error={errors.needlesOut} onChange={(e) => set({ needlesOut: e.target.value })} />
          </div>
          {differ && (
            <fieldset id="discrepancy" className="flex flex-col gap-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
              <legend className="sr-only">Needle count discrepancy</legend>
              <p className="font-semibold text-ink">
                <CircleAlert aria-hidden="true" className="mr-1 inline size-5 align-text-bottom text-amber-700" />
                The counts differ. Search the client, couch, pillow, floor and sharps bin, then record what you did.
              </p>
              <TextAreaField label="What you searched" rows={2} value={draft.discrepancy.searched} error={errors['discrepancy.searched']}
                onChange={(e) => set({ discrepancy: { ...draft.discrepancy, searched: e.target.value } })} />
              <TextAreaField label="What you found" rows={2} value={draft.discrepancy.found} error={errors['discrepancy.found']}
                onChange={(e) => set({ discrepancy: { ...draft.discrepancy, found: e.target.value } })} />
              <TextField label="Needles found and disposed of" type="number" inputMode="numeric" min={0} className="max-w-56" value={draft.discrepancy.recovered}
                onChange={(e) => set({ discrepancy: { ...draft.discrepancy, recovered: e.target.value } })} />
            </fieldset>
          )}
        </section>
      )}

      <section aria-labelledby="note-events" className="panel flex flex-col gap-4">
        <h2 id="note-events" className="text-lg font-semibold">Adverse events</h2>
        {lockedEvents.length === 0 && draft.adverseEvents.length === 0 && <p className="muted">None recorded.</p>}
        {lockedEvents.length > 0 && (
          <ul aria-label="Adverse events already recorded" className="flex flex-col gap-2">
            {lockedEvents.map((e) => <li key={e.id} className="rounded-md bg-jade-50 px-3 py-2">{EVENT_LABELS[e.kind]} · {SEVERITY_LABELS[e.severity].toLowerCase()}{e.description ? `: ${e.description}` : ''}</li>)}
          </ul>
        )}
        {draft.adverseEvents.map((e, i) => {
          const change = (patch: Partial<DraftState['adverseEvents'][number]>) => set({ adverseEvents: draft.adverseEvents.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
          return (
            <fieldset key={i} className="flex flex-col gap-3 rounded-lg border border-line p-4">
              <legend className="px-1 font-medium">Adverse event {lockedEvents.length + i + 1}</legend>
              <div className="grid gap-3 sm:grid-cols-2">
                <SelectField label="What happened" value={e.kind} onChange={(ev) => change({ kind: ev.target.value as AdverseEventKind })}>
                  {ADVERSE_EVENT_KINDS.map((k) => <option key={k} value={k}>{EVENT_LABELS[k]}</option>)}
                </SelectField>
                <SelectField label="Severity" value={e.severity} onChange={(ev) => change({ severity: ev.target.value as AdverseEventSeverity })}>
                  {ADVERSE_EVENT_SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABELS[s]}</option>)}
                </SelectField>
              </div>
              <TextAreaField label={e.kind === 'other' ? 'Describe what happened' : 'Details (optional)'} rows={2} value={e.description}
                error={errors[`adverseEvents.${i}.description`]} onChange={(ev) => change({ description: ev.target.value })} />
              <TextAreaField label="Action taken" rows={2} value={e.actionTaken} onChange={(ev) => change({ actionTaken: ev.target.value })} />
              {e.severity === 'serious' && (
                <p className="rounded-md bg-amber-50 p-3 text-sm text-ink">
                  A serious event may need reporting: a needle or device problem to the MHRA Yellow Card scheme (keep the needle and its box), and to your professional body and insurer.
                </p>
              )}
              <div>
                <Button variant="ghost" onClick={() => set({ adverseEvents: draft.adverseEvents.filter((_, j) => j !== i) })}>
                  <Trash2 aria-hidden="true" className="size-4" />Remove this event
                </Button>
              </div>
            </fieldset>
          );
        })}
        <div>
          <Button variant="secondary" onClick={() => set({ adverseEvents: [...draft.adverseEvents, { kind: 'bruising', severity: 'mild', description: '', actionTaken: '' }] })}>
            <Plus aria-hidden="true" className="size-4" />Add an adverse event
          </Button>
        </div>
      </section>
    </div>
  );
}

/** "Start from protocol": the clinic's protocols for this treatment (then the others), replacing the points. */
function ProtocolStart({ clinic, kind, onStart }: { clinic: ClinicContext; kind: string | null; onStart: (p: Protocol) => void }) {
  const list = useApi<{ items: Protocol[] }>(`/clinics/${clinic.slug}/protocols`);
  const items = useMemo(() => [...(list.data?.items ?? [])].sort((a, b) => Number(b.kind === kind) - Number(a.kind === kind)), [list.data, kind]);
  const [chosen, setChosen] = useState('');
  const picked = items.find((p) => p.id === (chosen || items[0]?.id));
  if (!list.data || items.length === 0) return null;
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <SelectField label="Start from a protocol" className="flex-1" value={picked?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
        {items.map((p) => <option key={p.id} value={p.id}>{p.name} ({needles(p.totalNeedles)})</option>)}
      </SelectField>
      <Button variant="secondary" className="mb-0.5" onClick={() => picked && onStart(picked)}>Use this protocol</Button>
    </div>
  );
}
