import { useState, type FormEvent, type ReactNode } from 'react';
import { Check, Copy, KeyRound, Webhook } from 'lucide-react';
import type { z } from 'zod';
import type { apiKeyCreated, apiKeyList } from '../../../features/api-keys/api-keys.schema.ts';
import type { webhookCreated, webhookDeliveryList, webhookList } from '../../../features/webhooks/webhooks.schema.ts';
import type { clinicDetail } from '../../../features/clinics/clinics.schema.ts';
import { api, ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { CheckboxField, TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ConfirmRemoveDialog } from './staff-profile-page.tsx';

type KeyList = z.infer<typeof apiKeyList>;
type HookList = z.infer<typeof webhookList>;
type Deliveries = z.infer<typeof webhookDeliveryList>;

/** The owner connects the clinic's other systems: API keys for calls in, webhooks for events out. */
export function IntegrationsPage() {
  usePageTitle('Integrations');
  return <RoleGate roles={['owner']}>{(clinic) => <Integrations clinic={clinic} />}</RoleGate>;
}

function Integrations({ clinic }: { clinic: ClinicContext }) {
  const detail = useApi<z.infer<typeof clinicDetail>>(`/clinics/${clinic.slug}`);
  const timeZone = detail.data?.timeZone;
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Integrations" description={<p>Connect the clinic’s other systems: API keys let them read the diary and book; webhooks tell them when something happens. Neither ever reaches clinical notes, health answers or outcomes.</p>} />
      <ApiKeys clinic={clinic} timeZone={timeZone} />
      <Webhooks clinic={clinic} timeZone={timeZone} />
    </>
  );
}

/** A secret shown once, with a button that copies it. */
function SecretOnce({ title, secret, children }: { title: string; secret: string; children: ReactNode }) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert tone="success" title={title} className="mb-6">
      {children}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code className="rounded-md border border-line bg-white px-2 py-1 text-sm break-all" data-testid="secret">{secret}</code>
        <Button variant="secondary" onClick={() => { void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false)); }}>
          {copied ? <Check aria-hidden="true" className="size-4" /> : <Copy aria-hidden="true" className="size-4" />}{copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
    </Alert>
  );
}

function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors[field] : undefined;
}

