import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft, BadgeCheck, GraduationCap, ImageUp, Plus, Save, Trash2 } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import type { memberList } from '../../../features/clinics/clinics.schema.ts';
import { newQualificationBody, profileBody, type profile, type Qualification } from '../../../features/clinics/qualifications.schema.ts';
import type { PhotoView } from '../../../features/clinics/practitioner-photos.schema.ts';
import { PHOTO_ACCEPT, PHOTO_MAX_BYTES, PHOTO_MAX_LABEL, PHOTO_MIN_SIDE } from '../../../domain/photos/photo-files.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { useSession, type ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Loading } from '../../components/loading.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { Dialog } from './booking/dialog.tsx';
import { initials } from './clients-page.tsx';
import { BusyCalendarsSection } from './busy-calendars-section.tsx';

type Member = z.infer<typeof memberList>['items'][number];
type StaffProfile = z.infer<typeof profile>;

/** An emptied number box means "not given" (or, for experience, "clear it"). */
const blankTo = (empty: null | undefined) => (value: unknown) => (typeof value === 'string' && value.trim() === '' ? empty : value);

const WHOLE_YEARS = 'Enter a whole number of years, such as 7, or leave it empty';
const YEAR_DIGITS = 'Enter the year as four digits, such as 2015, or leave it empty';

/**
 * The server's profile rules. The years box is text: an empty one clears the number, and
 * the limits (0 to 70, as on the server) get messages in plain words.
 */
const profileForm = profileBody.extend({
  yearsExperience: z.preprocess(blankTo(null), z.coerce.number({ error: WHOLE_YEARS }).int(WHOLE_YEARS).min(0, WHOLE_YEARS).max(70, 'Enter 70 years or fewer').nullable().optional()),
});
type ProfileFormInput = z.input<typeof profileForm>;
type ProfileFormOutput = z.output<typeof profileForm>;

/** The server's rules for a new qualification; an empty year box means no year (limits as on the server). */
const qualificationForm = newQualificationBody.extend({
  year: z.preprocess(blankTo(undefined), z.coerce.number({ error: YEAR_DIGITS }).int(YEAR_DIGITS).min(1950, 'Enter a year from 1950').max(new Date().getUTCFullYear(), 'The year cannot be in the future').optional()),
});
type QualificationFormInput = z.input<typeof qualificationForm>;
type QualificationFormOutput = z.output<typeof qualificationForm>;

const KIND_LABEL: Record<Qualification['kind'], string> = { qualification: 'Qualification', membership: 'Professional membership' };

/** The owner's view of one team member's profile and qualifications (/app/staff/:userId). */
export function StaffProfilePage() {
  return <RoleGate roles={['owner']}>{(clinic) => <StaffMemberProfile clinic={clinic} />}</RoleGate>;
}

function StaffMemberProfile({ clinic }: { clinic: ClinicContext }) {
  const { userId = '' } = useParams();
  const { session } = useSession();
  const members = useApi<{ items: Member[] }>(`/clinics/${clinic.slug}/members`);
  const member = members.data?.items.find((m) => m.userId === userId);
  const isMe = session?.user?.id === userId;
  const name = member?.name ?? 'Team member';
  usePageTitle(member ? `${member.name}: profile and qualifications` : 'Profile and qualifications');

  return (
    <>
      <p className="mb-4">
        <Link to="/app/staff" className="inline-flex items-center gap-1.5"><ArrowLeft aria-hidden="true" className="size-4" />All staff</Link>
      </p>
      <PageHeader
        eyebrow="Profile and qualifications"
        title={member ? `${member.name}${isMe ? ' (you)' : ''}` : members.data ? 'Team member not found' : 'Profile and qualifications'}
        description={<p>What clients see on the clinic’s website: a short profile, and qualifications and memberships with whether the clinic has checked them.</p>}
      />
      {members.error !== undefined && <Alert tone="error">{errorMessage(members.error)}</Alert>}
      {!members.data && members.loading && <Loading />}
      {members.data && !member && (
        <Alert tone="info">This person is not part of {clinic.name} any more. Please go back to the staff list.</Alert>
      )}
      {member && <ProfileAndQualifications clinic={clinic} userId={userId} name={name} canVerify />}
    </>
  );
}

/** A practitioner's own profile and qualifications (/app/my-profile). */
export function MyProfilePage() {
  usePageTitle('My profile');
  return <RoleGate roles={['practitioner', 'owner']}>{(clinic) => <MyProfile clinic={clinic} />}</RoleGate>;
}

