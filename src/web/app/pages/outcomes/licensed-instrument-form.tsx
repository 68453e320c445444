import { useState, type FormEvent } from 'react';
import { Plus } from 'lucide-react';
import type { z } from 'zod';
import type { instrumentList, instrumentView } from '../../../../features/outcomes/outcomes.schema.ts';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
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

/**
 * A clinic that holds a licence for an instrument (MYMOP, FACE-Q …) enters it here as data:
 * its items, scale, scoring rule, direction and minimal important change. Yintang ships no
 * licensed text. Once saved it can be chosen per service like the built-in measures.
 */
export function LicensedInstruments({ clinic, onAdded }: { clinic: ClinicContext; onAdded: () => void }) {
  const list = useApi<Instruments>(`/clinics/${clinic.slug}/licensed-measures`);
  const [open, setOpen] = useState(false);
  const [v, setV] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [added, setAdded] = useState<string>();
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [key]: e.target.value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(undefined);
    setErrors({});
    try {
      const out = await api.post<Instrument>(`/clinics/${clinic.slug}/licensed-measures`, {
        name: v.name, shortName: v.shortName, citation: v.citation, licence: v.licence, licenceHeld: v.licenceHeld, minutes: Number(v.minutes),
        items: v.items.split('\n').map((s) => s.trim()).filter(Boolean),
        scale: { min: Number(v.scaleMin), max: Number(v.scaleMax), minLabel: v.minLabel, maxLabel: v.maxLabel },
        scoring: v.scoring, higherIsBetter: v.direction === 'higher', mic: v.mic === '' ? 0 : Number(v.mic), micSource: v.micSource,
      });
      setAdded(`${out.entry.name} was added. You can now choose it for a service below.`);
      setV(EMPTY);
      setOpen(false);
      list.reload();
      onAdded();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      setProblem(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const err = (...keys: string[]) => keys.map((k) => errors[k] ?? Object.entries(errors).find(([f]) => f.startsWith(`${k}.`))?.[1]).find(Boolean);

  return (
    <section className="panel" aria-labelledby="licensed-heading">
      <h2 id="licensed-heading" className="text-xl">Licensed instruments your clinic holds</h2>
      <p className="muted mt-1">Yintang does not include questionnaires that need a licence (such as MYMOP or FACE-Q). If your clinic holds a licence for one, enter it here exactly as your licence allows; it is then asked, scored and charted like the others.</p>
      {list.data && list.data.instruments.length > 0 && (
        <ul className="mt-3 divide-y divide-line">
          {list.data.instruments.map((i) => (
            <li key={i.key} className="py-2">
              <p className="font-medium">{i.entry.name} <span className="muted font-normal">· {i.entry.items.length} items, {i.entry.scale.min}–{i.entry.scale.max}, {i.entry.scoring}, {i.entry.higherIsBetter ? 'higher' : 'lower'} is better, meaningful change {i.entry.mic}</span></p>
              <p className="hint">Licence: {i.entry.licence}</p>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="mt-2 text-jade-800">{added}</p>
      {!open ? (
        <Button variant="secondary" className="mt-3" onClick={() => { setOpen(true); setAdded(undefined); }}><Plus aria-hidden="true" className="size-5" />Enter a licensed instrument</Button>
      ) : (
        <form onSubmit={onSubmit} noValidate className="mt-4 flex flex-col gap-5" aria-label="Enter a licensed instrument">
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
            <Button type="submit" pending={saving}>Save the instrument</Button>
            <Button variant="ghost" onClick={() => { setOpen(false); setErrors({}); setProblem(undefined); }}>Cancel</Button>
          </div>
        </form>
      )}
    </section>
  );
}
