import { useState } from 'react';
import { Link } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { MailCheck } from 'lucide-react';
import { forgotPasswordBody } from '../../../features/auth/auth.schema.ts';
import { api } from '../../lib/api-client.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { AuthCard } from '../layouts/auth-layout.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';

export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
  const [sent, setSent] = useState<{ email: string; message: string }>();
  const [formError, setFormError] = useState<string>();
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(forgotPasswordBody),
    defaultValues: { email: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const answer = await api.post<{ message: string }>('/auth/password/forgot', values);
      setSent({ email: values.email, message: answer.message });
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['email']));
    }
  });

  if (sent) {
    return (
      <AuthCard title="Check your e-mail">
        <div className="flex gap-4">
          <MailCheck aria-hidden="true" className="size-8 shrink-0 text-jade-700" />
          <div role="status">
            <p>{sent.message}</p>
            <p className="mt-3">If <strong className="break-all">{sent.email}</strong> has a Yintang account, the e-mail has a link to choose a new password. It works for one hour.</p>
          </div>
        </div>
        <p className="mt-6 border-t border-line pt-5"><Link to="/app/sign-in">Back to sign in</Link></p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Reset your password" description="Enter the e-mail address you sign in with. We will send you a link to choose a new password.">
      {formError && <Alert tone="error" className="mb-5">{formError}</Alert>}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        <TextField label="E-mail address" type="email" autoComplete="email" error={errors.email?.message} {...register('email')} />
        <Button type="submit" pending={isSubmitting} className="w-full">Send the link</Button>
      </form>
      <p className="mt-6 border-t border-line pt-5"><Link to="/app/sign-in">Back to sign in</Link></p>
    </AuthCard>
  );
}
