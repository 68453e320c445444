import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { twoFactorCodeBody } from '../../../features/auth/auth.schema.ts';
import { api } from '../../lib/api-client.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';

/**
 * The one form that asks for the 6-digit code of an authenticator app: finishing sign-in,
 * or turning two-factor sign-in on. Sends `{ code }` to `action` (under /api/v1), then
 * calls `onDone`; a wrong code is shown beside the field.
 */
export function TwoFactorCodeForm({ action, onDone, submitLabel, autoFocus = false, fullWidth = false }: {
  action: '/auth/sign-in/two-factor' | '/auth/two-factor/enable';
  onDone: () => Promise<unknown> | void;
  submitLabel: string;
  autoFocus?: boolean;
  /** The button across the whole form (the narrow sign-in card). */
  fullWidth?: boolean;
}) {
  const [formError, setFormError] = useState<string>();
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(twoFactorCodeBody),
    defaultValues: { code: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await api.post(action, values);
      await onDone();
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['code']));
    }
  });

  const button = <Button type="submit" pending={isSubmitting} className={fullWidth ? 'w-full' : ''}>{submitLabel}</Button>;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField
        label="6-digit code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        autoFocus={autoFocus}
        inputClassName="max-w-40 text-xl tracking-[0.3em] tabular-nums"
        error={errors.code?.message}
        {...register('code')}
      />
      {fullWidth ? button : <div>{button}</div>}
    </form>
  );
}
