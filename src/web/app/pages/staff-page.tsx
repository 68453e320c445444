import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from 'react-router';
import { CalendarClock, GraduationCap, MailX, RotateCw, Send, ShieldCheck, ShieldOff, UserCheck, UserX } from 'lucide-react';
import type { z } from 'zod';
import { inviteBody, type futureBookingsResponse, type invitationResponse, type memberList, type pendingInvitationList, type staffRole } from '../../../features/clinics/clinics.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi, type ApiQuery } from '../../lib/use-api.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Dialog } from './booking/dialog.tsx';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { ROLE_LABEL, useSession, type ClinicContext } from '../session.tsx';
import { initials } from './clients-page.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { TextField, SelectField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';

type Member = z.infer<typeof memberList>['items'][number];
type StaffRole = z.infer<typeof staffRole>;

const ROLE_HELP: Record<StaffRole, string> = {
  owner: 'Owners run everything, including staff, settings and e-mails.',
  practitioner: 'Practitioners see their own clients and treat them.',
  reception: 'Reception manage the diary, clients’ contact details and e-mails, but never clinical notes.',
};

export function StaffPage() {
  usePageTitle('Staff');
  return <RoleGate roles={['owner']}>{(clinic) => <Staff clinic={clinic} />}</RoleGate>;
}

function Staff({ clinic }: { clinic: ClinicContext }) {
  const members = useApi<{ items: Member[] }>(`/clinics/${clinic.slug}/members`);
  const pending = useApi<z.infer<typeof pendingInvitationList>>(`/clinics/${clinic.slug}/invitations`);
  const [announcement, setAnnouncement] = useState<{ tone: 'success' | 'error'; text: string }>();

  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Staff" description={<p>Everyone who works at the clinic, what they can see, and whether they use two-factor sign-in.</p>} />

      {/* Results of changes made in the list are announced here. */}
      <div aria-live="polite" className="empty:hidden">
        {announcement && <Alert tone={announcement.tone} className="mb-6">{announcement.text}</Alert>}
      </div>

      <section aria-labelledby="team-heading">
        <h2 id="team-heading" className="sr-only">Team</h2>
        {members.error !== undefined && <Alert tone="error">{errorMessage(members.error)}</Alert>}
        {!members.data && members.loading && <Loading label="Loading staff…" />}
        {members.data && (
          <ul className="panel divide-y divide-line p-0 sm:p-0">
            {members.data.items.map((m) => (
              <MemberRow key={m.userId} clinic={clinic} member={m} onChanged={(text, tone = 'success') => { setAnnouncement({ text, tone }); members.reload(); }} />
            ))}
          </ul>
        )}
      </section>

      <InviteForm clinic={clinic} onSent={pending.reload} />
      <PendingInvitations clinic={clinic} list={pending} announce={(text, tone) => setAnnouncement({ text, tone })} />
    </>
  );
}

