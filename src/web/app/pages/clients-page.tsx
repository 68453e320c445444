import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ChevronRight, Plus, Search, Users } from 'lucide-react';
import type { z } from 'zod';
import type { clientList } from '../../../features/clients/clients.schema.ts';
import { useApi } from '../../lib/use-api.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { formatPhone } from '../../lib/format.ts';
import { RoleGate, STAFF_ROLES } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';

type ClientList = z.infer<typeof clientList>;

export function ClientsPage() {
  return <RoleGate roles={STAFF_ROLES}>{(clinic) => <ClientSearch clinic={clinic} />}</RoleGate>;
}

/** Waits until typing pauses before searching, so each key press is not a request. */
function useDebounced(value: string, ms = 250) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function ClientSearch({ clinic }: { clinic: ClinicContext }) {
  const mine = clinic.role === 'practitioner';
  const title = mine ? 'My clients' : 'Clients';
  usePageTitle(title);
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const q = useDebounced(query.trim());
  const searchId = useId();

  // Keep the search in the address, so going back to the list shows the same results.
  const inAddress = params.get('q') ?? '';
  const newest = params.get('sort') === 'newest';
  useEffect(() => {
    if (inAddress !== q) setParams({ ...(q ? { q } : {}), ...(newest ? { sort: 'newest' } : {}) }, { replace: true });
  }, [q, inAddress, newest, setParams]);

  const search = new URLSearchParams({ ...(q ? { q } : {}), ...(newest ? { sort: 'newest' } : {}) }).toString();
  const list = useApi<ClientList>(`/clinics/${clinic.slug}/clients${search ? `?${search}` : ''}`);
  const items = list.data?.items;

  return (
    <>
      <PageHeader
        eyebrow={clinic.name}
        title={title}
        description={mine ? <p>The clients in your care. If you need to see someone else’s details, ask the clinic owner.</p> : <p>Everyone on file at the clinic, whether they booked online or by phone.</p>}
        actions={<Link className="btn btn-primary" to="/app/clients/new"><Plus aria-hidden="true" className="size-5" />Add a client</Link>}
      />

      <form role="search" onSubmit={(e) => e.preventDefault()} className="mb-6">
        <label htmlFor={searchId} className="label">Search by name, e-mail or phone</label>
        <div className="relative mt-1.5 max-w-xl">
          <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-5 -translate-y-1/2 text-muted" />
          <input
            id={searchId}
            type="search"
            className="input pl-10"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
          />
        </div>
      </form>

      {list.error !== undefined && <Alert tone="error" className="mb-6">{errorMessage(list.error)}</Alert>}
      {!items && list.loading && <Loading label="Loading clients…" />}
      {items && (
        <>
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <p role="status" className="muted">
              {list.loading ? 'Searching…' : q ? `${items.length} ${items.length === 1 ? 'client matches' : 'clients match'} “${q}”` : `${items.length} ${items.length === 1 ? 'client' : 'clients'}`}
              {newest && ', newest first'}
            </p>
            <Link
              to={`/app/clients${newest ? (q ? `?q=${encodeURIComponent(q)}` : '') : `?${new URLSearchParams({ ...(q ? { q } : {}), sort: 'newest' })}`}`}
              replace
            >
              {newest ? 'Sort A to Z' : 'Show newest first'}
            </Link>
          </div>
          {items.length === 0 ? (
            <EmptyState icon={Users} title={q ? 'No one matches that search' : 'No clients yet'}>
              <p>{q ? 'Check the spelling, or search by e-mail address or phone number instead.' : 'Clients appear here when they sign up with your clinic or when you add them.'}</p>
            </EmptyState>
          ) : (
            <ul className="panel divide-y divide-line p-0 sm:p-0">
              {items.map((c) => (
                <li key={c.id}>
                  <Link to={`/app/clients/${c.id}`} className="group flex items-center gap-4 px-5 py-4 text-ink no-underline hover:bg-jade-50/60 hover:text-ink">
                    <span aria-hidden="true" className="hidden size-10 shrink-0 items-center justify-center rounded-full bg-jade-100 font-semibold text-jade-800 sm:flex">
                      {initials(c.name)}
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className="block font-semibold group-hover:text-jade-700">{c.name}</span>
                      <span className="muted block break-words">
                        {c.email}
                        {c.phone && <><span aria-hidden="true"> · </span><span className="sr-only">, phone </span>{formatPhone(c.phone)}</>}
                      </span>
                    </span>
                    {c.hasAccount && <span className="badge hidden sm:inline-flex">Online account</span>}
                    <ChevronRight aria-hidden="true" className="size-5 shrink-0 text-muted" />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

export function initials(name: string) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0]?.toUpperCase()).join('');
}
