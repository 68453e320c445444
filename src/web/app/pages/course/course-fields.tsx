import { SelectField, TextField, TimeField } from '../../../components/field.tsx';

/** What a course is made of, as typed: the same for reception in the diary and for a client booking one themself. */
export interface CourseChoice {
  serviceId: string;
  practitionerId: string;
  count: string;
  weeks: string;
  firstDate: string;
  time: string;
}

/** The field messages for a course choice (empty when it can be proposed). */
export function courseProblems(v: CourseChoice): Record<string, string> {
  const found: Record<string, string> = {};
  const count = Number(v.count);
  if (!v.serviceId) found.serviceId = 'Choose a treatment';
  if (!v.practitionerId) found.practitionerId = 'Choose a practitioner';
  if (!Number.isInteger(count) || count < 2 || count > 52) found.count = 'Enter between 2 and 52 sessions';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.firstDate)) found.firstDate = 'Choose the date of the first session';
  if (!/^\d{2}:\d{2}$/.test(v.time)) found.time = 'Enter a time such as 10:00';
  return found;
}

/** The body of `POST …/series/proposals` for a choice (the caller adds `clientId` when staff book). */
export const courseProposalBody = (v: CourseChoice) => ({
  serviceId: v.serviceId, practitionerId: v.practitionerId, count: Number(v.count), every: { n: Number(v.weeks), unit: 'weeks' as const }, firstDate: v.firstDate, time: v.time,
});

/** Treatment, practitioner, sessions, how often, first date and time. */
export function CourseFields({ value: v, errors, services, practitioners, onChange }: {
  value: CourseChoice;
  errors: Record<string, string>;
  services: { id: string; name: string }[];
  practitioners: { id: string; name: string }[];
  onChange: (patch: Partial<CourseChoice>) => void;
}) {
  const set = (k: keyof CourseChoice) => (e: { target: { value: string } }) => onChange({ [k]: e.target.value });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField label="Treatment" value={v.serviceId} error={errors.serviceId} onChange={set('serviceId')}>
        <option value="">Choose…</option>
        {services.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </SelectField>
      <SelectField label="Practitioner" value={v.practitionerId} error={errors.practitionerId} onChange={set('practitionerId')}>
        <option value="">Choose…</option>
        {practitioners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </SelectField>
      <TextField label="Sessions" inputMode="numeric" value={v.count} error={errors.count} onChange={set('count')} />
      <SelectField label="How often" value={v.weeks} onChange={set('weeks')}>
        {[1, 2, 3, 4].map((w) => <option key={w} value={w}>{w === 1 ? 'Every week' : `Every ${w} weeks`}</option>)}
      </SelectField>
      <TextField label="First session" type="date" value={v.firstDate} error={errors.firstDate} onChange={set('firstDate')} />
      <TimeField label="Time" value={v.time} error={errors.time} onValueChange={(time) => onChange({ time })} />
    </div>
  );
}
