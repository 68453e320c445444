import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { acceptInvitationBody, type invitationPreview } from '../../../features/clinics/clinics.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { AuthCard } from '../layouts/auth-layout.tsx';
import { useSession, type Session } from '../session.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';

type Preview = z.infer<typeof invitationPreview>;

/** Someone new to Yintang fills in their name and a password; the token travels separately. */
const newAccountForm = acceptInvitationBody.omit({ token: true }).required();

const ROLE_WITH_ARTICLE = { owner: 'an owner', practitioner: 'a practitioner', reception: 'reception staff' } as const;

/**
 * The landing page of an invitation link. New people create their account here; people
 * who already have one sign in as the invited address and accept with one press.
 */
export function AcceptInvitePage() {
  usePageTitle('Join your clinic');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const preview = useApi<Preview>(token.length >= 20 ? `/invitations/${encodeURIComponent(token)}` : null);
  const { session } = useSession();

  if (token.length < 20) {
    return (
      <AuthCard title="This invitation link is incomplete">
        <Alert tone="error">Please open the link from the e-mail again, or copy the whole address into your browser.</Alert>
      </AuthCard>
    );
  }
  if (preview.error !== undefined) {
    return (
      <AuthCard title="We could not open this invitation">
        <Alert tone="error">{errorMessage(preview.error)}</Alert>
      </AuthCard>
    );
  }
  if (!preview.data) {
    return <AuthCard title="Join your clinic"><Loading label="Opening your invitation…" /></AuthCard>;
  }

  const invite = preview.data;
  const title = `Join ${invite.clinicName}`;
  const description = <>You have been invited to join <strong className="text-ink">{invite.clinicName}</strong> on Yintang as {ROLE_WITH_ARTICLE[invite.role]}.</>;

  if (!invite.hasAccount) {
    return <AuthCard title={title} description={description}><NewAccountForm token={token} invite={invite} /></AuthCard>;
  }
  if (!session?.user) {
    const back = `/app/accept-invite?token=${encodeURIComponent(token)}`;
    return (
      <AuthCard title={title} description={description}>
        <p>You already have a Yintang account as <strong className="break-all">{invite.email}</strong>. Sign in with it to accept.</p>
        <Link className="btn btn-primary mt-5 w-full" to={`/app/sign-in?next=${encodeURIComponent(back)}`}>Sign in to accept</Link>
      </AuthCard>
    );
  }
  if (session.user.email !== invite.email) {
    return (
      <AuthCard title={title} description={description}>
        <WrongAccount invitedEmail={invite.email} signedInEmail={session.user.email} />
      </AuthCard>
    );
  }
  return <AuthCard title={title} description={description}><AcceptAsSignedIn token={token} invite={invite} /></AuthCard>;
}

/** Makes the invited clinic the one on screen, then opens the app. */
function useFinishJoining() {
  const { refresh, switchClinic } = useSession();
  const navigate = useNavigate();
  return async (clinicSlug: string) => {
    const session: Session = await refresh();
    const joined = session.staffOf.find((m) => m.slug === clinicSlug);
    if (joined) await switchClinic(joined.clinicId);
    navigate('/app', { replace: true });
  };
}

function NewAccountForm({ token, invite }: { token: string; invite: Preview }) {
  const finish = useFinishJoining();
  const [formError, setFormError] = useState<string>();
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(newAccountForm),
    defaultValues: { name: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const joined = await api.post<{ clinicSlug: string }>('/invitations/accept', { token, ...values });
      // The invitation link proved the address, so the server has already signed the new account in.
      await finish(joined.clinicSlug);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['name', 'password']));
    }
  });

  return (
    <>
      {formError && <Alert tone="error" className="mb-5">{formError}</Alert>}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        <div>
          <p className="label">E-mail address</p>
          <p className="mt-1 break-all">{invite.email}</p>
        </div>
        <TextField label="Your name" autoComplete="name" hint="As clients will see it, for example Dr Jane Smith or Jane Smith." error={errors.name?.message} {...register('name')} />
        <TextField
          label="Choose a password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. A few unrelated words make a strong password that is easy to remember."
          error={errors.password?.message}
          {...register('password')}
        />
        <Button type="submit" pending={isSubmitting} className="w-full">Create account and join</Button>
      </form>
    </>
  );
}

function AcceptAsSignedIn({ token, invite }: { token: string; invite: Preview }) {
  const finish = useFinishJoining();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <>
      {error && <Alert tone="error" className="mb-5">{error}</Alert>}
      <p>You are signed in as <strong className="break-all">{invite.email}</strong>.</p>
      <Button
        className="mt-5 w-full"
        pending={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            const joined = await api.post<{ clinicSlug: string }>('/invitations/accept', { token });
            await finish(joined.clinicSlug);
          } catch (e) {
            setError(errorMessage(e));
            setBusy(false);
          }
        }}
      >
        Accept and join {invite.clinicName}
      </Button>
    </>
  );
}

function WrongAccount({ invitedEmail, signedInEmail }: { invitedEmail: string; signedInEmail: string }) {
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Alert tone="caution">
        This invitation is for <strong className="break-all">{invitedEmail}</strong>, but you are signed in as <strong className="break-all">{signedInEmail}</strong>.
      </Alert>
      <p className="mt-5">Sign out, then sign in as {invitedEmail} to accept.</p>
      <Button variant="secondary" className="mt-4 w-full" pending={busy} onClick={async () => { setBusy(true); await signOut(); setBusy(false); }}>
        Sign out
      </Button>
    </>
  );
}
