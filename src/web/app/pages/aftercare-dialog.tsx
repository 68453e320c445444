import { useEffect, useState } from 'react';
import { RotateCcw, Save } from 'lucide-react';
import type { ServiceAftercare } from '../../../features/aftercare/aftercare.schema.ts';
import { api, ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import type { ClinicContext } from '../session.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { Dialog } from './booking/dialog.tsx';

/** The owner writes a service's aftercare advice, e-mailed to clients after each visit and kept in their portal. */
export function AftercareDialog({ clinic, service, onClose, onSaved }: {
  clinic: ClinicContext;
  service: { id: string; name: string } | undefined;
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const path = service ? `/clinics/${clinic.slug}/settings/services/${service.id}/aftercare` : null;
  const current = useApi<ServiceAftercare>(path);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (current.data) setBody(current.data.body);
  }, [current.data]);
  useEffect(() => {
    setError(undefined);
    setFieldError(undefined);
  }, [service]);

  async function save(text: string, done: string) {
    if (!path) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.put(path, { body: text });
      onSaved(done);
    } catch (e) {
      if (e instanceof ApiError) setFieldError(e.fieldErrors.body);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={service !== undefined} onClose={onClose} wide title={`Aftercare: ${service?.name ?? ''}`}
      description="E-mailed to the client once after each visit, and kept in their portal. Advice about the treatment only: never anything about one client’s health.">
      {!current.data && current.loading && <Loading label="Loading the advice…" />}
      {current.error !== undefined && <Alert tone="error">{errorMessage(current.error)}</Alert>}
      {current.data && (
        <form className="flex flex-col gap-4" noValidate onSubmit={(e) => { e.preventDefault(); void save(body, `Aftercare advice for ${service?.name} saved.`); }}>
          {current.data.isDefault && <p className="muted">{current.data.body ? 'This service uses Yintang’s default advice for its kind. Edit it to make it your own.' : 'No advice yet: nothing is e-mailed after this service.'}</p>}
          {error && <Alert tone="error">{error}</Alert>}
          <TextAreaField label="Advice (Markdown)" rows={14} value={body} error={fieldError} maxLength={10000} onChange={(e) => setBody(e.target.value)}
            hint="## for a heading, **bold**, - for a list. Say what to expect, what is normal, and when to call." />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" pending={busy}><Save aria-hidden="true" className="size-5" />Save advice</Button>
            {!current.data.isDefault && (
              <Button variant="ghost" pending={busy} onClick={() => void save('', `${service?.name} uses the default advice again.`)}>
                <RotateCcw aria-hidden="true" className="size-5" />Use the default advice
              </Button>
            )}
          </div>
        </form>
      )}
    </Dialog>
  );
}
