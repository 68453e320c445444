import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { resetPasswordBody } from '../../../features/auth/auth.schema.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { AuthCard } from '../layouts/auth-layout.tsx';
import { useSession } from '../session.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';

/** Choosing a new password from the e-mailed link. Every session of the account ends. */
export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string>();
  const [linkBroken, setLinkBroken] = useState(false);
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(resetPasswordBody),
    defaultValues: { token, password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await api.post('/auth/password/reset', values);
      // The reset signed out every session, including any in this browser.
      await refresh().catch(() => undefined);
      navigate('/app/sign-in?reset=1', { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid-token') setLinkBroken(true);
      setFormError(applyServerErrors(error, setError, ['password']));
    }
  });

  if (!token || errors.token) {
    return (
      <AuthCard title="This link is incomplete">
        <Alert tone="error">Please open the link from the e-mail again, or copy the whole address into your browser.</Alert>
        <p className="mt-5"><Link to="/app/forgot-password">Ask for a new link</Link></p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password" description="After this, you will be signed out everywhere and can sign in with the new password.">
      {formError && (
        <Alert tone="error" className="mb-5">
          <p>{formError}</p>
          {linkBroken && <p className="mt-2"><Link to="/app/forgot-password">Ask for a new link</Link></p>}
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. A few unrelated words make a strong password that is easy to remember."
          error={errors.password?.message}
          {...register('password')}
        />
        <Button type="submit" pending={isSubmitting} className="w-full">Save new password</Button>
      </form>
    </AuthCard>
  );
}