function ApiKeys({ clinic, timeZone }: { clinic: ClinicContext; timeZone?: string }) {
  const keys = useApi<KeyList>(`/clinics/${clinic.slug}/api-keys`);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<z.infer<typeof apiKeyCreated>>();

  async function create(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      setCreated(await api.post<z.infer<typeof apiKeyCreated>>(`/clinics/${clinic.slug}/api-keys`, { name, scopes }));
      setName('');
      setScopes([]);
      keys.reload();
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  }

  // Revoking cannot be undone and stops the other system at once: it is asked first, as other removals are.
  const [revoking, setRevoking] = useState<{ id: string; name: string }>();

  return (
    <section aria-labelledby="api-keys-heading" className="panel mb-8">
      <h2 id="api-keys-heading" className="flex items-center gap-2 text-xl"><KeyRound aria-hidden="true" className="size-5 text-jade-700" />API keys</h2>
      <p className="muted mt-1">For another system that calls Yintang (server to server), sent as <code>Authorization: Bearer</code> followed by the key. A key works only for this clinic and what you allow.</p>
      {created && (
        <SecretOnce title={`Key “${created.name}” created`} secret={created.secret}>
          <p>Copy it now: it is shown this once, and Yintang keeps only a fingerprint of it.</p>
        </SecretOnce>
      )}
      <form onSubmit={create} className="mt-4 grid gap-4" noValidate>
        <TextField label="Name" hint="The system that will use the key, e.g. Accounts" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'name')} maxLength={80} />
        <fieldset>
          <legend className="label">What may it do?</legend>
          {fieldError(error, 'scopes') && <p className="field-error mt-1">{fieldError(error, 'scopes')}</p>}
          <div className="mt-2 grid gap-2">
            {keys.data?.scopes.map((s) => (
              <CheckboxField key={s.scope} label={s.label} checked={scopes.includes(s.scope)}
                onChange={(e) => setScopes(e.target.checked ? [...scopes, s.scope] : scopes.filter((x) => x !== s.scope))} />
            ))}
          </div>
        </fieldset>
        {error !== undefined && !fieldError(error, 'name') && !fieldError(error, 'scopes') && <Alert tone="error">{errorMessage(error)}</Alert>}
        <div><Button type="submit" pending={pending}>Create key</Button></div>
      </form>
      {keys.error !== undefined && <Alert tone="error" className="mt-4">{errorMessage(keys.error)}</Alert>}
      {!keys.data && keys.loading && <Loading label="Loading keys…" />}
      {keys.data && keys.data.keys.length > 0 && (
        <div className="relative mt-6 overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">The clinic’s API keys</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Allowed</th><th scope="col">Last used</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {keys.data.keys.map((k) => (
                <tr key={k.id} className="border-t border-line">
                  <td className="py-2 pr-3 font-semibold">{k.name}</td>
                  <td className="whitespace-nowrap py-2 pr-3"><code>{k.prefix}…</code></td>
                  <td className="py-2 pr-3">{k.scopes.join(', ')}</td>
                  <td className="py-2 pr-3">{k.lastUsedAt ? formatDateTime(k.lastUsedAt, timeZone) : 'Never'}</td>
                  <td className="py-2">
                    {k.revokedAt ? <span className="badge badge-neutral">Revoked</span>
                      : <Button variant="danger" onClick={() => setRevoking({ id: k.id, name: k.name })} aria-label={`Revoke ${k.name}`}>Revoke</Button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmRemoveDialog
        open={revoking !== undefined}
        title={`Revoke the key “${revoking?.name ?? ''}”?`}
        description="The system using it can no longer call Yintang, straight away. A revoked key cannot be turned back on; you can create a new one."
        confirmLabel="Revoke key"
        deletePath={revoking && `/clinics/${clinic.slug}/api-keys/${revoking.id}`}
        onClose={() => setRevoking(undefined)}
        onRemoved={() => { setRevoking(undefined); keys.reload(); }}
      />
    </section>
  );
}

const STATUS_LABEL = { pending: 'Waiting', delivered: 'Delivered', failed: 'Failed' } as const;

function Webhooks({ clinic, timeZone }: { clinic: ClinicContext; timeZone?: string }) {
  const hooks = useApi<HookList>(`/clinics/${clinic.slug}/webhooks`);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<z.infer<typeof webhookCreated>>();

  async function create(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      setCreated(await api.post<z.infer<typeof webhookCreated>>(`/clinics/${clinic.slug}/webhooks`, { url, events }));
      setUrl('');
      setEvents([]);
      hooks.reload();
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="webhooks-heading" className="panel">
      <h2 id="webhooks-heading" className="flex items-center gap-2 text-xl"><Webhook aria-hidden="true" className="size-5 text-jade-700" />Webhooks</h2>
      <p className="muted mt-1">Yintang sends each event you choose to your address, signed the Standard Webhooks way, and tries again for a day if it cannot get through. Events carry ids, times and the service’s name: never health questions, screening results, notes or outcomes.</p>
      {created && (
        <SecretOnce title="Endpoint added" secret={created.secret}>
          <p>This is the signing secret for {created.url}. Copy it now: it is not shown again.</p>
        </SecretOnce>
      )}
      {hooks.error !== undefined && <Alert tone="error" className="mt-4">{errorMessage(hooks.error)}</Alert>}
      {!hooks.data && hooks.loading && <Loading label="Loading webhooks…" />}
      {hooks.data && hooks.data.endpoints.length === 0 && (
        <div className="mt-6"><EmptyState icon={Webhook} title="No endpoints yet"><p>Add an address below to start receiving events.</p></EmptyState></div>
      )}
      {hooks.data?.endpoints.map((endpoint) => <Endpoint key={endpoint.id} clinic={clinic} endpoint={endpoint} timeZone={timeZone} onChange={hooks.reload} />)}
      {/* The endpoints first: the owner comes back to check deliveries more often than to add one. */}
      <h3 id="add-endpoint-heading" className="mt-8 text-lg font-semibold">Add an endpoint</h3>
      <form onSubmit={create} className="mt-3 grid gap-4" noValidate aria-labelledby="add-endpoint-heading">
        <TextField label="Address (https)" type="url" inputMode="url" placeholder="https://example.com/yintang-events" value={url} onChange={(e) => setUrl(e.target.value)} error={fieldError(error, 'url')} />
        <fieldset>
          <legend className="label">Events to send</legend>
          {fieldError(error, 'events') && <p className="field-error mt-1">{fieldError(error, 'events')}</p>}
          <div className="mt-2 grid gap-3">
            {hooks.data?.events.map((e) => (
              <div key={e.type} className="rounded-lg border border-line p-3">
                <CheckboxField label={<><code>{e.type}</code> — {e.label}</>} checked={events.includes(e.type)}
                  onChange={(ev) => setEvents(ev.target.checked ? [...events, e.type] : events.filter((x) => x !== e.type))} />
                <details className="mt-2">
                  <summary className="cursor-pointer text-jade-700">Example payload of {e.type}</summary>
                  <pre className="mt-2 overflow-x-auto rounded-md bg-jade-50 p-3 text-sm">{JSON.stringify(e.example, null, 2)}</pre>
                </details>
              </div>
            ))}
          </div>
        </fieldset>
        {error !== undefined && !fieldError(error, 'url') && !fieldError(error, 'events') && <Alert tone="error">{errorMessage(error)}</Alert>}
        <div><Button type="submit" pending={pending}>Add endpoint</Button></div>
      </form>
    </section>
  );
}

function Endpoint({ clinic, endpoint, timeZone, onChange }: { clinic: ClinicContext; endpoint: HookList['endpoints'][number]; timeZone?: string; onChange: () => void }) {
  const base = `/clinics/${clinic.slug}/webhooks/${endpoint.id}`;
  const deliveries = useApi<Deliveries>(`${base}/deliveries`);
  const [error, setError] = useState<unknown>();
  const [removing, setRemoving] = useState(false);
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      onChange();
      deliveries.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <article className="mt-6 rounded-xl border border-line p-4" aria-labelledby={`endpoint-${endpoint.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`endpoint-${endpoint.id}`} className="text-lg break-all">{endpoint.url}</h3>
        <span className={`badge ${endpoint.status === 'paused' ? 'badge-clay' : ''}`}>
          {endpoint.status === 'active' ? 'Active' : endpoint.pausedReason === 'failing' ? 'Paused after a day of failures' : 'Paused'}
        </span>
      </div>
      <p className="muted mt-1">Events: {endpoint.events.join(', ')}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => deliveries.reload()}>Refresh deliveries</Button>
        <Button variant="secondary" onClick={() => void act(() => api.patch(base, { paused: endpoint.status === 'active' }))}>{endpoint.status === 'active' ? 'Pause' : 'Resume'}</Button>
        <Button variant="danger" onClick={() => setRemoving(true)}>Remove</Button>
      </div>
      {error !== undefined && <Alert tone="error" className="mt-3">{errorMessage(error)}</Alert>}
      <h4 className="mt-4 font-semibold">Latest deliveries</h4>
      {deliveries.data && deliveries.data.deliveries.length === 0 && <p className="muted">None yet: events appear here as they happen.</p>}
      {deliveries.data && deliveries.data.deliveries.length > 0 && (
        <div className="relative mt-2 overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">Deliveries to {endpoint.url}</caption>
            <thead><tr><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {deliveries.data.deliveries.map((d) => (
                <tr key={d.id} className="border-t border-line align-top">
                  <td className="py-2 pr-3"><code>{d.type}</code><br /><span className="muted">{formatDateTime(d.createdAt, timeZone)}</span></td>
                  <td className="py-2 pr-3">{STATUS_LABEL[d.status]}</td>
                  <td className="py-2 pr-3">
                    <ul>
                      {d.attempts.map((a) => (
                        <li key={a.attemptedAt}>{formatDateTime(a.attemptedAt, timeZone)}: {a.responseStatus ? `answered ${a.responseStatus}` : a.error ?? 'no answer'}</li>
                      ))}
                      {d.attempts.length === 0 && <li className="muted">Not tried yet</li>}
                    </ul>
                  </td>
                  <td className="py-2"><Button variant="secondary" onClick={() => void act(() => api.post(`${base}/deliveries/${d.id}/replay`))} aria-label={`Send ${d.type} again`}>Send again</Button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmRemoveDialog
        open={removing}
        title="Remove this endpoint?"
        description={`Events stop going to ${endpoint.url}, and its signing secret and delivery history are deleted. You can add the address again; it gets a new secret.`}
        confirmLabel="Remove endpoint"
        deletePath={base}
        onClose={() => setRemoving(false)}
        onRemoved={() => { setRemoving(false); onChange(); }}
      />
    </article>
  );
}
