import { useState, type FormEvent } from 'react';
import { Archive, Pencil, Plus } from 'lucide-react';
import type { z } from 'zod';
import type { instrumentList, instrumentView } from '../../../../features/outcomes/outcomes.schema.ts';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { formatDate } from '../../../lib/format.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/field.tsx';

type Instruments = z.infer<typeof instrumentList>;
type Instrument = z.infer<typeof instrumentView>;

const EMPTY = {
  name: '', shortName: '', citation: '', licence: '', licenceHeld: false, minutes: '2', items: '',
  scaleMin: '0', scaleMax: '6', minLabel: '', maxLabel: '', scoring: 'mean', direction: 'lower', mic: '', micSource: '',
};

/** The form's values for an instrument already entered (to edit it). */
function formOf(e: Instrument['entry']): typeof EMPTY {
  return {
    name: e.name, shortName: e.shortName, citation: e.citation, licence: e.licence, licenceHeld: true, minutes: String(e.minutes), items: e.items.join('\n'),
    scaleMin: String(e.scale.min), scaleMax: String(e.scale.max), minLabel: e.scale.minLabel, maxLabel: e.scale.maxLabel,
    scoring: e.scoring, direction: e.higherIsBetter ? 'higher' : 'lower', mic: String(e.mic), micSource: e.micSource,
  };
}

/**
 * A clinic that holds a licence for an instrument (MYMOP, FACE-Q …) enters it here as data:
 * its items, scale, scoring rule, direction and minimal important change. Yintang ships no
 * licensed text. Once saved it can be chosen per service like the built-in measures. The
 * owner edits it (a new version: answers already given keep theirs) or retires it (no
 * longer offered or asked; its answers stay in the record).
 */
