import { SelectField, TextField, TimeField } from '../../../components/field.tsx';
import { COURSE_INTERVAL_WEEKS, intervalLabel, type CourseChoice } from '../../../lib/course-choice.ts';
import { DateField } from '../../../components/date-field.tsx';

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
        {COURSE_INTERVAL_WEEKS.map((w) => <option key={w} value={w}>{intervalLabel(w)}</option>)}
      </SelectField>
      <DateField label="First session" value={v.firstDate} error={errors.firstDate} onValueChange={(value) => set('firstDate')({ target: { value } })} />
      <TimeField label="Time" value={v.time} error={errors.time} onValueChange={(time) => onChange({ time })} />
    </div>
  );
}
