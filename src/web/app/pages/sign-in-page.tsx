import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { signInBody } from '../../../features/auth/auth.schema.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { AuthCard } from '../layouts/auth-layout.tsx';
import { useSession } from '../session.tsx';
import { safeNext } from '../safe-next.ts';
import { usePageTitle } from '../use-page-title.ts';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';
import { TwoFactorCodeForm } from './two-factor-code-form.tsx';

/** Sign-in: e-mail and password, then a 6-digit code for accounts with two-factor on. */
export function SignInPage() {
  const { session } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  if (session?.user) return <Navigate to={next} replace />;
  if (session?.twoFactorPending) return <TwoFactorStep />;
  return <PasswordStep next={next} signedOut={params.get('signedOut') === '1'} reset={params.get('reset') === '1'} />;
}

function PasswordStep({ next, signedOut, reset }: { next: string; signedOut: boolean; reset: boolean }) {
  usePageTitle('Sign in');
  const { refresh } = useSession();
  const [formError, setFormError] = useState<string>();
  const [notVerified, setNotVerified] = useState(false);
  const [heldBack, setHeldBack] = useState(false);
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(signInBody),
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    setNotVerified(false);
    setHeldBack(false);
    try {
      await api.post('/auth/sign-in', values);
      // The new session (and its CSRF token) decides what comes next: the app, or the code step.
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'email-not-verified') setNotVerified(true);
      if (error instanceof ApiError && error.code === 'rate-limited') setHeldBack(true);
      setFormError(applyServerErrors(error, setError, ['email', 'password']));
    }
  });

  const signUpHref = next === '/app' ? '/app/sign-up' : `/app/sign-up?next=${encodeURIComponent(next)}`;
  return (
    <AuthCard
      title="Sign in"
      description={next === '/app/register-clinic' ? 'Sign in to register your clinic. New here? Create an account first.' : 'Welcome back. Sign in to your clinic or your appointments.'}
    >
      {signedOut && !formError && <Alert tone="success" className="mb-5">You have signed out.</Alert>}
      {reset && !formError && <Alert tone="success" className="mb-5">Your password has been changed. Please sign in with your new password.</Alert>}
      {formError && (
        <Alert tone="error" className="mb-5">
          <p>{formError}</p>
          {notVerified && <p className="mt-2">Lost the e-mail? <Link to="/app/forgot-password">Reset your password</Link>: that link also confirms your address.</p>}
          {heldBack && <p className="mt-2">There were too many wrong passwords. If you have forgotten yours, you can <Link to="/app/forgot-password">reset it</Link>.</p>}
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        <TextField label="E-mail address" type="email" autoComplete="email" error={errors.email?.message} {...register('email')} />
        <TextField label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...register('password')} />
        <Button type="submit" pending={isSubmitting} className="w-full">Sign in</Button>
      </form>
      <div className="mt-6 flex flex-col gap-2 border-t border-line pt-5">
        <p><Link to="/app/forgot-password">Forgotten your password?</Link></p>
        <p>New to Yintang? <Link to={signUpHref}>Create an account</Link></p>
      </div>
    </AuthCard>
  );
}

function TwoFactorStep() {
  usePageTitle('Enter your code');
  const { refresh, signOut } = useSession();

  return (
    <AuthCard title="Enter your code" description="Open your authenticator app and enter the 6-digit code it shows for Yintang.">
      <TwoFactorCodeForm action="/auth/sign-in/two-factor" onDone={refresh} submitLabel="Continue" autoFocus fullWidth />
      <p className="mt-6 border-t border-line pt-5">
        Not you?{' '}
        <button type="button" className="cursor-pointer text-jade-700 underline decoration-jade-300 underline-offset-4 hover:text-jade-800" onClick={() => void signOut()}>
          Sign in with another account
        </button>
      </p>
    </AuthCard>
  );
}
