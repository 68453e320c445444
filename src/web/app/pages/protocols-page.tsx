import { useEffect, useMemo, useState } from 'react';
import { type Path, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { ArrowDown, ArrowUp, CircleAlert, ListOrdered, Plus, Trash2 } from 'lucide-react';
import type { z } from 'zod';
import type { Acupoint, acupointList } from '../../../features/acupoints/acupoints.schema.ts';
import { protocolBody, type Protocol, type ProtocolBody } from '../../../features/protocols/protocols.schema.ts';
import { isMidlinePoint, needlesAt, PROTOCOL_KINDS, PROTOCOL_LIMITS, SIDE_LABELS, SIDES, totalNeedles, type Side } from '../../../domain/protocols/protocols.ts';
import { KIND_LABELS } from '../../../features/consent/consent-defaults.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { applyServerErrors, emptyToUndefined } from '../../lib/form-errors.ts';
import { RoleGate } from '../role-gate.tsx';
import type { ClinicContext, Role } from '../session.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { LazyPointChart, preloadPointChart } from '../../components/point-chart/index.tsx';
import { PointPicker } from '../../components/point-picker.tsx';
import { ArchiveDialog } from './archive-dialog.tsx';
import { Dialog } from './booking/dialog.tsx';

const CLINICAL_ROLES: readonly Role[] = ['owner', 'practitioner'];
const needles = (n: number) => (n === 1 ? '1 needle' : `${n} needles`);

/** The clinic's protocols: reusable point sets a session starts from. */
export function ProtocolsPage() {
  usePageTitle('Protocols');
  return <RoleGate roles={CLINICAL_ROLES}>{(clinic) => <Protocols clinic={clinic} />}</RoleGate>;
}

function Protocols({ clinic }: { clinic: ClinicContext }) {
  const list = useApi<{ items: Protocol[] }>(`/clinics/${clinic.slug}/protocols`);
  const [editing, setEditing] = useState<Protocol | 'new'>();
  const [archiving, setArchiving] = useState<Protocol>();
  const [viewing, setViewing] = useState<Protocol>();
  // The chart's code is fetched while the list shows, so the dialog draws it at once.
  useEffect(preloadPointChart, []);
  const [message, setMessage] = useState<string>();
  const items = list.data?.items;

  return (
    <>
      <PageHeader
        eyebrow={clinic.name}
        title="Protocols"
        description={<p>Your clinic’s point sets. A session starts from a protocol and adapts it. Everyone in your clinic who treats clients shares them.</p>}
        actions={<Button onClick={() => { setMessage(undefined); setEditing('new'); }}><Plus aria-hidden="true" className="size-5" />Add a protocol</Button>}
      />
      <div aria-live="polite" className="empty:hidden">{message && <Alert tone="success" className="mb-6">{message}</Alert>}</div>
      {list.error !== undefined && <Alert tone="error" className="mb-6">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading the protocols…" />}
      {items && items.length === 0 && (
        <EmptyState icon={ListOrdered} title="No protocols yet"><p>Add a protocol to start sessions from a set of points.</p></EmptyState>
      )}
      {items && items.length > 0 && (
        <ul aria-label="Protocols" className="grid gap-4 lg:grid-cols-2">
          {items.map((p) => (
            <li key={p.id}>
              <article aria-labelledby={`protocol-${p.id}`} className="panel flex h-full flex-col gap-3">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 id={`protocol-${p.id}`} className="text-lg font-semibold">{p.name}</h2>
                  <span className="badge">{KIND_LABELS[p.kind]}</span>
                </div>
                {p.description && <p className="muted">{p.description}</p>}
                <p className="font-medium">{p.points.length === 1 ? '1 point' : `${p.points.length} points`} · {needles(p.totalNeedles)} in all</p>
                <ol aria-label={`Points of ${p.name}`} className="flex flex-wrap gap-1.5">
                  {p.points.map((pt) => (
                    <li key={`${pt.pointCode}-${pt.side}`} className="rounded-md border border-line bg-jade-50 px-2 py-0.5 text-sm"
                      title={pt.label ?? pt.pointCode}>
                      <span className="font-semibold">{pt.pointCode}</span> {SIDE_LABELS[pt.side].toLowerCase()}{pt.needles > 1 ? `, ${pt.needles} needles` : ''}
                    </li>
                  ))}
                </ol>
                <div className="mt-auto flex flex-wrap gap-3 border-t border-line pt-3">
                  <Button variant="secondary" aria-label={`Change ${p.name}`} onClick={() => { setMessage(undefined); setEditing(p); }}>Change</Button>
                  <Button variant="ghost" aria-label={`Show ${p.name} on the chart`} onClick={() => setViewing(p)}>Chart</Button>
                  <Button variant="ghost" aria-label={`Archive ${p.name}`} onClick={() => { setMessage(undefined); setArchiving(p); }}>Archive</Button>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <ProtocolDialog clinic={clinic} protocol={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)}
          onSaved={(p) => { setEditing(undefined); setMessage(`${p.name} is saved: ${needles(p.totalNeedles)} in all.`); list.reload(); }} />
      )}
      {viewing && (
        <Dialog open onClose={() => setViewing(undefined)} wide title={viewing.name} description={`${needles(viewing.totalNeedles)} in all`}>
          <LazyPointChart readOnly label={`Points of ${viewing.name}`}
            selected={viewing.points.map((pt) => ({ code: pt.pointCode, side: pt.side, needles: pt.needles }))}
            names={Object.fromEntries(viewing.points.map((pt) => [pt.pointCode, pt.label ?? pt.pointCode]))} />
        </Dialog>
      )}
      <ArchiveDialog item={archiving} path={(p) => `/clinics/${clinic.slug}/protocols/${p.id}`} title="Archive this protocol?"
        description={(p) => p.name} consequence="It leaves the list. Sessions that started from it keep their points." onClose={() => setArchiving(undefined)}
        onArchived={(p) => { setArchiving(undefined); setMessage(`${p.name} was archived.`); list.reload(); }} />
    </>
  );
}

type FormValues = z.input<typeof protocolBody>;

/** Adds a protocol, or changes one (`protocol` given): name, treatment, description and the points in order. */
function ProtocolDialog({ clinic, protocol, onClose, onSaved }: { clinic: ClinicContext; protocol?: Protocol; onClose: () => void; onSaved: (p: Protocol) => void }) {
  const [formError, setFormError] = useState<string>();
  const library = useApi<z.infer<typeof acupointList>>(`/clinics/${clinic.slug}/acupoints`);
  const byCode = useMemo(() => new Map((library.data?.items ?? []).map((a) => [a.code ?? a.id, a])), [library.data]);
  const { register, handleSubmit, setError, control, formState: { errors, isSubmitting } } = useForm<FormValues, unknown, ProtocolBody>({
    resolver: zodResolver(protocolBody),
    defaultValues: protocol
      ? {
        name: protocol.name, kind: protocol.kind, description: protocol.description || undefined,
        points: protocol.points.map((p) => ({ pointCode: p.pointCode, side: p.side, needles: p.needles, note: p.note })),
      }
      : { name: '', kind: 'facial', description: undefined, points: [] },
  });
  const points = useFieldArray({ control, name: 'points' });
  const watched = useWatch({ control, name: 'points' }) ?? [];
  const total = totalNeedles(watched.map((p) => ({ side: p.side, needles: Number(p.needles) || 0 })));
  const chosen = new Set(watched.map((p) => p.pointCode));

  /** From the chart: a point already in the protocol takes the new side and needles, otherwise it is added. */
  const addFromChart = (code: string, side: Side, count: number) => {
    const at = watched.findIndex((p) => p.pointCode === code);
    if (at >= 0) points.update(at, { ...watched[at]!, pointCode: code, side, needles: count });
    else points.append({ pointCode: code, side, needles: count }, { shouldFocus: false });
  };
  const add = (a: Acupoint) => {
    const side = a.origin === 'library' && isMidlinePoint(a) ? 'midline' : 'both';
    points.append({ pointCode: a.code ?? a.id, side, needles: 1 }, { shouldFocus: false });
  };
  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      onSaved(protocol
        ? await api.patch<Protocol>(`/clinics/${clinic.slug}/protocols/${protocol.id}`, { ...values, description: values.description ?? '' })
        : await api.post<Protocol>(`/clinics/${clinic.slug}/protocols`, values));
    } catch (error) {
      // The server names a point's problem by its place in the list (points.1.side).
      const fields: Path<FormValues>[] = ['name', 'kind', 'description', 'points', ...watched.flatMap((_, i) => (
        [`points.${i}.pointCode`, `points.${i}.side`, `points.${i}.needles`, `points.${i}.note`] as const))];
      setFormError(applyServerErrors(error, setError, fields));
    }
  });

  return (
    <Dialog open onClose={onClose} wide title={protocol ? `Change ${protocol.name}` : 'Add a protocol'}
      description="The points a session starts from, in the order you needle them.">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        {formError && <Alert tone="error">{formError}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" autoComplete="off" error={errors.name?.message} {...register('name')} />
          <SelectField label="Treatment" error={errors.kind?.message} {...register('kind')}>
            {PROTOCOL_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
          </SelectField>
        </div>
        <TextAreaField label="Description (optional)" rows={2} error={errors.description?.message} {...register('description', { setValueAs: emptyToUndefined })} />

        <fieldset className="flex flex-col gap-3">
          <legend className="label mb-2">Points</legend>
          <p aria-live="polite" aria-atomic="true" className="font-medium">
            {watched.length === 1 ? '1 point' : `${watched.length} points`} · Total: {needles(total)}
          </p>
          {errors.points?.message && <p className="field-error">{errors.points.message}</p>}
          {errors.points?.root?.message && <p className="field-error">{errors.points.root.message}</p>}
          {points.fields.length > 0 && (
            <ol aria-label="Points in this protocol" className="flex flex-col divide-y divide-line rounded-lg border border-line">
              {points.fields.map((field, i) => {
                const code = watched[i]?.pointCode ?? field.pointCode;
                const a = byCode.get(code);
                const name = a ? `${code} ${a.pinyin || a.english}` : code;
                const e = errors.points?.[i];
                const here = watched[i];
                // Side and needle problems are said under the row (the controls are narrow), linked to the control.
                const rowErrors = [e?.side?.message, e?.needles?.message, e?.note?.message].filter((m): m is string => !!m);
                const invalid = (err: unknown) => (err ? { 'aria-invalid': true, 'aria-describedby': `${field.id}-error` } : {});
                return (
                  <li key={field.id} className="p-3">
                    <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:gap-4">
                    <div className="flex min-w-0 flex-1 items-start gap-2 sm:contents">
                      <div className="min-w-0 flex-1 sm:self-center">
                        <p className="font-semibold">{i + 1}. {name}</p>
                        {a && <p className="muted text-sm">{a.english}</p>}
                        {e?.pointCode?.message && <p className="field-error">{e.pointCode.message}</p>}
                      </div>
                      <div className="flex shrink-0 gap-1 sm:order-last sm:pb-1">
                        <Button variant="ghost" className="px-2" aria-label={`Move ${code} up`} disabled={i === 0} onClick={() => points.move(i, i - 1)}>
                          <ArrowUp aria-hidden="true" className="size-5" />
                        </Button>
                        <Button variant="ghost" className="px-2" aria-label={`Move ${code} down`} disabled={i === points.fields.length - 1} onClick={() => points.move(i, i + 1)}>
                          <ArrowDown aria-hidden="true" className="size-5" />
                        </Button>
                        <Button variant="ghost" className="px-2" aria-label={`Remove ${code}`} onClick={() => points.remove(i)}>
                          <Trash2 aria-hidden="true" className="size-5" />
                        </Button>
                      </div>
                    </div>
                    <div className="flex items-end gap-2">
                      <SelectField label={<>Side<span className="sr-only"> for {code}</span></>} className="w-28 sm:w-32" {...invalid(e?.side)} {...register(`points.${i}.side`)}>
                        {SIDES.map((s) => <option key={s} value={s}>{s === 'both' ? 'Both' : SIDE_LABELS[s]}</option>)}
                      </SelectField>
                      <TextField label={<>Needles<span className="sr-only"> at {code}</span></>} className="w-20" type="number" inputMode="numeric"
                        min={PROTOCOL_LIMITS.needlesMin} max={PROTOCOL_LIMITS.needlesMax} {...invalid(e?.needles)}
                        {...register(`points.${i}.needles`, { valueAsNumber: true })} />
                      <span className="muted whitespace-nowrap pb-3 text-sm sm:w-24" aria-hidden="true">= {needles(here ? needlesAt({ side: here.side, needles: Number(here.needles) || 0 }) : 0)}</span>
                    </div>
                    </div>
                    {rowErrors.length > 0 && (
                      <p id={`${field.id}-error`} className="field-error mt-2">
                        <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                        <span>{rowErrors.join('. ')}</span>
                      </p>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
          <details className="rounded-lg border border-line" open>
            <summary className="cursor-pointer rounded-lg px-3 py-2.5 font-medium hover:bg-jade-50">Choose on the chart</summary>
            <div className="px-2 pb-3 sm:px-3">
              <LazyPointChart label="Point chart"
                selected={watched.map((p) => ({ code: p.pointCode, side: p.side, needles: Number(p.needles) || 1 }))}
                names={Object.fromEntries([...byCode].map(([code, a]) => [code, a.pinyin || a.english]))}
                onAdd={addFromChart} />
            </div>
          </details>
          <PointPicker points={library.data?.items} loading={library.loading} chosen={chosen} onAdd={add} />
        </fieldset>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={isSubmitting}>{protocol ? 'Save the changes' : 'Add the protocol'}</Button>
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
