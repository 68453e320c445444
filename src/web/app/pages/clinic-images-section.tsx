import { useRef, useState, type FormEvent } from 'react';
import { ImageUp, Save, Trash2 } from 'lucide-react';
import type { ClinicImagesView, ClinicImageView } from '../../../features/clinics/clinic-images.schema.ts';
import { ALT_MAX } from '../../../features/clinics/clinic-images.schema.ts';
import { PHOTO_ACCEPT, PHOTO_MAX_LABEL, PHOTO_MIN_SIDE } from '../../../domain/photos/photo-files.ts';
import { api, ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import type { ClinicContext } from '../session.tsx';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { ConfirmRemoveDialog, photoFileProblem } from './staff-profile-page.tsx';

type Kind = 'photo' | 'logo';

const WORDS: Record<Kind, { heading: string; intro: string; fileHint: string; altLabel: string; altHint: string; noun: string }> = {
  photo: {
    heading: 'Clinic photo',
    intro: 'A photo of your clinic, such as your entrance or treatment room, shown on your clinic page, in the directory and when search engines show your clinic.',
    fileHint: `JPEG, PNG or WebP, up to ${PHOTO_MAX_LABEL} and at least ${PHOTO_MIN_SIDE} pixels wide and high. We crop it to 4:3 and remove the camera details and location saved in it.`,
    altLabel: 'What the photo shows',
    altHint: 'For people who cannot see it, e.g. “The calm treatment room with a couch by the window”.',
    noun: 'photo',
  },
  logo: {
    heading: 'Logo (optional)',
    intro: 'Your logo, shown on your clinic page and to search engines. It is never cropped: we fit it into a white square.',
    fileHint: `JPEG, PNG or WebP, up to ${PHOTO_MAX_LABEL} and at least ${PHOTO_MIN_SIDE} pixels wide and high.`,
    altLabel: 'Text of the logo (optional)',
    altHint: 'For people who cannot see it: the words in your logo. Left empty, it is read out as your clinic’s name and “logo”.',
    noun: 'logo',
  },
};

/** Upload, describe, replace or remove the clinic's photo and logo (owner). */
export function ClinicImagesSection({ clinic }: { clinic: ClinicContext }) {
  const images = useApi<ClinicImagesView>(`/clinics/${clinic.slug}/images`);
  return (
    <section aria-labelledby="clinic-images-heading" className="panel">
      <h2 id="clinic-images-heading" className="text-xl">Photo and logo</h2>
      {images.error !== undefined && <Alert tone="error" className="mt-4">{errorMessage(images.error)}</Alert>}
      {!images.data && images.loading && <Loading label="Loading photo and logo…" />}
      {images.data && (
        <div className="mt-4 flex flex-col gap-8">
          <ImageForm clinic={clinic} kind="photo" image={images.data.photo} onChanged={images.reload} />
          <ImageForm clinic={clinic} kind="logo" image={images.data.logo} onChanged={images.reload} />
        </div>
      )}
    </section>
  );
}

function ImageForm({ clinic, kind, image, onChanged }: { clinic: ClinicContext; kind: Kind; image: ClinicImageView | null; onChanged: () => void }) {
  const words = WORDS[kind];
  const path = `/clinics/${clinic.slug}/images/${kind}`;
  const [file, setFile] = useState<File>();
  const [alt, setAlt] = useState(image?.alt ?? '');
  const [fileError, setFileError] = useState<string>();
  const [altError, setAltError] = useState<string>();
  const [announcement, setAnnouncement] = useState<{ tone: 'success' | 'info' | 'error'; text: string }>();
  const [pending, setPending] = useState(false);
  const [removing, setRemoving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const altChanged = image !== null && alt.trim() !== image.alt;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setAnnouncement(undefined);
    const fileProblem = file ? photoFileProblem(file) : (!image ? `Choose a ${words.noun} first.` : undefined);
    const altProblem = kind === 'photo' && !alt.trim() ? 'Describe the photo in a few words' : undefined;
    setFileError(fileProblem);
    setAltError(altProblem);
    if (fileProblem || altProblem) return;
    // Saving the same words again would change nothing: say so, rather than nothing at all.
    if (!file && !altChanged) {
      setAnnouncement({ tone: 'info', text: 'Nothing to save: the description is the same as the one already saved.' });
      return;
    }
    setPending(true);
    try {
      if (file) {
        const form = new FormData();
        form.append('alt', alt.trim());
        form.append('photo', file);
        await api.putForm<ClinicImageView>(path, form);
      } else {
        await api.patch<ClinicImageView>(path, { alt: alt.trim() });
      }
      setFile(undefined);
      if (input.current) input.current.value = '';
      const what = kind === 'photo' ? 'Photo' : 'Logo';
      setAnnouncement({ tone: 'success', text: `${file ? (image ? `${what} replaced` : `${what} saved`) : 'Description saved'}. Your clinic page may take a few minutes to show it.` });
      onChanged();
    } catch (error) {
      const fieldErrors = error instanceof ApiError ? (error.problem as { errors?: { field: string; message: string }[] }).errors : undefined;
      const altField = fieldErrors?.find((e) => e.field === 'alt');
      if (altField) setAltError(altField.message);
      else setFileError(errorMessage(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <div>
      <h3 className="text-lg font-semibold">{words.heading}</h3>
      <p className="muted mt-1">{words.intro}</p>
      <div aria-live="polite" className="empty:hidden">
        {announcement && <Alert tone={announcement.tone} className="mt-4">{announcement.text}</Alert>}
      </div>
      <div className="mt-4 flex flex-col gap-6 sm:flex-row sm:items-start">
        {image && (
          <img src={image.url} alt={`Current ${words.noun}: ${image.alt}`} width={kind === 'photo' ? 192 : 128} height={128}
            className={`${kind === 'photo' ? 'w-48' : 'w-32'} h-32 shrink-0 rounded-lg bg-white object-cover ring-1 ring-line`} />
        )}
        <form onSubmit={(e) => void save(e)} noValidate className="flex min-w-0 flex-1 flex-col gap-4">
          <TextField
            ref={input}
            type="file"
            accept={PHOTO_ACCEPT}
            label={image ? `Choose a new ${words.noun}` : `Choose a ${words.noun}`}
            hint={words.fileHint}
            error={fileError}
            inputClassName="cursor-pointer file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-line-strong/50 file:bg-sand file:px-3 file:py-1.5 file:font-medium file:text-ink"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              setFile(chosen);
              setFileError(chosen ? photoFileProblem(chosen) : undefined);
            }}
          />
          <TextField label={words.altLabel} hint={words.altHint} error={altError} maxLength={ALT_MAX} value={alt} onChange={(e) => setAlt(e.target.value)} />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" pending={pending}>
              {file || !image ? <ImageUp aria-hidden="true" className="size-5" /> : <Save aria-hidden="true" className="size-5" />}
              {file || !image ? (image ? `Replace ${words.noun}` : `Upload ${words.noun}`) : 'Save description'}
            </Button>
            {image && (
              <Button variant="secondary" onClick={() => setRemoving(true)} disabled={pending}><Trash2 aria-hidden="true" className="size-5" />Remove {words.noun}</Button>
            )}
          </div>
        </form>
      </div>
      <ConfirmRemoveDialog
        open={removing}
        title={`Remove the clinic’s ${words.noun}?`}
        description={kind === 'photo' ? 'Your clinic page will show its garden drawing instead. You can upload a photo again at any time.' : 'You can upload a logo again at any time.'}
        confirmLabel={`Remove ${words.noun}`}
        deletePath={path}
        onClose={() => setRemoving(false)}
        onRemoved={() => {
          setRemoving(false);
          setAlt('');
          setAnnouncement({ tone: 'success', text: `${kind === 'photo' ? 'Photo' : 'Logo'} removed.` });
          onChanged();
        }}
      />
    </div>
  );
}
