import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { ArrowLeft, Baby, BookOpen, ExternalLink, MapPin, Plus, Search, TriangleAlert } from 'lucide-react';
import type { z } from 'zod';
import { clinicPointBody, type Acupoint, type acupointList, type acupointSource } from '../../../features/acupoints/acupoints.schema.ts';
import { MERIDIANS, REGION_LABELS, REGIONS, type Region } from '../../../domain/acupoints/library.ts';
import { searchPoints } from '../../../domain/acupoints/search.ts';
import { api, ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { applyServerErrors, emptyToUndefined } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import type { ClinicContext, Role } from '../session.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { ArchiveDialog } from './archive-dialog.tsx';
import { Dialog } from './booking/dialog.tsx';

type Source = z.infer<typeof acupointSource>;
const CLINICAL_ROLES: readonly Role[] = ['owner', 'practitioner'];
const isRegion = (v: string | null): v is Region => REGIONS.includes(v as Region);

/** The acupoint library with the clinic's own points: search by code, name or use; filter by region. */
export function PointsPage() {
  usePageTitle('Points');
  return <RoleGate roles={CLINICAL_ROLES}>{(clinic) => <Points clinic={clinic} />}</RoleGate>;
}

function Points({ clinic }: { clinic: ClinicContext }) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const region = isRegion(params.get('region')) ? (params.get('region') as Region) : undefined;
  const selectedId = params.get('point');
  const list = useApi<z.infer<typeof acupointList>>(`/clinics/${clinic.slug}/acupoints`);
  const [adding, setAdding] = useState(false);
  const [archiving, setArchiving] = useState<Acupoint>();
  const [editing, setEditing] = useState<Acupoint>();
  const [message, setMessage] = useState<string>();

  const items = list.data?.items;
  const results = useMemo(() => searchPoints(items ?? [], { q, region }), [items, q, region]);
  const selected = items?.find((p) => p.id === selectedId);
  const sources = useMemo(() => new Map((list.data?.sources ?? []).map((s) => [s.id, s])), [list.data]);

  // Two changes in one tick (clearing the search, then picking a region) must compose: until the
  // address catches up, `params` is still the one before the first change, so build on what was sent.
  const sent = useRef<{ from: URLSearchParams; next: URLSearchParams }>(undefined);
  /** Changes the search, keeping the rest of the address (replace: typing is not history). */
  const update = (changes: Record<string, string | undefined>, replace = true) => {
    const base = sent.current?.from === params ? sent.current.next : params;
    const next = new URLSearchParams(base);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    sent.current = { from: params, next };
    setParams(next, { replace });
  };
  const pointHref = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('point', id);
    return `?${next}`;
  };

  return (
    <>
      <PageHeader
        eyebrow={clinic.name}
        title="Points"
        description={<p>The acupoint library Yintang ships, with its sources, and your clinic’s own points. Search by code (ST36, St 36), pinyin or English name, or what a point is used for.</p>}
        actions={<Button onClick={() => { setMessage(undefined); setAdding(true); }}><Plus aria-hidden="true" className="size-5" />Add a clinic point</Button>}
      />
      <div aria-live="polite" className="empty:hidden">{message && <Alert tone="success" className="mb-6">{message}</Alert>}</div>
      {list.error !== undefined && <Alert tone="error" className="mb-6">{errorMessage(list.error)}</Alert>}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] lg:items-start">
        <section aria-label="Find a point" className={selected ? 'hidden lg:block' : ''}>
          <form role="search" className="panel flex flex-col gap-4 sm:flex-row sm:items-end lg:flex-col lg:items-stretch" onSubmit={(e) => e.preventDefault()}>
            <div className="relative min-w-0 flex-1">
              <TextField label="Search" type="search" value={q} autoComplete="off" spellCheck={false} placeholder="ST36, Yintang, crow’s feet"
                inputClassName="pl-10" onChange={(e) => update({ q: e.target.value || undefined })} />
              <Search aria-hidden="true" className="pointer-events-none absolute bottom-3 left-3 size-5 text-muted" />
            </div>
            <SelectField label="Region" className="sm:w-48 lg:w-auto" value={region ?? ''} onChange={(e) => update({ region: e.target.value || undefined })}>
              <option value="">All regions</option>
              {REGIONS.map((r) => <option key={r} value={r}>{REGION_LABELS[r]}</option>)}
            </SelectField>
          </form>

          {!list.data && list.loading && <Loading label="Loading the points…" className="mt-6" />}
          {items && (
            <>
              <p className="muted mt-5 mb-2" aria-live="polite" aria-atomic="true">
                {results.length === 1 ? '1 point' : `${results.length} points`}
                {region ? ` on the ${REGION_LABELS[region].toLowerCase()}` : ''}{q.trim() ? ` for “${q.trim()}”` : ''}
              </p>
              {results.length === 0
                ? (
                  <EmptyState icon={Search} title="No point matches">
                    <p>Try a code such as ST36, a pinyin name such as Zusanli, or choose all regions.</p>
                  </EmptyState>
                )
                : (
                  <ul aria-label="Points found" className="panel divide-y divide-line p-0 sm:p-0">
                    {results.map((p) => (
                      <li key={p.id}>
                        <Link to={pointHref(p.id)} aria-current={p.id === selectedId ? 'true' : undefined}
                          className={`flex items-start gap-3 px-4 py-3 text-ink no-underline hover:bg-jade-50 ${p.id === selectedId ? 'bg-jade-50' : ''}`}>
                          <span className="w-20 shrink-0 pt-0.5 font-semibold break-words text-jade-700 tabular-nums">{p.code ?? <span className="font-normal text-muted">No code</span>}</span>
                          <span className="min-w-0 flex-1">
                            <span className="block font-medium">{p.pinyin || p.english}{p.pinyin && <span className="font-normal text-muted"> · {p.english}</span>}</span>
                            <span className="mt-1 flex flex-wrap gap-1.5 empty:hidden">
                              {!region && <span className="badge badge-neutral">{REGION_LABELS[p.region]}</span>}
                              {p.origin === 'clinic' && <span className="badge badge-clay">Clinic point</span>}
                              {p.pregnancyCaution && <span className="badge badge-caution"><Baby aria-hidden="true" className="size-4" />Pregnancy caution</span>}
                            </span>
                          </span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
            </>
          )}
        </section>

        <section aria-label="Point details" className={`lg:sticky lg:top-4 ${selected ? '' : 'hidden lg:block'}`}>
          {selected
            ? <PointDetail point={selected} sources={sources} backHref={`?${new URLSearchParams([...params].filter(([k]) => k !== 'point'))}`}
              onArchive={() => { setMessage(undefined); setArchiving(selected); }} onEdit={() => { setMessage(undefined); setEditing(selected); }} />
            : (
              <EmptyState icon={MapPin} title="Choose a point">
                <p>Its location, uses, cautions and sources show here.</p>
              </EmptyState>
            )}
        </section>
      </div>

      {editing && (
        <PointDialog clinic={clinic} point={editing} onClose={() => setEditing(undefined)} onSaved={(p) => {
          setEditing(undefined);
          setMessage(`${p.code} ${p.english} was saved.`);
          list.reload();
        }} />
      )}
      {adding && (
        <PointDialog clinic={clinic} onClose={() => setAdding(false)} onSaved={(p) => {
          setAdding(false);
          setMessage(`${p.code} ${p.english} is in your clinic’s points.`);
          list.reload();
          update({ q: p.code ?? undefined, region: undefined, point: p.id }, false);
        }} />
      )}
      <ArchiveDialog item={archiving} path={(p) => `/clinics/${clinic.slug}/acupoints/${p.id}`} title="Archive this point?"
        description={(p) => <>{p.code} {p.english}</>} consequence="It leaves the search. Its code becomes free for a new point."
        onClose={() => setArchiving(undefined)} onArchived={(p) => {
        setArchiving(undefined);
        setMessage(`${p.code} ${p.english} was archived; it no longer shows in the search.`);
        list.reload();
        update({ point: undefined });
      }} />
    </>
  );
}

function SourceList({ ids, sources }: { ids: readonly string[]; sources: Map<string, Source> }) {
  if (ids.length === 0) return null;
  return (
    <span className="muted text-sm">
      {' '}(source: {ids.map((id, i) => <span key={id}>{i > 0 && '; '}{sources.get(id)?.label ?? id}</span>)})
    </span>
  );
}

function PointDetail({ point: p, sources, backHref, onArchive, onEdit }: {
  point: Acupoint;
  sources: Map<string, Source>;
  backHref: string;
  onArchive: () => void;
  onEdit: () => void;
}) {
  const pregnancy = p.cautions.filter((c) => c.kind === 'pregnancy');
  const others = p.cautions.filter((c) => c.kind !== 'pregnancy');
  const titleRef = useRef<HTMLHeadingElement>(null);
  // A chosen point is announced, and on a phone (where it replaces the list) brought into view.
  useEffect(() => {
    const title = titleRef.current;
    if (!title) return;
    title.focus({ preventScroll: true });
    const article = title.closest('article');
    if (article && article.getBoundingClientRect().top < 0) article.scrollIntoView({ block: 'start' });
  }, [p.id]);
  const cited = [...new Set([...p.nameSources, ...p.locationSources, ...p.uses.flatMap((u) => u.sources), ...p.cautions.flatMap((c) => c.sources)])];
  return (
    <article className="panel" aria-labelledby="point-title">
      <p className="mb-3 lg:hidden">
        <Link to={backHref} className="inline-flex items-center gap-1.5"><ArrowLeft aria-hidden="true" className="size-4" />Back to the results</Link>
      </p>
      <header>
        <p className="eyebrow">{p.origin === 'clinic' ? 'Your clinic’s point' : `${p.meridian === 'Extra' ? 'Extra point' : `${p.meridian} meridian`}`}</p>
        <h2 id="point-title" ref={titleRef} tabIndex={-1} className="mt-1 text-2xl leading-snug">
          {p.code && <span className="text-jade-700">{p.code} </span>}{p.pinyin || p.english}
        </h2>
        <p className="mt-1 text-lg">{p.pinyin ? p.english : ''}{p.otherNames.length > 0 && <span className="muted"> · also {p.otherNames.join(', ')}</span>}</p>
        <p className="mt-2 flex flex-wrap gap-1.5">
          <span className="badge badge-neutral">{REGION_LABELS[p.region]}</span>
          {p.origin === 'clinic' && <span className="badge badge-clay">Clinic point</span>}
        </p>
      </header>

      {pregnancy.length > 0 && (
        <Alert tone="caution" className="mt-5" title="Pregnancy caution">
          <ul className="flex flex-col gap-1">
            {pregnancy.map((c) => <li key={c.text}>{c.text}<SourceList ids={c.sources} sources={sources} /></li>)}
          </ul>
        </Alert>
      )}

      <dl className="mt-5 flex flex-col gap-5">
        <div>
          <dt className="font-semibold">Location</dt>
          <dd className="mt-1 whitespace-pre-line">{p.location}</dd>
          {p.alternativeLocation && <dd className="muted mt-1">Alternative location: {p.alternativeLocation}</dd>}
        </div>
        <div>
          <dt className="font-semibold">Typical uses</dt>
          {p.uses.length === 0 ? <dd className="muted mt-1">None recorded.</dd> : (
            <dd className="mt-1">
              <ul className="list-disc pl-5">
                {p.uses.map((u) => <li key={u.text} className="whitespace-pre-line">{u.text}<SourceList ids={u.sources} sources={sources} /></li>)}
              </ul>
            </dd>
          )}
        </div>
        <div>
          <dt className="font-semibold">Cautions</dt>
          {others.length === 0 && pregnancy.length === 0 && <dd className="muted mt-1">No particular caution recorded. Usual safe practice applies.</dd>}
          {others.length === 0 && pregnancy.length > 0 && <dd className="mt-1">Pregnancy, as above.</dd>}
          {others.length > 0 && (
            <dd className="mt-1">
              <ul className="flex flex-col gap-2">
                {others.map((c) => (
                  <li key={c.text} className="flex gap-2">
                    <TriangleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-caution" />
                    <span className="whitespace-pre-line">{c.text}<SourceList ids={c.sources} sources={sources} /></span>
                  </li>
                ))}
              </ul>
            </dd>
          )}
        </div>
        <div>
          <dt className="font-semibold">Sources</dt>
          <dd className="mt-1">
            {p.origin === 'clinic'
              ? <p>{p.clinicPoint?.source || 'Added by your clinic; no source given.'}</p>
              : (
                <>
                  <p className="muted">{p.codeNote} The location is written in our own words.</p>
                  <ul className="mt-2 flex flex-col gap-2">
                    {cited.map((id) => {
                      const s = sources.get(id);
                      if (!s) return null;
                      return (
                        <li key={id} className="flex gap-2">
                          <BookOpen aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-jade-700" />
                          <span className="min-w-0">
                            {s.url
                              ? <a href={s.url} target="_blank" rel="noreferrer noopener" className="break-words">{s.label}<ExternalLink aria-label="(opens in a new tab)" className="ml-1 inline size-4 align-[-2px]" /></a>
                              : <span className="font-medium">{s.label}</span>}
                            <span className="muted block text-sm">{s.note}</span>
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                </>
              )}
          </dd>
        </div>
      </dl>
      {p.origin === 'clinic' && p.clinicPoint && (
        <div className="mt-6 flex flex-wrap items-center justify-between gap-3 border-t border-line pt-4">
          <p className="muted">Added on {formatDate(p.clinicPoint.createdAt)}</p>
          <div className="flex flex-wrap gap-3">
            <Button variant="secondary" onClick={onEdit}>Change this point</Button>
            <Button variant="ghost" onClick={onArchive}>Archive this point</Button>
          </div>
        </div>
      )}
    </article>
  );
}

/** Adds a clinic point, or changes one (`point` given). */
function PointDialog({ clinic, point, onClose, onSaved }: { clinic: ClinicContext; point?: Acupoint; onClose: () => void; onSaved: (p: Acupoint) => void }) {
  const [formError, setFormError] = useState<string>();
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(clinicPointBody),
    defaultValues: point
      ? {
        code: point.code ?? '', english: point.english, pinyin: point.pinyin || undefined, meridian: point.meridian, region: point.region,
        location: point.location, uses: point.clinicPoint?.uses || undefined, cautions: point.clinicPoint?.cautions || undefined,
        pregnancyCaution: point.pregnancyCaution, source: point.clinicPoint?.source || undefined,
      }
      : { code: '', english: '', pinyin: undefined, meridian: 'Extra', region: undefined, location: '', uses: undefined, cautions: undefined, pregnancyCaution: false, source: undefined },
  });
  const fields = ['code', 'english', 'pinyin', 'meridian', 'region', 'location', 'uses', 'cautions', 'pregnancyCaution', 'source'] as const;
  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      onSaved(point
        // An emptied optional field is cleared, not kept.
        ? await api.patch<Acupoint>(`/clinics/${clinic.slug}/acupoints/${point.id}`, { ...values, pinyin: values.pinyin ?? '', uses: values.uses ?? '', cautions: values.cautions ?? '', source: values.source ?? '' })
        : await api.post<Acupoint>(`/clinics/${clinic.slug}/acupoints`, values));
    } catch (error) {
      const text = applyServerErrors(error, setError, fields);
      // A code already in use is said beside the code; no need to say it twice.
      setFormError(error instanceof ApiError && error.status === 409 && error.fieldErrors.code ? undefined : text);
    }
  });
  const optional = { setValueAs: emptyToUndefined };
  return (
    <Dialog open onClose={onClose} wide title={point ? `Change ${point.code}` : 'Add a clinic point'}
      description={point ? 'Your clinic’s own point. Everyone in your clinic who treats clients sees the change.' : 'A point the library does not have, under your clinic’s own code. Everyone in your clinic who treats clients sees it.'}>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        {formError && <Alert tone="error">{formError}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Code" autoComplete="off" spellCheck={false} hint="Capital letters, digits and hyphens, such as EAR-SHENMEN." error={errors.code?.message} {...register('code')} />
          <TextField label="Name" autoComplete="off" error={errors.english?.message} {...register('english')} />
          <TextField label="Pinyin (optional)" autoComplete="off" error={errors.pinyin?.message} {...register('pinyin', optional)} />
          <SelectField label="Region" error={errors.region?.message} {...register('region', optional)}>
            <option value="">Choose…</option>
            {REGIONS.map((r) => <option key={r} value={r}>{REGION_LABELS[r]}</option>)}
          </SelectField>
          <SelectField label="Meridian" className="sm:col-span-2" error={errors.meridian?.message} {...register('meridian')}>
            {MERIDIANS.map((m) => <option key={m} value={m}>{m === 'Extra' ? 'Extra (outside the meridians)' : m}</option>)}
          </SelectField>
        </div>
        <TextAreaField label="Location" rows={3} hint="Where to find it, in words a colleague can follow." error={errors.location?.message} {...register('location')} />
        <TextAreaField label="Typical uses (optional)" rows={2} error={errors.uses?.message} {...register('uses', optional)} />
        <TextAreaField label="Cautions (optional)" rows={2} error={errors.cautions?.message} {...register('cautions', optional)} />
        <CheckboxField label="Avoid or take care in pregnancy" error={errors.pregnancyCaution?.message} {...register('pregnancyCaution')} />
        <TextField label="Source (optional)" autoComplete="off" hint="Where this point comes from: a book, a course, your own protocol." error={errors.source?.message} {...register('source', optional)} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={isSubmitting}>{point ? 'Save the changes' : 'Add the point'}</Button>
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