function MyProfile({ clinic }: { clinic: ClinicContext }) {
  const { session } = useSession();
  const user = session?.user;
  return (
    <>
      <PageHeader
        eyebrow={clinic.name}
        title="My profile"
        description={<p>What clients see about you on the clinic’s website. The clinic owner checks each qualification before it shows as verified.</p>}
      />
      {user && <ProfileAndQualifications clinic={clinic} userId={user.id} name={user.name} canVerify={clinic.role === 'owner'} self />}
    </>
  );
}

function ProfileAndQualifications({ clinic, userId, name, canVerify, self = false }: { clinic: ClinicContext; userId: string; name: string; canVerify: boolean; self?: boolean }) {
  const base = `/clinics/${clinic.slug}/members/${encodeURIComponent(userId)}`;
  return (
    <div className="flex flex-col gap-10">
      <ProfileSection base={base} name={name} self={self} />
      <QualificationsSection base={base} name={name} canVerify={canVerify} self={self} />
      <BusyCalendarsSection base={base} name={name} self={self} />
    </div>
  );
}

function ProfileSection({ base, name, self }: { base: string; name: string; self: boolean }) {
  const profile = useApi<StaffProfile>(`${base}/profile`);
  return (
    <>
      {profile.data && <PhotoSection base={base} name={name} self={self} photo={profile.data.photo} onChanged={profile.reload} />}
      <section aria-labelledby="profile-heading" className="panel">
        <h2 id="profile-heading" className="text-xl">Profile</h2>
        <p className="muted mt-1">{self ? 'Your' : `${name}’s`} job title, experience and a few words about {self ? 'you' : 'them'}, shown on the practitioner page.</p>
        {profile.error !== undefined && <Alert tone="error" className="mt-5">{errorMessage(profile.error)}</Alert>}
        {!profile.data && profile.loading && <Loading label="Loading profile…" />}
        {profile.data && <ProfileFormView base={base} profile={profile.data} self={self} />}
      </section>
    </>
  );
}

const ACCEPTED_TYPES = PHOTO_ACCEPT.split(',');

/** What is wrong with a chosen file before it is sent, if we can tell; the server checks its content. */
export function photoFileProblem(file: File): string | undefined {
  if (file.type && !ACCEPTED_TYPES.includes(file.type)) return 'Please choose a JPEG, PNG or WebP photo. SVG drawings, HEIC photos and PDFs cannot be used.';
  if (file.size > PHOTO_MAX_BYTES) return `This photo is ${(file.size / (1024 * 1024)).toFixed(1)} MB. Please choose one of up to ${PHOTO_MAX_LABEL}.`;
  return undefined;
}

