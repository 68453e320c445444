import { useState } from 'react';
import { Link } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { KeyRound, ShieldCheck, Smartphone } from 'lucide-react';
import type { z } from 'zod';
import { changePasswordBody, disableTwoFactorBody, type twoFactorSetupResponse } from '../../../features/auth/auth.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { usePageTitle } from '../use-page-title.ts';
import { useSession } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';
import { TwoFactorCodeForm } from './two-factor-code-form.tsx';
import { CalendarFeedSection } from './calendar-feed-section.tsx';

type TwoFactorSetup = z.infer<typeof twoFactorSetupResponse>;

/** Your own account: details, your diary in your phone's calendar (practitioners), password and two-factor sign-in. */
export function AccountPage() {
  usePageTitle('Account');
  const { session, active } = useSession();
  const user = session?.user;
  if (!user) return null;
  return (
    <>
      <PageHeader eyebrow={user.name} title="Account" description={<p>Your sign-in details. They are the same for every clinic you belong to.</p>} />
      {active?.mustSetUpTwoFactor && (
        <Alert tone="caution" title={`${active.name} asks staff to use two-factor sign-in`} className="mb-8">
          <p>
            Because Yintang holds clients’ health information, the clinic asks everyone on the staff to confirm each sign-in with a
            code from an app on their phone. It takes about two minutes to set up below; after that you can carry on as usual.
          </p>
        </Alert>
      )}
      <div className="flex flex-col gap-8">
        <section className="panel" aria-labelledby="details-heading">
          <h2 id="details-heading" className="text-xl">Your details</h2>
          <dl className="mt-4 grid gap-x-8 gap-y-4 sm:grid-cols-2">
            <div><dt className="muted">Name</dt><dd>{user.name}</dd></div>
            <div><dt className="muted">E-mail address</dt><dd className="break-all">{user.email}</dd></div>
          </dl>
        </section>
        {(active?.role === 'practitioner' || active?.role === 'owner') && !active.mustSetUpTwoFactor && <CalendarFeedSection clinic={active} />}
        <TwoFactorSection />
        <ChangePasswordSection />
      </div>
    </>
  );
}

function ChangePasswordSection() {
  const { refresh } = useSession();
  const [formError, setFormError] = useState<string>();
  const [done, setDone] = useState(false);
  const { register, handleSubmit, setError, reset, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(changePasswordBody),
    defaultValues: { currentPassword: '', newPassword: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    setDone(false);
    try {
      await api.post('/auth/password/change', values);
      // Changing the password ends every other session and starts a new one here, with a new CSRF token.
      await refresh();
      reset();
      setDone(true);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['currentPassword', 'newPassword']));
    }
  });

  return (
    <section className="panel" aria-labelledby="password-heading">
      <h2 id="password-heading" className="flex items-center gap-2 text-xl"><KeyRound aria-hidden="true" className="size-5 text-jade-700" />Password</h2>
      <p className="muted mt-1">Changing your password signs you out on every other device.</p>
      <div aria-live="polite" className="empty:hidden">
        {done && <Alert tone="success" className="mt-5">Your password has been changed.</Alert>}
      </div>
      {formError && <Alert tone="error" className="mt-5">{formError}</Alert>}
      <form onSubmit={onSubmit} noValidate className="mt-5 flex max-w-md flex-col gap-5">
        <TextField label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword?.message} {...register('currentPassword')} />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. A few unrelated words make a strong password that is easy to remember."
          error={errors.newPassword?.message}
          {...register('newPassword')}
        />
        <div><Button type="submit" variant="secondary" pending={isSubmitting}>Change password</Button></div>
      </form>
    </section>
  );
}