export function LicensedInstruments({ clinic, onAdded }: { clinic: ClinicContext; onAdded: () => void }) {
  const list = useApi<Instruments>(`/clinics/${clinic.slug}/licensed-measures`);
  const [open, setOpen] = useState(false);
  const [v, setV] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [added, setAdded] = useState<string>();
  /** The key of the instrument being edited; null while entering a new one. */
  const [editing, setEditing] = useState<string | null>(null);
  const [retiring, setRetiring] = useState<Instrument | null>(null);
  const [retireBusy, setRetireBusy] = useState(false);
  const editingEntry = list.data?.instruments.find((i) => i.key === editing);
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [key]: e.target.value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(undefined);
    setErrors({});
    try {
      const body = {
        name: v.name, shortName: v.shortName, citation: v.citation, licence: v.licence, licenceHeld: v.licenceHeld, minutes: Number(v.minutes),
        items: v.items.split('\n').map((s) => s.trim()).filter(Boolean),
        scale: { min: Number(v.scaleMin), max: Number(v.scaleMax), minLabel: v.minLabel, maxLabel: v.maxLabel },
        scoring: v.scoring, higherIsBetter: v.direction === 'higher', mic: v.mic === '' ? 0 : Number(v.mic), micSource: v.micSource,
      };
      if (editing) {
        const out = await api.put<Instrument>(`/clinics/${clinic.slug}/licensed-measures/${editing}`, body);
        setAdded(`${out.entry.name} was saved as version ${out.version}. Answers already given keep the version they were answered on.`);
      } else {
        const out = await api.post<Instrument>(`/clinics/${clinic.slug}/licensed-measures`, body);
        setAdded(`${out.entry.name} was added. You can now choose it for a service below.`);
      }
      setV(EMPTY);
      setOpen(false);
      setEditing(null);
      list.reload();
      onAdded();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      setProblem(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const startEdit = (i: Instrument) => {
    setV(formOf(i.entry));
    setEditing(i.key);
    setOpen(true);
    setAdded(undefined);
    setRetiring(null);
  };
  const retire = async (i: Instrument) => {
    setRetireBusy(true);
    setProblem(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/licensed-measures/${i.key}/retire`, {});
      setAdded(`${i.entry.name} was retired. It is no longer offered or asked; the answers already given stay in each client's record.`);
      setRetiring(null);
      list.reload();
      onAdded();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setRetireBusy(false);
    }
  };
  const current = list.data?.instruments.filter((i) => !i.retiredAt) ?? [];
  const retired = list.data?.instruments.filter((i) => i.retiredAt) ?? [];
  const err = (...keys: string[]) => keys.map((k) => errors[k] ?? Object.entries(errors).find(([f]) => f.startsWith(`${k}.`))?.[1]).find(Boolean);

  return (
    <section className="panel" aria-labelledby="licensed-heading">
      <h2 id="licensed-heading" className="text-xl">Licensed instruments your clinic holds</h2>
      <p className="muted mt-1">Yintang does not include questionnaires that need a licence (such as MYMOP or FACE-Q). If your clinic holds a licence for one, enter it here exactly as your licence allows; it is then asked, scored and charted like the others.</p>
      {current.length > 0 && (
        <ul className="mt-3 divide-y divide-line" aria-label="Instruments in use">
          {current.map((i) => (
            <li key={i.key} className="py-3">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <p className="font-medium">{i.entry.name} <span className="muted font-normal">· version {i.version} · {i.entry.items.length} items, {i.entry.scale.min}–{i.entry.scale.max}, {i.entry.scoring}, {i.entry.higherIsBetter ? 'higher' : 'lower'} is better, meaningful change {i.entry.mic}</span></p>
                  <p className="hint">Licence: {i.entry.licence}</p>
                </div>
                <div className="flex gap-2">
                  <Button variant="ghost" onClick={() => startEdit(i)}><Pencil aria-hidden="true" className="size-4" />Edit<span className="sr-only"> {i.entry.name}</span></Button>
                  <Button variant="ghost" onClick={() => { setRetiring(i); setAdded(undefined); }}><Archive aria-hidden="true" className="size-4" />Retire<span className="sr-only"> {i.entry.name}</span></Button>
                </div>
              </div>
              {retiring?.key === i.key && (
                <div role="group" aria-label={`Retire ${i.entry.name}`} className="mt-3 rounded-lg bg-sand p-4">
                  <p>Retire {i.entry.name}? It will no longer be offered or asked, and services that ask it stop. The answers already given stay in each client&rsquo;s record, charts and the outcome report.</p>
                  <div className="mt-3 flex flex-wrap gap-3">
                    <Button variant="secondary" pending={retireBusy} onClick={() => void retire(i)}>Retire the instrument</Button>
                    <Button variant="ghost" onClick={() => setRetiring(null)}>Keep it</Button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {retired.length > 0 && (
        <>
          <h3 className="mt-4 text-base font-semibold">Retired</h3>
          <ul className="mt-1 divide-y divide-line" aria-label="Retired instruments">
            {retired.map((i) => (
              <li key={i.key} className="py-2">
                <p>{i.entry.name} <span className="muted">· version {i.version} · retired on {formatDate(i.retiredAt!, list.data!.timeZone)}; its answers are kept</span></p>
              </li>
            ))}
          </ul>
        </>
      )}
      <p role="status" className="mt-2 text-jade-800">{added}</p>
      {!open ? (
        <Button variant="secondary" className="mt-3" onClick={() => { setV(EMPTY); setEditing(null); setOpen(true); setAdded(undefined); }}><Plus aria-hidden="true" className="size-5" />Enter a licensed instrument</Button>
      ) : (
        <form onSubmit={onSubmit} noValidate className="mt-4 flex flex-col gap-5" aria-label={editingEntry ? `Edit ${editingEntry.entry.name}` : 'Enter a licensed instrument'}>
          {editingEntry && <p className="muted">Saving makes version {editingEntry.version + 1}. Questionnaires already sent, and their answers, keep version {editingEntry.version}.</p>}
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField label="Name" value={v.name} onChange={set('name')} error={err('name')} />
            <TextField label="Short name" hint="For charts, e.g. MYMOP2" value={v.shortName} onChange={set('shortName')} error={err('shortName')} />
          </div>
          <TextField label="Source" hint="Authors and paper" value={v.citation} onChange={set('citation')} error={err('citation')} />
          <TextField label="Your licence" hint="From whom, its number, until when" value={v.licence} onChange={set('licence')} error={err('licence')} />
          <TextAreaField label="Items, one per line" hint="As your licence allows you to use them" rows={5} value={v.items} onChange={set('items')} error={err('items')} />
          <div className="grid gap-5 sm:grid-cols-4">
            <TextField label="Scale from" type="number" inputMode="numeric" value={v.scaleMin} onChange={set('scaleMin')} error={err('scale.min')} />
            <TextField label="Scale to" type="number" inputMode="numeric" value={v.scaleMax} onChange={set('scaleMax')} error={err('scale.max')} />
            <TextField label="Lowest means" value={v.minLabel} onChange={set('minLabel')} error={err('scale.minLabel')} />
            <TextField label="Highest means" value={v.maxLabel} onChange={set('maxLabel')} error={err('scale.maxLabel')} />
          </div>
          <div className="grid gap-5 sm:grid-cols-3">
            <SelectField label="Score" value={v.scoring} onChange={set('scoring')} error={err('scoring')}>
              <option value="mean">Mean of the items</option>
              <option value="sum">Sum of the items</option>
            </SelectField>
            <SelectField label="Better when the score is" value={v.direction} onChange={set('direction')}>
              <option value="lower">Lower</option>
              <option value="higher">Higher</option>
            </SelectField>
            <TextField label="Minutes to answer" type="number" inputMode="numeric" value={v.minutes} onChange={set('minutes')} error={err('minutes')} />
          </div>
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField label="Meaningful change (points)" type="number" inputMode="decimal" step="0.1" value={v.mic} onChange={set('mic')} error={err('mic')} />
            <TextField label="Where the meaningful change comes from" value={v.micSource} onChange={set('micSource')} error={err('micSource')} />
          </div>
          <CheckboxField label="Our clinic holds a licence to use this instrument in this way" checked={v.licenceHeld}
            onChange={(e) => setV((x) => ({ ...x, licenceHeld: e.target.checked }))} error={err('licenceHeld')} />
          {problem && <Alert tone="error">{problem}</Alert>}
          <div className="flex flex-wrap gap-3">
            <Button type="submit" pending={saving}>{editing ? 'Save a new version' : 'Save the instrument'}</Button>
            <Button variant="ghost" onClick={() => { setOpen(false); setEditing(null); setV(EMPTY); setErrors({}); setProblem(undefined); }}>Cancel</Button>
          </div>
        </form>
      )}
    </section>
  );
}