/** Upload, replace or remove the photo shown on the practitioner page and in the staff list. */
function PhotoSection({ base, name, self, photo, onChanged }: { base: string; name: string; self: boolean; photo: PhotoView | null; onChanged: () => void }) {
  const [file, setFile] = useState<File>();
  const [fieldError, setFieldError] = useState<string>();
  const [announcement, setAnnouncement] = useState<{ tone: 'success' | 'error'; text: string }>();
  const [pending, setPending] = useState(false);
  const [removing, setRemoving] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    setAnnouncement(undefined);
    const problem = file ? photoFileProblem(file) : 'Choose a photo first.';
    setFieldError(problem);
    if (problem || !file) {
      input.current?.focus();
      return;
    }
    setPending(true);
    try {
      const form = new FormData();
      form.append('photo', file);
      await api.putForm<PhotoView>(`${base}/photo`, form);
      setFile(undefined);
      if (input.current) input.current.value = '';
      setAnnouncement({ tone: 'success', text: `${photo ? 'Photo replaced' : 'Photo saved'}. The practitioner page on the website may take a few minutes to show it.` });
      onChanged();
    } catch (error) {
      setFieldError(errorMessage(error));
      input.current?.focus();
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="photo-heading" className="panel">
      <h2 id="photo-heading" className="text-xl">Photo</h2>
      <p className="muted mt-1">
        A recent photo of {self ? 'you' : name} alone, face clearly visible, helps clients know who they will meet. Without one, the website shows {self ? 'your' : 'their'} initials.
      </p>
      <div aria-live="polite" className="empty:hidden">
        {announcement && <Alert tone={announcement.tone} className="mt-5">{announcement.text}</Alert>}
      </div>
      <div className="mt-5 flex flex-col gap-6 sm:flex-row sm:items-start">
        {photo ? (
          <img src={photo.url} alt={`Current photo of ${name}`} width={128} height={128} className="size-32 shrink-0 rounded-full object-cover ring-1 ring-line" />
        ) : (
          <span aria-hidden="true" className="flex size-32 shrink-0 items-center justify-center rounded-full bg-jade-100 text-4xl font-semibold text-jade-800 ring-1 ring-jade-200">
            {initials(name)}
          </span>
        )}
        <form onSubmit={(e) => void upload(e)} noValidate className="flex min-w-0 flex-1 flex-col gap-4">
          <TextField
            ref={input}
            type="file"
            accept={PHOTO_ACCEPT}
            label={photo ? 'Choose a new photo' : 'Choose a photo'}
            hint={`JPEG, PNG or WebP, up to ${PHOTO_MAX_LABEL} and at least ${PHOTO_MIN_SIDE} pixels wide and high. We crop it to a square and remove the camera details and location saved in it.`}
            error={fieldError}
            inputClassName="cursor-pointer file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-line-strong/50 file:bg-sand file:px-3 file:py-1.5 file:font-medium file:text-ink"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              setFile(chosen);
              setFieldError(chosen ? photoFileProblem(chosen) : undefined);
            }}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" pending={pending}><ImageUp aria-hidden="true" className="size-5" />{photo ? 'Replace photo' : 'Upload photo'}</Button>
            {photo && (
              <Button variant="secondary" onClick={() => setRemoving(true)} disabled={pending}><Trash2 aria-hidden="true" className="size-5" />Remove photo</Button>
            )}
          </div>
        </form>
      </div>
      <ConfirmRemoveDialog
        open={removing}
        title={self ? 'Remove your photo?' : `Remove ${name}’s photo?`}
        description={`The website will show ${self ? 'your' : 'their'} initials instead. You can upload a photo again at any time.`}
        confirmLabel="Remove photo"
        deletePath={`${base}/photo`}
        onClose={() => setRemoving(false)}
        onRemoved={() => {
          setRemoving(false);
          setAnnouncement({ tone: 'success', text: `Photo removed. The website shows ${self ? 'your' : 'their'} initials instead.` });
          onChanged();
        }}
      />
    </section>
  );
}

