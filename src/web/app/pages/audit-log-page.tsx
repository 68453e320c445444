import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ChevronLeft, ChevronRight, Download, Filter, ScrollText } from 'lucide-react';
import type { AuditPage, AuditPeople, AuditRow } from '../../../features/audit/audit.schema.ts';
import { ENTITY_LABELS } from '../../../features/audit/audit-labels.ts';
import { ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { ROLE_LABEL, type ClinicContext, type Role } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { DateField } from '../../components/date-field.tsx';

/** The filters as they appear in the address, so a filtered view can be bookmarked and shared. */
const FILTER_PARAMS = { person: 'personId', type: 'entityType', record: 'entityId', from: 'from', to: 'to' } as const;
type FilterKey = keyof typeof FILTER_PARAMS;
type Filters = Record<FilterKey, string>;

const PAGE_SIZE = 25;
const RECORD_TYPES = Object.entries(ENTITY_LABELS).sort(([, a], [, b]) => a.localeCompare(b, 'en-GB'));

const filtersFrom = (params: URLSearchParams): Filters => ({
  person: params.get('person') ?? '', type: params.get('type') ?? '', record: params.get('record') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '',
});

/** The API's query for the filters in use: empty ones are left out. */
function apiQuery(filters: Filters) {
  const q = new URLSearchParams();
  for (const key of Object.keys(FILTER_PARAMS) as FilterKey[]) if (filters[key]) q.set(FILTER_PARAMS[key], filters[key]);
  return q;
}

/** The owner's audit log: who did what to which record, when and from where. */
export function AuditLogPage() {
  usePageTitle('Audit log');
  return <RoleGate roles={['owner']}>{(clinic) => <AuditLog clinic={clinic} />}</RoleGate>;
}

function AuditLog({ clinic }: { clinic: ClinicContext }) {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const cursor = params.get('cursor');
  // Cursors of the pages before this one, so "Previous page" can go back; the browser's Back button works too.
  const [earlier, setEarlier] = useState<string[]>([]);
  const query = apiQuery(filters);
  const pageQuery = new URLSearchParams(query);
  pageQuery.set('limit', String(PAGE_SIZE));
  if (cursor) pageQuery.set('cursor', cursor);
  const page = useApi<AuditPage>(`/clinics/${clinic.slug}/audit?${pageQuery}`);
  const people = useApi<AuditPeople>(`/clinics/${clinic.slug}/audit/people`);
  const fieldErrors = page.error instanceof ApiError ? page.error.fieldErrors : {};
  const csvHref = `/api/v1/clinics/${clinic.slug}/audit.csv${query.toString() ? `?${query}` : ''}`;
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const show = (next: Filters, nextCursor: string | null) => {
    const p = new URLSearchParams();
    for (const key of Object.keys(FILTER_PARAMS) as FilterKey[]) if (next[key]) p.set(key, next[key]);
    if (nextCursor) p.set('cursor', nextCursor);
    setParams(p);
  };
  const turnPage = (direction: 'next' | 'previous') => {
    if (direction === 'next' && page.data?.next) {
      setEarlier((list) => [...list, cursor ?? '']);
      show(filters, page.data.next);
    } else if (direction === 'previous') {
      setEarlier((list) => list.slice(0, -1));
      show(filters, earlier[earlier.length - 1] || null);
    }
    // Keyboard and screen-reader users land on the new page's results.
    resultsHeading.current?.focus();
  };

  return (
    <>
      <PageHeader
        eyebrow={clinic.name}
        title="Audit log"
        description={
          <p>
            Who did what to which record, when and from where, including anyone who was refused access.
            It holds names and record numbers only, never anything about a client’s health.
          </p>
        }
        actions={
          <a className="btn btn-secondary" href={csvHref} download>
            <Download aria-hidden="true" className="size-5" />Download CSV
          </a>
        }
      />

      <FilterForm
        key={params.toString()}
        initial={filters}
        people={people.data?.items ?? []}
        errors={fieldErrors}
        onApply={(next) => { setEarlier([]); show(next, null); }}
      />

      <section aria-labelledby="audit-results" className="mt-8">
        <h2 id="audit-results" ref={resultsHeading} tabIndex={-1} className="text-xl">
          Entries{earlier.length > 0 || cursor ? <span className="muted font-normal"> (page {earlier.length + 1})</span> : null}
        </h2>
        <p className="muted mt-1">Newest first. Times are the clinic’s local time{page.data ? ` (${page.data.timeZone})` : ''}.</p>

        <div className="mt-4" aria-live="polite">
          {page.error !== undefined && <Alert tone="error">{errorMessage(page.error)}</Alert>}
          {!page.data && page.loading && <Loading label="Loading the audit log…" />}
        </div>

        {page.data && page.error === undefined && page.data.items.length === 0 && (
          <EmptyState icon={ScrollText} title="No entries match">
            <p>Try a longer period, or clear some of the filters.</p>
          </EmptyState>
        )}

        {page.data && page.error === undefined && page.data.items.length > 0 && (
          <>
            <AuditTable rows={page.data.items} timeZone={page.data.timeZone} />
            <AuditCards rows={page.data.items} timeZone={page.data.timeZone} />
            <nav aria-label="Pages of the audit log" className="mt-6 flex flex-wrap justify-between gap-3">
              <Button variant="secondary" disabled={!cursor} onClick={() => turnPage('previous')}>
                <ChevronLeft aria-hidden="true" className="size-5" />Previous page
              </Button>
              <Button variant="secondary" disabled={!page.data.next} onClick={() => turnPage('next')}>
                Next page<ChevronRight aria-hidden="true" className="size-5" />
              </Button>
            </nav>
          </>
        )}
      </section>
    </>
  );
}

function FilterForm({ initial, people, errors, onApply }: {
  initial: Filters; people: AuditPeople['items']; errors: Record<string, string>; onApply: (filters: Filters) => void;
}) {
  const [values, setValues] = useState(initial);
  const set = (key: FilterKey) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));
  const empty: Filters = { person: '', type: '', record: '', from: '', to: '' };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...values, record: values.record.trim() });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="panel" aria-labelledby="audit-filter-heading">
      <h2 id="audit-filter-heading" className="text-xl">Filter</h2>
      <div className="mt-4 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField label="Person" value={values.person} onChange={set('person')} error={errors.personId}>
          <option value="">Everyone</option>
          {people.map((p) => (
            <option key={p.userId} value={p.userId}>
              {p.name} ({ROLE_LABEL[p.role as Role]}{p.deactivated ? ', left' : ''})
            </option>
          ))}
        </SelectField>
        <SelectField label="Record type" value={values.type} onChange={set('type')} error={errors.entityType}>
          <option value="">Any record</option>
          {RECORD_TYPES.map(([code, label]) => <option key={code} value={code}>{label}</option>)}
        </SelectField>
        <TextField label="Record id" value={values.record} onChange={set('record')} error={errors.entityId} autoComplete="off" spellCheck={false} />
        {/* The two dates side by side even on a phone: they read as one period. */}
        <div className="grid grid-cols-2 gap-3 sm:col-span-2 sm:gap-5">
          <DateField label="From" value={values.from} onValueChange={(value) => set('from')({ target: { value } })} error={errors.from} />
          <DateField label="To (included)" value={values.to} onValueChange={(value) => set('to')({ target: { value } })} error={errors.to} />
        </div>
      </div>
      <div className="mt-5 flex flex-wrap gap-3">
        <Button type="submit"><Filter aria-hidden="true" className="size-5" />Show entries</Button>
        <Button variant="ghost" onClick={() => { setValues(empty); onApply(empty); }}>Clear filters</Button>
      </div>
    </form>
  );
}

