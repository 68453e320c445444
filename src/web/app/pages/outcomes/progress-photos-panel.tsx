import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Camera, Columns2, ImageUp, ShieldCheck, Trash2 } from 'lucide-react';
import {
  defaultComparison, FRAMING_GUIDE, orderPair, PHOTO_VIEWS, PROGRESS_PHOTO_MAX_BYTES, PROGRESS_PHOTO_MAX_LABEL, VIEW_LABELS,
} from '../../../../domain/photos/progress-photos.ts';
import { PHOTO_ACCEPT } from '../../../../domain/photos/photo-files.ts';
import type { ProgressPhoto, ProgressPhotoList } from '../../../../features/progress-photos/progress-photos.schema.ts';
import { useApi } from '../../../lib/use-api.ts';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { formatPlainDay, todayIn } from '../../../lib/clinic-time.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { CheckboxField, SelectField, TextField } from '../../../components/field.tsx';
import { Loading } from '../../../components/loading.tsx';
import { DateField } from '../../../components/date-field.tsx';

type Notice = { tone: 'success' | 'error'; text: string };

/**
 * Progress photos, for the client (their progress page) and their care team (the client
 * record, a session note): the photo consent, adding a photo with the framing guide, two
 * photos side by side, every photo, and withdrawing consent. The images are fetched from
 * authorised addresses that are never cached.
 */
export function ProgressPhotosPanel({ clinic, clientId, bookingId }: { clinic: ClinicContext; clientId: string; bookingId?: string }) {
  const allowed = clinic.role !== 'reception';
  const list = useApi<ProgressPhotoList>(allowed ? `/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/progress-photos` : null);
  const [notice, setNotice] = useState<Notice>();
  if (!allowed) return null;
  // A practitioner who does not treat this client is answered 404: show nothing.
  if (list.error instanceof ApiError && list.error.status === 404) return null;
  const self = clinic.role === 'client';
  const data = list.data;
  const changed = (n: Notice) => { setNotice(n); list.reload(); };

  return (
    <section className="panel flex flex-col gap-5" aria-labelledby="photos-heading">
      <div>
        <h2 id="photos-heading" className="flex items-center gap-2 text-xl"><Camera aria-hidden="true" className="size-5 text-jade-700" />Progress photos</h2>
        <p className="muted mt-1">
          {self ? 'Photos of you at the start and later in your course, to compare. Only you and the practitioners who treat you can see them.'
            : 'Photos at the start and later in the course, with the client’s photo consent. Only the client and their care team can see them.'}
        </p>
      </div>
      <div aria-live="polite" className="empty:hidden">{notice && <Alert tone={notice.tone}>{notice.text}</Alert>}</div>
      {list.error !== undefined && <Alert tone="error">{errorMessage(list.error)}</Alert>}
      {!data && list.loading && <Loading label="Loading photos…" />}
      {data && (
        <>
          {data.consent.status !== 'signed' && (self
            ? <GiveConsent clinic={clinic} data={data} onSigned={() => changed({ tone: 'success', text: 'Thank you. You can now add progress photos, and withdraw this consent at any time.' })} />
            : <Alert tone="info" title="No photo consent">
                {data.consent.status === 'sign_again' ? `The clinic updated the photo consent form; ${data.clientName} needs to agree to the new version before more photos are added.`
                  : `${data.clientName} has not agreed to progress photos, so none can be added. They can agree on their My progress page.`}
              </Alert>)}
          {data.photos.length >= 2 && <SideBySide photos={data.photos} />}
          {data.consent.status === 'signed' && <AddPhoto clinic={clinic} clientId={clientId} bookingId={bookingId} timeZone={data.timeZone} self={self} onAdded={(p) => changed({ tone: 'success', text: `Photo added: ${p.label}, ${formatPlainDay(p.takenOn)}.` })} />}
          {data.photos.length > 0 && <AllPhotos clinic={clinic} clientId={clientId} photos={data.photos} onDeleted={(p) => changed({ tone: 'success', text: `Photo deleted: ${p.label}, ${formatPlainDay(p.takenOn)}.` })} />}
          {(data.consent.status !== 'missing' || data.photos.length > 0) && (
            <Withdraw clinic={clinic} clientId={clientId} self={self} name={data.clientName} count={data.photos.length}
              onWithdrawn={(message) => changed({ tone: 'success', text: message })} />
          )}
        </>
      )}
    </section>
  );
}

