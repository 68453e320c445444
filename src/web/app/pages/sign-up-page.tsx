import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { MailCheck } from 'lucide-react';
import type { z } from 'zod';
import { signUpBody } from '../../../features/auth/auth.schema.ts';
import type { clinicDetail } from '../../../features/clinics/clinics.schema.ts';
import { slugField } from '../../../features/common/fields.schema.ts';
import { api } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { AuthCard } from '../layouts/auth-layout.tsx';
import { useSession } from '../session.tsx';
import { rememberNextAfterVerify, safeNext } from '../safe-next.ts';
import { usePageTitle } from '../use-page-title.ts';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';

type ClinicDetail = z.infer<typeof clinicDetail>;

/** Creating an account, optionally as a client of the clinic whose page the person came from. */
export function SignUpPage() {
  usePageTitle('Create an account');
  const { session } = useSession();
  const [params] = useSearchParams();
  // A slug that cannot exist is ignored rather than blocking the form with a hidden field's error.
  const requestedSlug = params.get('clinic')?.trim().toLowerCase() || undefined;
  const clinicSlug = requestedSlug && slugField.safeParse(requestedSlug).success ? requestedSlug : undefined;
  const next = params.get('next');
  const clinic = useApi<ClinicDetail>(clinicSlug ? `/clinics/${encodeURIComponent(clinicSlug)}` : null);
  const [sentTo, setSentTo] = useState<{ email: string; message: string }>();
  const [formError, setFormError] = useState<string>();

  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(signUpBody),
    defaultValues: { name: '', email: '', password: '', clinicSlug },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const body = clinic.error === undefined ? values : { ...values, clinicSlug: undefined };
      const answer = await api.post<{ message: string }>('/auth/sign-up', body);
      rememberNextAfterVerify(next ? safeNext(next) : null);
      setSentTo({ email: values.email, message: answer.message });
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['name', 'email', 'password']));
    }
  });

  if (session?.user) return <Navigate to={safeNext(next)} replace />;

  if (sentTo) {
    return (
      <AuthCard title="Check your e-mail">
        <div className="flex gap-4">
          <MailCheck aria-hidden="true" className="size-8 shrink-0 text-jade-700" />
          <div role="status">
            <p>{sentTo.message}</p>
            <p className="mt-3">We sent it to <strong className="break-all">{sentTo.email}</strong>. Open the link in the e-mail and enter the password you just chose to confirm your address; the link works for 48 hours.</p>
          </div>
        </div>
        <p className="muted mt-6 border-t border-line pt-5">
          Nothing arrived after a few minutes? Check your spam folder, or <Link to="/app/sign-up">try again</Link> with the correct address.
        </p>
      </AuthCard>
    );
  }

  const clinicName = clinic.data?.name;
  return (
    <AuthCard
      title="Create an account"
      description={clinicName
        ? <>You are joining <strong className="text-ink">{clinicName}</strong> as a client. We will e-mail you a link to confirm your address.</>
        : 'We will e-mail you a link to confirm your address.'}
    >
      {requestedSlug && (!clinicSlug || clinic.error !== undefined) && (
        <Alert tone="caution" className="mb-5">We could not find that clinic. You can still create an account and find your clinic afterwards.</Alert>
      )}
      {formError && <Alert tone="error" className="mb-5">{formError}</Alert>}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        <TextField label="Your name" autoComplete="name" error={errors.name?.message} {...register('name')} />
        <TextField label="E-mail address" type="email" autoComplete="email" error={errors.email?.message} {...register('email')} />
        <TextField
          label="Choose a password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. A few unrelated words make a strong password that is easy to remember."
          error={errors.password?.message}
          {...register('password')}
        />
        <Button type="submit" pending={isSubmitting} className="w-full">Create account</Button>
      </form>
      <p className="mt-6 border-t border-line pt-5">
        Already have an account? <Link to={next ? `/app/sign-in?next=${encodeURIComponent(safeNext(next))}` : '/app/sign-in'}>Sign in</Link>
      </p>
    </AuthCard>
  );
}