/** Asks before a DELETE, shows its failure in the dialog, and reports success. */
export function ConfirmRemoveDialog({ open, title, description, confirmLabel, deletePath, onClose, onRemoved }: {
  open: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  deletePath: string | undefined;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const close = () => {
    setError(undefined);
    onClose();
  };
  const remove = async () => {
    if (!deletePath) return;
    setPending(true);
    setError(undefined);
    try {
      await api.delete(deletePath);
      onRemoved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Dialog open={open} onClose={close} title={title} description={<p>{description}</p>}>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-3">
        <Button variant="danger" pending={pending} onClick={() => void remove()}><Trash2 aria-hidden="true" className="size-5" />{confirmLabel}</Button>
        <Button variant="secondary" onClick={close}>Keep it</Button>
      </div>
    </Dialog>
  );
}

function ProfileFormView({ base, profile, self }: { base: string; profile: StaffProfile; self: boolean }) {
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const toForm = (p: StaffProfile): ProfileFormInput => ({
    title: p.title ?? '',
    yearsExperience: p.yearsExperience === null ? '' : String(p.yearsExperience),
    bio: p.bio ?? '',
  });
  const { register, handleSubmit, setError, reset, formState: { errors, isSubmitting } } = useForm<ProfileFormInput, unknown, ProfileFormOutput>({
    resolver: zodResolver(profileForm),
    defaultValues: toForm(profile),
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    setSaved(false);
    try {
      // An empty title or bio clears it on the server.
      const next = await api.patch<StaffProfile>(`${base}/profile`, values);
      reset(toForm(next));
      setSaved(true);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['title', 'yearsExperience', 'bio']));
    }
  });

  return (
    <>
      <div aria-live="polite" className="empty:hidden">
        {saved && <Alert tone="success" className="mt-5">Profile saved. The practitioner page on the website may take a few minutes to show the change.</Alert>}
      </div>
      {formError && <Alert tone="error" className="mt-5">{formError}</Alert>}
      <form onSubmit={onSubmit} noValidate className="mt-5 grid gap-5 md:grid-cols-[minmax(0,1fr)_12rem]">
        <TextField label="Job title (optional)" hint="For example Acupuncturist, or Sports massage therapist." error={errors.title?.message} {...register('title')} />
        <TextField label="Years of experience (optional)" inputMode="numeric" error={errors.yearsExperience?.message} {...register('yearsExperience')} />
        <TextAreaField
          className="md:col-span-2"
          label="About (optional)"
          rows={8}
          hint={<>A few short paragraphs in plain words, written for clients{self ? '' : ' in the practitioner’s own voice if they like'}. Leave a blank line between paragraphs; *stars* make italics and **double stars** bold. A line “## Approach” starts a separate section on how {self ? 'you work' : 'they work'}. Up to 5,000 characters.</>}
          error={errors.bio?.message}
          {...register('bio')}
        />
        <div className="md:col-span-2">
          <Button type="submit" pending={isSubmitting}><Save aria-hidden="true" className="size-5" />Save profile</Button>
        </div>
      </form>
    </>
  );
}

function QualificationsSection({ base, name, canVerify, self }: { base: string; name: string; canVerify: boolean; self: boolean }) {
  const list = useApi<{ items: Qualification[] }>(`${base}/qualifications`);
  const [announcement, setAnnouncement] = useState<{ tone: 'success' | 'error'; text: string }>();
  const [removing, setRemoving] = useState<Qualification>();
  const items = list.data?.items ?? [];
  const changed = (text: string, tone: 'success' | 'error' = 'success') => {
    setAnnouncement({ text, tone });
    list.reload();
  };

  return (
    <section aria-labelledby="qualifications-heading">
      <h2 id="qualifications-heading" className="text-2xl">Qualifications and memberships</h2>
      <p className="muted mt-1">
        {canVerify
          ? 'Each one shows on the practitioner page. Mark it verified once you have seen the certificate or checked the professional body’s register.'
          : 'Each one shows on the practitioner page as “Not yet verified” until the clinic owner has seen the certificate or checked the register.'}
      </p>

      <div aria-live="polite" className="empty:hidden">
        {announcement && <Alert tone={announcement.tone} className="mt-5">{announcement.text}</Alert>}
      </div>
      {list.error !== undefined && <Alert tone="error" className="mt-5">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading qualifications…" />}
      {list.data && items.length === 0 && (
        <div className="mt-5">
          <EmptyState icon={GraduationCap} title="No qualifications listed yet">
            <p>Add {self ? 'your' : `${name}’s`} acupuncture qualifications and professional memberships below, so clients can see {self ? 'your' : 'their'} training.</p>
          </EmptyState>
        </div>
      )}
      {items.length > 0 && (
        <ul className="panel mt-5 divide-y divide-line p-0 sm:p-0" aria-label={`${self ? 'My' : `${name}’s`} qualifications and memberships`}>
          {items.map((q) => (
            <QualificationRow key={q.id} base={base} item={q} canVerify={canVerify} onChanged={changed} onRemove={() => setRemoving(q)} />
          ))}
        </ul>
      )}

      <AddQualificationForm base={base} onAdded={(q) => changed(`${q.title} added.${canVerify ? ' Mark it verified once you have checked it.' : ''}`)} />

      <RemoveDialog base={base} item={removing} onClose={() => setRemoving(undefined)} onRemoved={(q) => { setRemoving(undefined); changed(`${q.title} removed.`); }} />
    </section>
  );
}

function QualificationRow({ base, item, canVerify, onChanged, onRemove }: {
  base: string;
  item: Qualification;
  canVerify: boolean;
  onChanged: (text: string, tone?: 'success' | 'error') => void;
  onRemove: () => void;
}) {
  const [busy, setBusy] = useState(false);
  // The box follows the click at once; the list's next load confirms it (or a failure undoes it).
  const [wanted, setWanted] = useState<boolean | null>(null);
  const saved = item.verifiedAt !== null;
  if (wanted !== null && wanted === saved && !busy) setWanted(null);
  const verified = wanted ?? saved;
  const titleId = useId();

  const setVerified = async (next: boolean) => {
    setWanted(next);
    setBusy(true);
    try {
      await api.post<Qualification>(`${base}/qualifications/${encodeURIComponent(item.id)}/verification`, { verified: next });
      onChanged(next ? `${item.title} is now shown as verified by the clinic.` : `${item.title} is no longer shown as verified.`);
    } catch (error) {
      setWanted(null);
      onChanged(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="flex flex-col gap-4 px-5 py-5 md:flex-row md:items-start md:justify-between" aria-labelledby={titleId}>
      <div className="min-w-0">
        <p className="muted text-sm">{KIND_LABEL[item.kind]}</p>
        <p id={titleId} className="font-semibold">{item.title}</p>
        <p className="muted">
          {item.awardingBody}{item.year !== null ? `, ${item.year}` : ''}
          {item.membershipNumber ? <><br />Membership number {item.membershipNumber}</> : null}
        </p>
        <p className="mt-2 flex flex-wrap gap-2">
          {verified
            ? <span className="badge"><BadgeCheck aria-hidden="true" className="size-4" />Verified by the clinic</span>
            : <span className="badge badge-neutral">Not yet verified</span>}
          {item.isFacialAcupuncture && <span className="badge badge-clay">Facial acupuncture</span>}
        </p>
      </div>
      <div className="flex flex-col gap-3 md:w-72 md:shrink-0">
        {canVerify && (
          <CheckboxField
            label={<>Verified: I have checked the certificate or register entry<span className="sr-only"> for {item.title}</span></>}
            checked={verified}
            disabled={busy}
            onChange={(e) => void setVerified(e.target.checked)}
          />
        )}
        <div>
          <Button variant="secondary" onClick={onRemove} disabled={busy}>
            <Trash2 aria-hidden="true" className="size-5" />Remove<span className="sr-only"> {item.title}</span>
          </Button>
        </div>
      </div>
    </li>
  );
}

function AddQualificationForm({ base, onAdded }: { base: string; onAdded: (q: Qualification) => void }) {
  const [formError, setFormError] = useState<string>();
  const empty: QualificationFormInput = { kind: 'qualification', awardingBody: '', title: '', year: '', membershipNumber: '', isFacialAcupuncture: false };
  const { register, handleSubmit, setError, reset, watch, formState: { errors, isSubmitting } } = useForm<QualificationFormInput, unknown, QualificationFormOutput>({
    resolver: zodResolver(qualificationForm),
    defaultValues: empty,
  });
  const kind = watch('kind');

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      // A membership number belongs to memberships only (the box is hidden for qualifications).
      const body = values.kind === 'membership' ? values : { ...values, membershipNumber: undefined };
      const added = await api.post<Qualification>(`${base}/qualifications`, body);
      reset({ ...empty, kind: values.kind });
      onAdded(added);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['kind', 'awardingBody', 'title', 'year', 'membershipNumber', 'isFacialAcupuncture']));
    }
  });

  return (
    <section aria-labelledby="add-qualification-heading" className="panel mt-8">
      <h3 id="add-qualification-heading" className="text-xl">Add a qualification or membership</h3>
      {formError && <Alert tone="error" className="mt-5">{formError}</Alert>}
      <form onSubmit={onSubmit} noValidate className="mt-5 grid gap-5 md:grid-cols-2">
        <SelectField label="Type" error={errors.kind?.message} {...register('kind')}>
          <option value="qualification">Qualification</option>
          <option value="membership">Professional membership</option>
        </SelectField>
        <TextField
          label={kind === 'membership' ? 'Membership' : 'Qualification'}
          hint={kind === 'membership' ? 'For example Member.' : 'For example Licentiate in Acupuncture (LicAc).'}
          autoComplete="off"
          error={errors.title?.message}
          {...register('title')}
        />
        <TextField
          label={kind === 'membership' ? 'Professional body' : 'Awarded by'}
          hint={kind === 'membership' ? 'For example British Acupuncture Council.' : 'The college or body that awarded it.'}
          autoComplete="off"
          error={errors.awardingBody?.message}
          {...register('awardingBody')}
        />
        <TextField label="Year (optional)" inputMode="numeric" autoComplete="off" error={errors.year?.message} {...register('year')} />
        {kind === 'membership' && (
          <TextField
            label="Membership number (optional)"
            hint="Clients can use it to look the practitioner up on the body’s register."
            autoComplete="off"
            error={errors.membershipNumber?.message}
            {...register('membershipNumber')}
          />
        )}
        <CheckboxField
          className="md:col-span-2"
          label="This is a facial acupuncture qualification"
          hint="Verified facial acupuncture training is shown at the top of the practitioner page."
          error={errors.isFacialAcupuncture?.message}
          {...register('isFacialAcupuncture')}
        />
        <div className="md:col-span-2">
          <Button type="submit" pending={isSubmitting}><Plus aria-hidden="true" className="size-5" />Add</Button>
        </div>
      </form>
    </section>
  );
}

function RemoveDialog({ base, item, onClose, onRemoved }: { base: string; item: Qualification | undefined; onClose: () => void; onRemoved: (q: Qualification) => void }) {
  return (
    <ConfirmRemoveDialog
      open={item !== undefined}
      title={`Remove ${item?.title ?? 'this qualification'}?`}
      description="It will no longer show on the practitioner page. You can add it again later."
      confirmLabel="Remove"
      deletePath={item && `${base}/qualifications/${encodeURIComponent(item.id)}`}
      onClose={onClose}
      onRemoved={() => item && onRemoved(item)}
    />
  );
}