/** The client reads the photo consent and agrees by typing their name. */
function GiveConsent({ clinic, data, onSigned }: { clinic: ClinicContext; data: ProgressPhotoList; onSigned: () => void }) {
  const [typedName, setTypedName] = useState('');
  const [agree, setAgree] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = data.consent.current;
  const sign = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!typedName.trim()) found.typedName = 'Type your full name';
    if (!agree) found.agree = 'Tick “I agree” to give your consent';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/me/consents`, { kind: 'photos', version: form.version, textHash: form.textHash, typedName: typedName.trim(), agree: true });
      onSigned();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void sign(e)} noValidate className="flex flex-col gap-4 rounded-lg border border-jade-200 bg-jade-50 p-4" aria-labelledby="photo-consent-heading">
      <h3 id="photo-consent-heading" className="flex items-center gap-2 text-lg font-semibold"><ShieldCheck aria-hidden="true" className="size-5 text-jade-700" />{form.title}</h3>
      {data.consent.status === 'sign_again' && <Alert tone="caution">The clinic has updated this form. Please read it and agree again before adding more photos.</Alert>}
      {/* Rendered and sanitised by the server from the clinic's Markdown. */}
      <div className="prose prose-compact" dangerouslySetInnerHTML={{ __html: form.html }} />
      {error && <Alert tone="error">{error}</Alert>}
      <TextField label="Your full name" autoComplete="name" value={typedName} maxLength={120} error={errors.typedName} onChange={(e) => setTypedName(e.target.value)} hint="Typing your name is your signature." />
      <CheckboxField label="I agree to progress photos, as described above" checked={agree} error={errors.agree} onChange={(e) => setAgree(e.target.checked)} />
      <Button type="submit" pending={busy} className="self-start">Agree to progress photos</Button>
    </form>
  );
}

const fileProblem = (file: File) =>
  file.size > PROGRESS_PHOTO_MAX_BYTES ? `This photo is ${(file.size / (1024 * 1024)).toFixed(1)} MB. Please choose one of up to ${PROGRESS_PHOTO_MAX_LABEL}.` : undefined;

/** Adding a photo: the file, baseline or session N, the view, the day; with the framing guide. */
function AddPhoto({ clinic, clientId, bookingId, timeZone, self, onAdded }: {
  clinic: ClinicContext; clientId: string; bookingId?: string; timeZone: string; self: boolean; onAdded: (p: ProgressPhoto) => void;
}) {
  const [file, setFile] = useState<File>();
  const [stage, setStage] = useState<'baseline' | 'session'>(bookingId ? 'session' : 'baseline');
  const [sessionNumber, setSessionNumber] = useState('');
  const [view, setView] = useState<(typeof PHOTO_VIEWS)[number]>('front');
  const [takenOn, setTakenOn] = useState(() => todayIn(timeZone));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!file) found.photo = 'Choose a photo first';
    else if (fileProblem(file)) found.photo = fileProblem(file)!;
    if (stage === 'session' && !bookingId && !/^\d{1,3}$/.test(sessionNumber.trim())) found.sessionNumber = 'Enter the session number';
    setErrors(found);
    if (Object.keys(found).length) {
      if (found.photo) input.current?.focus();
      return;
    }
    setPending(true);
    try {
      const form = new FormData();
      form.append('stage', stage);
      form.append('view', view);
      if (stage === 'session' && sessionNumber.trim()) form.append('sessionNumber', sessionNumber.trim());
      if (bookingId) form.append('bookingId', bookingId);
      else form.append('takenOn', takenOn);
      form.append('photo', file!);
      const photo = await api.postForm<ProgressPhoto>(`/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/progress-photos`, form);
      setFile(undefined);
      if (input.current) input.current.value = '';
      onAdded(photo);
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors : {};
      setErrors(Object.keys(fields).length ? fields : { photo: errorMessage(e) });
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="flex flex-col gap-4 rounded-lg border border-line p-4" aria-labelledby="add-photo-heading">
      <h3 id="add-photo-heading" className="text-lg font-semibold">Add a photo</h3>
      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="flex flex-col gap-4">
          <TextField ref={input} type="file" accept={PHOTO_ACCEPT} label="Photo" error={errors.photo}
            hint={`JPEG, PNG or WebP, up to ${PROGRESS_PHOTO_MAX_LABEL}. We turn it upright, make a smaller copy and remove the camera details and location saved in it.`}
            inputClassName="cursor-pointer file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-line-strong/50 file:bg-sand file:px-3 file:py-1.5 file:font-medium file:text-ink"
            onChange={(e) => { const chosen = e.target.files?.[0]; setFile(chosen); setErrors(({ photo: _, ...rest }) => (chosen && fileProblem(chosen) ? { ...rest, photo: fileProblem(chosen)! } : rest)); }} />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField label="When" value={stage} onChange={(e) => setStage(e.target.value as 'baseline' | 'session')} error={errors.stage}>
              <option value="baseline">Baseline (before the course)</option>
              <option value="session">A session</option>
            </SelectField>
            {stage === 'session' && (
              <TextField label="Session number" inputMode="numeric" value={sessionNumber} onChange={(e) => setSessionNumber(e.target.value)} error={errors.sessionNumber}
                hint={bookingId ? 'Leave empty to use this session’s number in the course.' : 'For example 10 for the tenth session.'} />
            )}
            <SelectField label="View" value={view} onChange={(e) => setView(e.target.value as (typeof PHOTO_VIEWS)[number])} error={errors.view}>
              {PHOTO_VIEWS.map((v) => <option key={v} value={v}>{VIEW_LABELS[v]}</option>)}
            </SelectField>
            {!bookingId && <DateField label="Day taken" value={takenOn} max={todayIn(timeZone)} onValueChange={setTakenOn} error={errors.takenOn} />}
          </div>
        </div>
        <div className="rounded-lg bg-sand p-4 text-sm">
          <p className="font-semibold">The same framing each time</p>
          <ul className="mt-2 list-disc pl-5">{FRAMING_GUIDE.map((line) => <li key={line}>{line}</li>)}</ul>
        </div>
      </div>
      <Button type="submit" pending={pending} className="self-start"><ImageUp aria-hidden="true" className="size-5" />{self ? 'Add my photo' : 'Add photo'}</Button>
    </form>
  );
}

const caption = (p: ProgressPhoto) => `${p.label}, ${formatPlainDay(p.takenOn)}`;
const optionLabel = (p: ProgressPhoto) => `${formatPlainDay(p.takenOn)}: ${p.label}`;

/** Two photos next to each other, the earlier on the left, with their dates; on a phone too. */
function SideBySide({ photos }: { photos: ProgressPhoto[] }) {
  const initial = useMemo(() => defaultComparison(photos), [photos]);
  const [leftId, setLeftId] = useState(initial?.[0].id ?? '');
  const [rightId, setRightId] = useState(initial?.[1].id ?? '');
  const a = photos.find((p) => p.id === leftId) ?? initial?.[0];
  const b = photos.find((p) => p.id === rightId) ?? initial?.[1];
  if (!a || !b) return null;
  const [before, after] = orderPair(a, b);
  return (
    <section aria-labelledby="compare-heading" className="flex flex-col gap-4">
      <h3 id="compare-heading" className="flex items-center gap-2 text-lg font-semibold"><Columns2 aria-hidden="true" className="size-5 text-jade-700" />Side by side</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="First photo" value={a.id} onChange={(e) => setLeftId(e.target.value)}>
          {photos.map((p) => <option key={p.id} value={p.id}>{optionLabel(p)}</option>)}
        </SelectField>
        <SelectField label="Second photo" value={b.id} onChange={(e) => setRightId(e.target.value)}>
          {photos.map((p) => <option key={p.id} value={p.id}>{optionLabel(p)}</option>)}
        </SelectField>
      </div>
      <div className="grid grid-cols-2 gap-2 sm:gap-4" data-testid="side-by-side">
        {[before, after].map((p, i) => (
          <figure key={`${i}-${p.id}`} className="flex min-w-0 flex-col gap-2">
            <div className="flex aspect-[3/4] items-center justify-center overflow-hidden rounded-lg bg-sand ring-1 ring-line">
              <img src={p.imageUrl} alt={`Progress photo: ${caption(p)}`} width={p.width} height={p.height} className="h-full w-full object-contain" />
            </div>
            <figcaption className="text-sm"><span className="font-semibold">{p.label}</span><br /><span className="muted">{formatPlainDay(p.takenOn)}</span></figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}

/** Every photo, oldest first, each with a way to delete it at once. */
function AllPhotos({ clinic, clientId, photos, onDeleted }: { clinic: ClinicContext; clientId: string; photos: ProgressPhoto[]; onDeleted: (p: ProgressPhoto) => void }) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const remove = async (p: ProgressPhoto) => {
    setBusy(p.id);
    setError(undefined);
    try {
      await api.delete(`/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/progress-photos/${p.id}`);
      onDeleted(p);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section aria-labelledby="all-photos-heading" className="flex flex-col gap-3">
      <h3 id="all-photos-heading" className="text-lg font-semibold">All photos ({photos.length})</h3>
      {error && <Alert tone="error">{error}</Alert>}
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
        {photos.map((p) => (
          <li key={p.id} className="flex flex-col gap-2 rounded-lg p-2 ring-1 ring-line">
            <img src={p.thumbnailUrl} alt={`Progress photo: ${caption(p)}`} className="aspect-[3/4] w-full rounded-md bg-sand object-contain" />
            <p className="text-sm"><span className="font-medium">{p.label}</span><br /><span className="muted">{formatPlainDay(p.takenOn)}</span></p>
            <Button variant="ghost" className="self-start" pending={busy === p.id} onClick={() => void remove(p)} aria-label={`Delete photo: ${caption(p)}`}>
              <Trash2 aria-hidden="true" className="size-4" />Delete
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Withdrawing photo consent, after a plain confirmation of what it does. */
function Withdraw({ clinic, clientId, self, name, count, onWithdrawn }: {
  clinic: ClinicContext; clientId: string; self: boolean; name: string; count: number; onWithdrawn: (message: string) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const photos = count === 1 ? '1 photo' : `all ${count} photos`;
  const withdraw = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await api.post<{ message: string }>(`/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/photo-consent/withdraw`);
      setAsking(false);
      onWithdrawn(res.message);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="border-t border-line pt-4">
      {!asking ? (
        <Button variant="secondary" onClick={() => setAsking(true)}>{self ? 'Withdraw my photo consent' : `Record that ${name} withdrew photo consent`}</Button>
      ) : (
        <div role="group" aria-labelledby="withdraw-heading" className="flex flex-col gap-3 rounded-lg border border-line bg-clay-50 p-4">
          <h3 id="withdraw-heading" className="text-lg font-semibold">{self ? 'Withdraw your photo consent?' : `Withdraw ${name}’s photo consent?`}</h3>
          <p>{count ? `This deletes ${photos} straight away; they cannot be brought back.` : 'There are no photos to delete.'} No new photos can be added unless {self ? 'you agree' : 'they agree'} again. {self ? 'We will e-mail you a note of this.' : 'They will be told by e-mail.'}</p>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex flex-wrap gap-3">
            <Button variant="danger" pending={busy} onClick={() => void withdraw()}>Withdraw and delete the photos</Button>
            <Button variant="ghost" onClick={() => setAsking(false)} disabled={busy}>Keep them</Button>
          </div>
        </div>
      )}
    </div>
  );
}
