import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { registerClinicBody, type clinicDetail } from '../../../features/clinics/clinics.schema.ts';
import { api } from '../../lib/api-client.ts';
import { applyServerErrors, emptyToUndefined } from '../../lib/form-errors.ts';
import { usePageTitle } from '../use-page-title.ts';
import { useSession } from '../session.tsx';
import { timeZones } from './clinic-settings-page.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';

type ClinicDetail = z.infer<typeof clinicDetail>;

/** Turns a clinic name into a web address: "Jade Leaf, Bath" → "jade-leaf-bath". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** Registering a clinic: the person signed in becomes its owner. */
export function RegisterClinicPage() {
  usePageTitle('Register a clinic');
  const { switchClinic } = useSession();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string>();
  const slugEdited = useRef(false);
  const { register, handleSubmit, setError, setValue, watch, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(registerClinicBody),
    defaultValues: {
      name: '', slug: '', addressLine1: '', addressLine2: '', town: '', postcode: '', timeZone: 'Europe/London', phone: undefined, email: '',
    },
  });
  const slug = watch('slug');

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const clinic = await api.post<ClinicDetail>('/clinics', values);
      await switchClinic(clinic.id);
      navigate('/app', { replace: true });
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['name', 'slug', 'addressLine1', 'addressLine2', 'town', 'postcode', 'timeZone', 'phone', 'email']));
    }
  });

  return (
    <>
      <PageHeader
        eyebrow="Join Yintang"
        title="Register a clinic"
        description={<p>Tell us where your clinic is. You will be its owner, and can invite practitioners and reception afterwards.</p>}
      />
      {formError && <Alert tone="error" className="mb-6">{formError}</Alert>}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-8">
        <fieldset className="panel">
          <legend className="float-left mb-4 w-full text-xl font-semibold">The clinic</legend>
          <div className="clear-both grid gap-5 md:grid-cols-2">
            <TextField
              className="md:col-span-2"
              label="Clinic name"
              autoComplete="organization"
              error={errors.name?.message}
              {...register('name', {
                onChange: (event: { target: { value: string } }) => {
                  if (!slugEdited.current) setValue('slug', slugify(event.target.value));
                },
              })}
            />
            <TextField
              className="md:col-span-2"
              label="Web address"
              hint={<>Your clinic page will be at <span className="break-all">{window.location.origin}/clinics/<strong className="text-ink">{slug || 'your-clinic'}</strong></span>. Lower-case letters, digits and hyphens.</>}
              autoCapitalize="none"
              spellCheck={false}
              error={errors.slug?.message}
              {...register('slug', { onChange: () => { slugEdited.current = true; } })}
            />
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend className="float-left mb-4 w-full text-xl font-semibold">Address</legend>
          <div className="clear-both grid gap-5 md:grid-cols-2">
            <TextField label="Address line 1" autoComplete="address-line1" error={errors.addressLine1?.message} {...register('addressLine1')} />
            <TextField label="Address line 2 (optional)" autoComplete="address-line2" error={errors.addressLine2?.message} {...register('addressLine2')} />
            <TextField label="Town or city" autoComplete="address-level2" error={errors.town?.message} {...register('town')} />
            <TextField label="Postcode" autoComplete="postal-code" inputClassName="max-w-40 uppercase" error={errors.postcode?.message} {...register('postcode')} />
            <SelectField label="Time zone" hint="Appointments and e-mails use the clinic’s local time." error={errors.timeZone?.message} {...register('timeZone')}>
              {timeZones().map((tz) => <option key={tz} value={tz}>{tz.replace(/_/g, ' ')}</option>)}
            </SelectField>
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend className="float-left mb-4 w-full text-xl font-semibold">How clients reach you</legend>
          <div className="clear-both grid gap-5 md:grid-cols-2">
            <TextField label="Clinic e-mail address" type="email" autoComplete="email" hint="Shown on your clinic page." error={errors.email?.message} {...register('email')} />
            <TextField label="Phone (optional)" type="tel" autoComplete="tel" hint="Such as 01225 000111." error={errors.phone?.message} {...register('phone', { setValueAs: emptyToUndefined })} />
          </div>
        </fieldset>

        <div>
          <Button type="submit" pending={isSubmitting}>Register clinic</Button>
        </div>
      </form>
    </>
  );
}
