import { useState } from 'react';
import { Search } from 'lucide-react';
import type { z } from 'zod';
import type { clientContact, clientList } from '../../../../features/clients/clients.schema.ts';
import { useApi } from '../../../lib/use-api.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { formatPhone } from '../../../lib/format.ts';
import { TextField } from '../../../components/field.tsx';

export type ClientContact = z.infer<typeof clientContact>;

/**
 * Finds one of the clinic's clients by name, e-mail or phone and picks them: a search box
 * and the matches as a radio group (a practitioner finds the clients they treat).
 */
export function ClientSearch({ slug, chosen, onChoose, error, label = 'Client', hint = 'Search by name, e-mail or phone.' }: {
  slug: string;
  chosen: ClientContact | undefined;
  onChoose: (client: ClientContact | undefined) => void;
  error?: string;
  label?: string;
  hint?: string;
}) {
  const [query, setQuery] = useState('');
  const q = query.trim();
  const found = useApi<z.infer<typeof clientList>>(q.length >= 2 ? `/clinics/${slug}/clients?q=${encodeURIComponent(q)}&limit=8` : null);
  const items = q.length >= 2 ? found.data?.items : undefined;

  return (
    <div>
      <div className="relative">
        <Search aria-hidden="true" className="pointer-events-none absolute bottom-3 left-3 size-5 text-muted" />
        <TextField
          label={label}
          hint={hint || undefined}
          type="search"
          inputClassName="pl-10"
          autoComplete="off"
          value={query}
          error={error}
          onChange={(e) => { setQuery(e.target.value); onChoose(undefined); }}
        />
      </div>
      {found.error !== undefined && <p className="field-error mt-2">{errorMessage(found.error)}</p>}
      {items && items.length === 0 && <p className="muted mt-2">No client matches “{q}”. Check the spelling, or add them on the Clients page first.</p>}
      {items && items.length > 0 && (
        <fieldset className="mt-3">
          <legend className="sr-only">Matching clients</legend>
          <div className="flex flex-col gap-2">
            {items.map((c) => (
              <label key={c.id} className={`flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border px-3 py-2 ${chosen?.id === c.id ? 'border-jade-600 bg-jade-50' : 'border-line hover:border-jade-600'}`}>
                <input type="radio" name="client-search" className="size-5 accent-jade-600" checked={chosen?.id === c.id} onChange={() => onChoose(c)} />
                <span className="min-w-0">
                  <span className="block font-medium">{c.name}</span>
                  <span className="muted block break-words">{[c.email, c.phone ? formatPhone(c.phone) : null].filter(Boolean).join(' · ')}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}