function MemberRow({ clinic, member, onChanged }: { clinic: ClinicContext; member: Member; onChanged: (text: string, tone?: 'success' | 'error') => void }) {
  const { session, refresh } = useSession();
  const isMe = session?.user?.id === member.userId;
  const [busy, setBusy] = useState(false);
  const roleId = useId();
  const seesAllId = useId();

  const update = async (body: { role?: StaffRole; seesAllClients?: boolean }, done: string) => {
    setBusy(true);
    try {
      await api.patch(`/clinics/${clinic.slug}/members/${member.userId}`, body);
      // Changing your own role changes what the app shows you.
      if (isMe) await refresh();
      onChanged(done);
    } catch (error) {
      onChanged(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="flex flex-col gap-4 px-5 py-5 md:flex-row md:items-center md:justify-between">
      <div className="flex min-w-0 items-start gap-4">
        {member.photoThumbnailUrl ? (
          // Decorative: the name is written beside it.
          <img src={member.photoThumbnailUrl} alt="" width={40} height={40} loading="lazy" className="size-10 shrink-0 rounded-full object-cover ring-1 ring-line" />
        ) : (
          <span aria-hidden="true" className="flex size-10 shrink-0 items-center justify-center rounded-full bg-jade-100 font-semibold text-jade-800">
            {initials(member.name)}
          </span>
        )}
        <div className="min-w-0">
          <p className="font-semibold">{member.name}{isMe && <span className="muted font-normal"> (you)</span>}</p>
          <p className="muted break-all">{member.email}</p>
          <p className="mt-2 flex flex-wrap gap-2">
            {member.twoFactorEnabled ? (
              <span className="badge"><ShieldCheck aria-hidden="true" className="size-4" />Two-factor on</span>
            ) : (
              <span className="badge badge-caution"><ShieldOff aria-hidden="true" className="size-4" />Two-factor off</span>
            )}
            {member.role === 'practitioner' && member.seesAllClients && <span className="badge badge-clay">Sees all clients</span>}
            {member.deactivatedAt && <span className="badge badge-caution"><UserX aria-hidden="true" className="size-4" />Deactivated</span>}
          </p>
          {member.role !== 'reception' && (
            <p className="mt-3">
              <Link to={`/app/staff/${encodeURIComponent(member.userId)}`} className="inline-flex items-center gap-1.5">
                <GraduationCap aria-hidden="true" className="size-4" />Profile and qualifications<span className="sr-only"> of {member.name}</span>
              </Link>
            </p>
          )}
          {member.deactivatedAt && <FutureBookings clinic={clinic} member={member} />}
        </div>
      </div>

      <div className="flex flex-col gap-3 md:w-64 md:shrink-0">
        <div>
          <label htmlFor={roleId} className="label">Role<span className="sr-only"> of {member.name}</span></label>
          <select
            id={roleId}
            className="input mt-1 cursor-pointer"
            value={member.role}
            disabled={busy}
            onChange={(e) => {
              const role = e.target.value as StaffRole;
              void update({ role }, `${member.name} is now ${ROLE_LABEL[role].toLowerCase()}.`);
            }}
          >
            <option value="owner">Owner</option>
            <option value="practitioner">Practitioner</option>
            <option value="reception">Reception</option>
          </select>
        </div>
        {member.role === 'practitioner' && (
          <div className="flex gap-3">
            <input
              id={seesAllId}
              type="checkbox"
              className="checkbox"
              checked={member.seesAllClients}
              disabled={busy}
              onChange={(e) => {
                const seesAllClients = e.target.checked;
                void update({ seesAllClients }, seesAllClients
                  ? `${member.name} can now see every client of the clinic.`
                  : `${member.name} now sees only the clients in their care.`);
              }}
            />
            <label htmlFor={seesAllId} className="cursor-pointer">Sees all clients<span className="sr-only">: {member.name}</span></label>
          </div>
        )}
        {!isMe && <Leaving clinic={clinic} member={member} onChanged={onChanged} />}
      </div>
    </li>
  );
}

/** Deactivate someone who left (after a dialog saying what happens), or give them their place back. */
function Leaving({ clinic, member, onChanged }: { clinic: ClinicContext; member: Member; onChanged: (text: string, tone?: 'success' | 'error') => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const path = `/clinics/${clinic.slug}/members/${member.userId}/deactivation`;
  const act = async (deactivate: boolean) => {
    setBusy(true);
    try {
      if (deactivate) await api.post(path, {});
      else await api.delete(path);
      setConfirming(false);
      onChanged(deactivate
        ? `${member.name} is deactivated. Their upcoming bookings are listed under their name for you to move.`
        : `${member.name} is active again. They can sign in to ${clinic.name}.`);
    } catch (error) {
      onChanged(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  if (member.deactivatedAt) {
    return (
      <Button variant="secondary" pending={busy} onClick={() => void act(false)}>
        <UserCheck aria-hidden="true" className="size-5" />Reactivate<span className="sr-only"> {member.name}</span>
      </Button>
    );
  }
  return (
    <>
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        <UserX aria-hidden="true" className="size-5" />Deactivate<span className="sr-only"> {member.name}</span>
      </Button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Deactivate ${member.name}?`}>
        <ul className="list-disc space-y-1 pl-5">
          <li>They are signed out everywhere at once, and can no longer open {clinic.name}.</li>
          <li>Their calendar feed stops.</li>
          <li>Their upcoming bookings stay in the diary, listed here for you to move to someone else.</li>
          <li>Past bookings and the audit log keep their name. You can reactivate them later.</li>
        </ul>
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="secondary" onClick={() => setConfirming(false)}>Keep them</Button>
          <Button variant="danger" pending={busy} onClick={() => void act(true)}>Deactivate</Button>
        </div>
      </Dialog>
    </>
  );
}

/** A deactivated person's upcoming bookings, each linked to its day in the diary to move it. */
function FutureBookings({ clinic, member }: { clinic: ClinicContext; member: Member }) {
  const list = useApi<z.infer<typeof futureBookingsResponse>>(`/clinics/${clinic.slug}/members/${member.userId}/future-bookings`);
  if (!list.data) return list.error !== undefined ? <Alert tone="error" className="mt-3">{errorMessage(list.error)}</Alert> : null;
  if (list.data.items.length === 0) return <p className="muted mt-3">No upcoming bookings to move.</p>;
  return (
    <div className="mt-3">
      <h3 className="text-base font-semibold">Upcoming bookings to move ({list.data.items.length})</h3>
      <ul className="mt-2 space-y-1">
        {list.data.items.map((b) => (
          <li key={b.id}>
            <Link to={`/app/diary?date=${b.date}&practitioner=${encodeURIComponent(member.userId)}`} className="inline-flex items-center gap-1.5">
              <CalendarClock aria-hidden="true" className="size-4" />
              {formatDateTime(b.start)} · {b.clientName ?? 'Client'}{b.serviceName ? `, ${b.serviceName}` : ''}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

function InviteForm({ clinic, onSent }: { clinic: ClinicContext; onSent: () => void }) {
  const [formError, setFormError] = useState<string>();
  const [sent, setSent] = useState<{ email: string; role: StaffRole; expiresAt: string }>();
  const { register, handleSubmit, setError, reset, watch, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(inviteBody),
    defaultValues: { email: '', role: 'practitioner' as StaffRole },
  });
  const role = watch('role');

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    setSent(undefined);
    try {
      const invitation = await api.post<z.infer<typeof invitationResponse>>(`/clinics/${clinic.slug}/invitations`, values);
      setSent({ email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt });
      reset({ email: '', role: values.role });
      onSent();
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['email', 'role']));
    }
  });

  return (
    <section aria-labelledby="invite-heading" className="panel mt-10">
      <h2 id="invite-heading" className="text-xl">Invite someone</h2>
      <p className="muted mt-1">We will e-mail them a link to join {clinic.name}. If they are new to Yintang, they create their account from the link.</p>
      <div aria-live="polite" className="empty:hidden">
        {sent && (
          <Alert tone="success" className="mt-5">
            Invitation sent to <strong className="break-all">{sent.email}</strong> as {ROLE_LABEL[sent.role].toLowerCase()}. The link works until {formatDate(sent.expiresAt)}.
          </Alert>
        )}
      </div>
      {formError && <Alert tone="error" className="mt-5">{formError}</Alert>}
      <form onSubmit={onSubmit} noValidate className="mt-5 grid gap-5 md:grid-cols-[minmax(0,1fr)_14rem]">
        <TextField label="E-mail address" type="email" autoComplete="off" error={errors.email?.message} {...register('email')} />
        <SelectField label="Role" error={errors.role?.message} {...register('role')}>
          <option value="practitioner">Practitioner</option>
          <option value="reception">Reception</option>
          <option value="owner">Owner</option>
        </SelectField>
        <p className="muted md:col-span-2">{ROLE_HELP[role]}</p>
        <div className="md:col-span-2">
          <Button type="submit" pending={isSubmitting}><Send aria-hidden="true" className="size-5" />Send invitation</Button>
        </div>
      </form>
    </section>
  );
}

type PendingInvitation = z.infer<typeof pendingInvitationList>['items'][number];

/** Invitations not yet accepted: send again with a fresh link, or withdraw. */
function PendingInvitations({ clinic, list, announce }: {
  clinic: ClinicContext;
  list: ApiQuery<z.infer<typeof pendingInvitationList>>;
  /** Results go to the page's live region, which stays when the last invitation leaves this list. */
  announce: (text: string, tone: 'success' | 'error') => void;
}) {
  const items = list.data?.items ?? [];
  if (list.error === undefined && items.length === 0) return null;
  return (
    <section aria-labelledby="pending-heading" className="panel mt-10">
      <h2 id="pending-heading" className="text-xl">Invitations waiting</h2>
      <p className="muted mt-1">People you invited who have not joined yet. Sending again makes a new link that works for 7 days; the old link stops working.</p>
      {list.error !== undefined && <Alert tone="error" className="mt-5">{errorMessage(list.error)}</Alert>}
      <ul className="mt-5 divide-y divide-line">
        {items.map((invitation) => (
          <PendingInvitationRow
            key={invitation.id}
            clinic={clinic}
            invitation={invitation}
            onChanged={(text, tone = 'success') => { announce(text, tone); list.reload(); }}
          />
        ))}
      </ul>
    </section>
  );
}

function PendingInvitationRow({ clinic, invitation, onChanged }: { clinic: ClinicContext; invitation: PendingInvitation; onChanged: (text: string, tone?: 'success' | 'error') => void }) {
  const [busy, setBusy] = useState<'resend' | 'withdraw'>();
  const [confirming, setConfirming] = useState(false);
  const path = `/clinics/${clinic.slug}/invitations/${invitation.id}`;
  const act = async (action: 'resend' | 'withdraw') => {
    setBusy(action);
    try {
      if (action === 'resend') {
        const sent = await api.post<z.infer<typeof invitationResponse>>(`${path}/resend`, {});
        onChanged(`Invitation sent again to ${invitation.email}. The new link works until ${formatDate(sent.expiresAt)}.`);
      } else {
        await api.delete(path);
        setConfirming(false);
        onChanged(`The invitation to ${invitation.email} is withdrawn. Its link no longer works.`);
      }
    } catch (error) {
      onChanged(errorMessage(error), 'error');
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <li className="flex flex-col gap-3 py-4 md:flex-row md:items-center md:justify-between">
      <div className="min-w-0">
        <p className="font-semibold break-all">{invitation.email}</p>
        <p className="muted">
          {ROLE_LABEL[invitation.role]} · sent {formatDate(invitation.sentAt)} by {invitation.invitedByName}
        </p>
        <p className="mt-2">
          {invitation.expired
            ? <span className="badge badge-caution">Link expired on {formatDate(invitation.expiresAt)}</span>
            : <span className="badge">Link works until {formatDate(invitation.expiresAt)}</span>}
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" pending={busy === 'resend'} disabled={busy !== undefined} onClick={() => void act('resend')}>
          <RotateCw aria-hidden="true" className="size-5" />Send again<span className="sr-only"> to {invitation.email}</span>
        </Button>
        <Button variant="secondary" disabled={busy !== undefined} onClick={() => setConfirming(true)}>
          <MailX aria-hidden="true" className="size-5" />Withdraw<span className="sr-only"> the invitation to {invitation.email}</span>
        </Button>
      </div>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Withdraw the invitation to ${invitation.email}?`}>
        <p>The link in their e-mail stops working. You can invite them again at any time.</p>
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="secondary" onClick={() => setConfirming(false)}>Keep it</Button>
          <Button variant="danger" pending={busy === 'withdraw'} onClick={() => void act('withdraw')}>Withdraw</Button>
        </div>
      </Dialog>
    </li>
  );
}