function TwoFactorSection() {
  const { session, active } = useSession();
  const [setup, setSetup] = useState<TwoFactorSetup>();
  const [justEnabled, setJustEnabled] = useState(false);
  const [startError, setStartError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const enabled = session?.user?.twoFactorEnabled ?? false;

  const start = async () => {
    setStarting(true);
    setStartError(undefined);
    try {
      setSetup(await api.post<TwoFactorSetup>('/auth/two-factor/setup'));
    } catch (error) {
      setStartError(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="two-factor-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="two-factor-heading" className="flex items-center gap-2 text-xl"><ShieldCheck aria-hidden="true" className="size-5 text-jade-700" />Two-factor sign-in</h2>
        <span className={`badge ${enabled ? '' : 'badge-neutral'}`}>{enabled ? 'On' : 'Off'}</span>
      </div>
      <p className="muted mt-1 max-w-2xl">
        With two-factor sign-in, signing in needs your password and a 6-digit code from an authenticator app on your phone,
        so a stolen password alone is not enough.
      </p>

      <div aria-live="polite" className="empty:hidden">
        {justEnabled && (
          <Alert tone="success" title="Two-factor sign-in is on" className="mt-5">
            <p>Next time you sign in, we will ask for a code from your app.</p>
            {active && <p className="mt-2"><Link to="/app">Continue to {active.name}</Link></p>}
          </Alert>
        )}
      </div>

      {enabled && !justEnabled && <DisableTwoFactor />}
      {!enabled && !setup && !justEnabled && (
        <div className="mt-5">
          {startError && <Alert tone="error" className="mb-4">{startError}</Alert>}
          <Button onClick={start} pending={starting}><Smartphone aria-hidden="true" className="size-5" />Set up two-factor sign-in</Button>
        </div>
      )}
      {!enabled && setup && <EnableTwoFactor setup={setup} onEnabled={() => { setSetup(undefined); setJustEnabled(true); }} />}
    </section>
  );
}

/** Groups the setup key in fours so it can be read and typed without losing one's place. */
const groupKey = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

function EnableTwoFactor({ setup, onEnabled }: { setup: TwoFactorSetup; onEnabled: () => void }) {
  const { refresh } = useSession();

  return (
    <ol className="mt-6 flex flex-col gap-6">
      <li className="flex gap-4">
        <StepNumber n={1} />
        <div>
          <h3 className="font-semibold">Install an authenticator app</h3>
          <p className="muted mt-1">Any app that shows 6-digit codes works, for example Google Authenticator, Microsoft Authenticator or 1Password.</p>
        </div>
      </li>
      <li className="flex gap-4">
        <StepNumber n={2} />
        <div className="min-w-0">
          <h3 className="font-semibold">Scan this QR code with the app</h3>
          <div className="mt-3 flex flex-col gap-5 sm:flex-row sm:items-start">
            {/* The SVG is generated by our own server from the otpauth address, never from user input. */}
            <div
              role="img"
              aria-label="QR code for your authenticator app"
              className="size-44 shrink-0 rounded-lg border border-line bg-white p-2 [&>svg]:size-full"
              dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
            />
            <div className="min-w-0">
              <p className="muted">Cannot scan it? Choose “enter a setup key” in the app and type this key:</p>
              <p className="mt-2">
                <span className="sr-only">Setup key: </span>
                <code data-testid="totp-secret" className="inline-block rounded-lg bg-sand px-3 py-2 font-mono text-lg tracking-wider break-all text-ink">
                  {groupKey(setup.secret)}
                </code>
              </p>
            </div>
          </div>
        </div>
      </li>
      <li className="flex gap-4">
        <StepNumber n={3} />
        <div className="min-w-0 flex-1">
          <h3 className="font-semibold">Enter the code the app shows</h3>
          <div className="mt-3">
            <TwoFactorCodeForm action="/auth/two-factor/enable" onDone={async () => { onEnabled(); await refresh(); }} submitLabel="Turn on two-factor sign-in" />
          </div>
        </div>
      </li>
    </ol>
  );
}

function StepNumber({ n }: { n: number }) {
  return (
    <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-jade-100 font-semibold text-jade-800">{n}</span>
  );
}

function DisableTwoFactor() {
  const { refresh, contexts } = useSession();
  const [formError, setFormError] = useState<string>();
  const [open, setOpen] = useState(false);
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(disableTwoFactorBody),
    defaultValues: { password: '' },
  });
  const staff = contexts.some((c) => c.role !== 'client');

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await api.post('/auth/two-factor/disable', values);
      await refresh();
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['password']));
    }
  });

  if (!open) {
    return (
      <div className="mt-5">
        <Button variant="secondary" onClick={() => setOpen(true)}>Turn off two-factor sign-in</Button>
      </div>
    );
  }
  return (
    <div className="mt-5 max-w-md">
      {staff && <Alert tone="caution" className="mb-4">If your clinic requires two-factor sign-in, you will need to turn it on again before you can open its records.</Alert>}
      {formError && <Alert tone="error" className="mb-4">{formError}</Alert>}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <TextField label="Your password" hint="To make sure it is you." type="password" autoComplete="current-password" autoFocus error={errors.password?.message} {...register('password')} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" variant="danger" pending={isSubmitting}>Turn off</Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>Keep it on</Button>
        </div>
      </form>
    </div>
  );
}