function Who({ row }: { row: AuditRow }) {
  if (!row.actor) return <span className="muted">Someone not signed in</span>;
  return (
    <>
      <span className="block font-medium">{row.actor.name}</span>
      <span className="muted block break-words">{row.actor.email}</span>
      {row.role && <span className="muted block">{ROLE_LABEL[row.role as Role] ?? row.role}</span>}
    </>
  );
}

function What({ row }: { row: AuditRow }) {
  const details = Object.entries(row.details);
  return (
    <>
      <span className="block">{row.actionLabel}</span>
      {details.length > 0 && (
        <span className="muted block text-sm break-all">
          {details.map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`).join(' · ')}
        </span>
      )}
    </>
  );
}

function Which({ row }: { row: AuditRow }) {
  return (
    <>
      <span className="block">{row.entityTypeLabel}{row.entityLabel ? `: ${row.entityLabel}` : ''}</span>
      {row.entityId && (
        // Following the id shows only the entries about this record.
        <Link className="block text-sm break-all" to={`?${new URLSearchParams({ type: row.entityType, record: row.entityId })}`}>
          <span className="sr-only">Only entries about record </span>{row.entityId}
        </Link>
      )}
    </>
  );
}

function FromWhere({ row }: { row: AuditRow }) {
  if (!row.ip && !row.device) return <span className="muted">Not recorded</span>;
  return (
    <>
      {row.ip && <span className="block tabular-nums">{row.ip}</span>}
      {row.device && <span className="muted block">{row.device}</span>}
    </>
  );
}

/** Tablets and desktops: a table with a header for each column. */
function AuditTable({ rows, timeZone }: { rows: AuditRow[]; timeZone: string }) {
  return (
    <div className="panel mt-4 hidden overflow-x-auto p-0 md:block sm:p-0">
      <table className="w-full border-collapse text-left align-top">
        <caption className="sr-only">Audit log entries, newest first</caption>
        <thead className="border-b border-line bg-sand">
          <tr>
            {['When', 'Who', 'What', 'Which record', 'From where'].map((h) => (
              <th key={h} scope="col" className="px-4 py-3 font-semibold whitespace-nowrap">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <td className="px-4 py-3 whitespace-nowrap"><time dateTime={row.at}>{formatDateTime(row.at, timeZone)}</time></td>
              <td className="min-w-52 px-4 py-3"><Who row={row} /></td>
              <td className="min-w-44 px-4 py-3"><What row={row} /></td>
              <td className="min-w-44 px-4 py-3"><Which row={row} /></td>
              <td className="px-4 py-3"><FromWhere row={row} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Phones: one card per entry, each field named. */
function AuditCards({ rows, timeZone }: { rows: AuditRow[]; timeZone: string }) {
  return (
    <ul className="mt-4 flex flex-col gap-3 md:hidden" aria-label="Audit log entries, newest first">
      {rows.map((row) => (
        <li key={row.id} className="panel">
          <p className="font-semibold"><time dateTime={row.at}>{formatDateTime(row.at, timeZone)}</time></p>
          <dl className="mt-2 grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-2">
            <dt className="muted">Who</dt><dd><Who row={row} /></dd>
            <dt className="muted">What</dt><dd><What row={row} /></dd>
            <dt className="muted">Record</dt><dd><Which row={row} /></dd>
            <dt className="muted">From where</dt><dd><FromWhere row={row} /></dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

