import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { verifyEmailBody } from '../../../features/auth/auth.schema.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { AuthCard } from '../layouts/auth-layout.tsx';
import { useSession } from '../session.tsx';
import { takeNextAfterVerify } from '../safe-next.ts';
import { usePageTitle } from '../use-page-title.ts';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';

/**
 * The landing page of the confirmation link. Confirming asks for the password chosen at
 * sign-up, so only the person who signed up can finish it; then it signs in and goes on.
 */
export function VerifyEmailPage() {
  usePageTitle('Confirm your e-mail address');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string>();
  const [linkBroken, setLinkBroken] = useState(false);
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(verifyEmailBody),
    defaultValues: { token, password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await api.post('/auth/verify-email', values);
      await refresh();
      navigate(takeNextAfterVerify(), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid-token') setLinkBroken(true);
      setFormError(applyServerErrors(error, setError, ['password']));
    }
  });

  if (!token || errors.token) {
    return (
      <AuthCard title="This link is incomplete">
        <Alert tone="error">Please open the link from the e-mail again, or copy the whole address into your browser.</Alert>
      </AuthCard>
    );
  }

  if (linkBroken) {
    return (
      <AuthCard title="We could not confirm your address">
        <Alert tone="error">{formError}</Alert>
        <p className="mt-5">
          If you have already confirmed, <Link to="/app/sign-in">sign in</Link>. Otherwise <Link to="/app/sign-up">sign up again</Link> with
          the same address for a new link, or <Link to="/app/forgot-password">reset your password</Link>: that link confirms your address too.
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Confirm your e-mail address" description="To finish creating your account, enter the password you chose when you signed up.">
      {formError && <Alert tone="error" className="mb-5">{formError}</Alert>}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        <TextField
          label="Your password"
          type="password"
          autoComplete="current-password"
          autoFocus
          error={errors.password?.message}
          {...register('password')}
        />
        <Button type="submit" pending={isSubmitting} className="w-full">Confirm my address</Button>
      </form>
      <p className="muted mt-6 border-t border-line pt-5">
        If you did not sign up for Yintang, you can ignore the e-mail and close this page: nothing happens without the password.
      </p>
    </AuthCard>
  );
}
