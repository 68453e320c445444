import { useState } from 'react';
import { Check } from 'lucide-react';
import type { z } from 'zod';
import type { clinicMeasuresView, measureCatalogue, serviceMeasure, serviceMeasuresView } from '../../../../features/outcomes/outcomes.schema.ts';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { RoleGate } from '../../role-gate.tsx';
import { usePageTitle } from '../../use-page-title.ts';
import type { ClinicContext } from '../../session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { CheckboxField, SelectField } from '../../../components/field.tsx';
import { Loading } from '../../../components/loading.tsx';
import { LicensedInstruments } from './licensed-instrument-form.tsx';

type Catalogue = z.infer<typeof measureCatalogue>;
type ClinicMeasures = z.infer<typeof clinicMeasuresView>;
type ServiceMeasures = z.infer<typeof serviceMeasuresView>;
type Schedule = z.infer<typeof serviceMeasure>;

/** The owner chooses, per service, which measures clients are asked and when. */
export function OutcomeMeasuresPage() {
  usePageTitle('Outcome measures');
  return <RoleGate roles={['owner']}>{(clinic) => <OutcomeMeasures clinic={clinic} />}</RoleGate>;
}

function OutcomeMeasures({ clinic }: { clinic: ClinicContext }) {
  const catalogue = useApi<Catalogue>(`/clinics/${clinic.slug}/outcome-measures`);
  const settings = useApi<ClinicMeasures>(`/clinics/${clinic.slug}/outcome-measures/services`);
  const error = catalogue.error ?? settings.error;
  return (
    <>
      <PageHeader title="Outcome measures" description={<p>Short questionnaires clients answer before some visits, so you and they can see how the treatment is going. Yintang e-mails them two days before the session. Yintang offers measures free to use; a clinic that holds a licence for another can enter it.</p>} />
      {error !== undefined && <Alert tone="error">{errorMessage(error)}</Alert>}
      {(!catalogue.data || !settings.data) && error === undefined && <Loading />}
      {catalogue.data && settings.data && (
        <div className="flex flex-col gap-6">
          <section className="panel" aria-labelledby="measures-heading">
            <h2 id="measures-heading" className="text-xl">The measures</h2>
            <dl className="mt-3 divide-y divide-line">
              {catalogue.data.measures.map((m) => (
                <div key={m.key} className="py-3">
                  <dt className="font-medium">{m.name} <span className="muted font-normal">· about {m.minutes} min</span></dt>
                  <dd className="muted mt-0.5">{m.description}</dd>
                  <dd className="hint mt-1">Meaningful change: {m.scores.map((x) => `${x.mic} points (${x.label})`).join('; ')}. {m.licensed ? `Entered by your clinic. Licence: ${m.licence}` : m.licence}</dd>
                </div>
              ))}
            </dl>
          </section>
          <LicensedInstruments clinic={clinic} onAdded={catalogue.reload} />
          {settings.data.services.map((s) => <ServiceCard key={s.serviceId} clinic={clinic} service={s} catalogue={catalogue.data!} />)}
        </div>
      )}
    </>
  );
}

const EVERY = [null, 2, 3, 4, 5, 6, 8, 10] as const;

function ServiceCard({ clinic, service, catalogue }: { clinic: ClinicContext; service: ServiceMeasures; catalogue: Catalogue }) {
  const [chosen, setChosenState] = useState<Schedule[]>(service.measures);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string>();
  /** A change by the owner: "Saved" no longer holds. */
  const setChosen = (next: (all: Schedule[]) => Schedule[]) => {
    setChosenState(next);
    setSaved(false);
  };
  const find = (key: string) => chosen.find((c) => c.measureKey === key);
  const update = (key: string, patch: Partial<Schedule>) => setChosen((all) => all.map((c) => (c.measureKey === key ? { ...c, ...patch } : c)));

  async function save() {
    setSaving(true);
    setProblem(undefined);
    try {
      const out = await api.put<ServiceMeasures>(`/clinics/${clinic.slug}/services/${service.serviceId}/outcome-measures`, { measures: chosen });
      setChosenState(out.measures);
      setSaved(true);
    } catch (e) {
      setProblem(e instanceof ApiError && e.problem.errors?.length ? `${errorMessage(e)} ${e.problem.errors.map((x) => x.message).join('. ')}.` : errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  const headingId = `svc-${service.serviceId}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="text-xl">{service.serviceName}</h2>
      <ul className="mt-2 divide-y divide-line">
        {catalogue.measures.map((m) => {
          const s = find(m.key);
          return (
            <li key={m.key} className="py-3">
              <CheckboxField label={m.name}
                checked={Boolean(s)} onChange={(e) => setChosen((all) => e.target.checked
                  ? [...all, { measureKey: m.key, baseline: true, everyNSessions: null, endOfCourse: true }]
                  : all.filter((c) => c.measureKey !== m.key))} />
              {s && (
                <fieldset className="mt-3 ml-8 flex flex-wrap items-end gap-x-6 gap-y-3">
                  <legend className="sr-only">When to ask {m.name}</legend>
                  <CheckboxField label="Before the first session" checked={s.baseline} onChange={(e) => update(m.key, { baseline: e.target.checked })} />
                  <SelectField label="Then every" value={s.everyNSessions ?? ''} onChange={(e) => update(m.key, { everyNSessions: e.target.value ? Number(e.target.value) : null })}>
                    {EVERY.map((n) => <option key={n ?? 'never'} value={n ?? ''}>{n === null ? 'Not on a schedule' : `${n} sessions`}</option>)}
                  </SelectField>
                  <CheckboxField label="Before the last session of a course" checked={s.endOfCourse} onChange={(e) => update(m.key, { endOfCourse: e.target.checked })} />
                </fieldset>
              )}
            </li>
          );
        })}
      </ul>
      {problem && <Alert tone="error" className="mt-4">{problem}</Alert>}
      <div className="mt-4 flex items-center gap-3">
        <Button onClick={() => void save()} pending={saving}>Save for {service.serviceName}</Button>
        {saved && <span role="status" className="inline-flex items-center gap-1.5 text-jade-700"><Check aria-hidden="true" className="size-4" />Saved</span>}
      </div>
    </section>
  );
}
