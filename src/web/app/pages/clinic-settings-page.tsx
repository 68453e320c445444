import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { updateClinicBody, type clinicSettings } from '../../../features/clinics/clinics.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { formatPhone } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { useSession, type ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { ClinicImagesSection } from './clinic-images-section.tsx';

type ClinicSettings = z.infer<typeof clinicSettings>;
type SettingsInput = z.input<typeof updateClinicBody>;

/** Every IANA time zone the browser knows, for clinics outside the UK. */
export function timeZones(current?: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Europe/London'];
  const all = new Set([...zones, 'Europe/London', ...(current ? [current] : [])]);
  return [...all].sort();
}

export function ClinicSettingsPage() {
  usePageTitle('Clinic settings');
  return <RoleGate roles={['owner']}>{(clinic) => <Settings clinic={clinic} />}</RoleGate>;
}

function Settings({ clinic }: { clinic: ClinicContext }) {
  const settings = useApi<ClinicSettings>(`/clinics/${clinic.slug}/settings`);
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Clinic settings" description={<p>What clients see on your clinic page, and how your staff sign in.</p>} />
      {settings.error !== undefined && <Alert tone="error">{errorMessage(settings.error)}</Alert>}
      {!settings.data && settings.loading && <Loading label="Loading settings…" />}
      {settings.data && <SettingsForm clinic={clinic} settings={settings.data} />}
      {settings.data && <div className="mt-8"><ClinicImagesSection clinic={clinic} /></div>}
    </>
  );
}

const toForm = (s: ClinicSettings): SettingsInput => ({
  name: s.name,
  addressLine1: s.addressLine1,
  addressLine2: s.addressLine2 ?? '',
  town: s.town,
  postcode: s.postcode,
  timeZone: s.timeZone,
  phone: s.phone ? formatPhone(s.phone) : '',
  email: s.email,
  website: s.website ?? '',
  description: s.description ?? '',
  hygieneStatement: s.hygieneStatement ?? '',
  requireStaffTwoFactor: s.requireStaffTwoFactor,
  receptionSeesReports: s.receptionSeesReports,
  practitionersSeeOwnTakings: s.practitionersSeeOwnTakings,
});

function SettingsForm({ clinic, settings }: { clinic: ClinicContext; settings: ClinicSettings }) {
  const { refresh } = useSession();
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, setError, reset, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(updateClinicBody),
    defaultValues: toForm(settings),
  });
  const fields = ['name', 'addressLine1', 'addressLine2', 'town', 'postcode', 'timeZone', 'phone', 'email', 'website', 'description', 'hygieneStatement', 'requireStaffTwoFactor', 'receptionSeesReports', 'practitionersSeeOwnTakings'] as const;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    setSaved(false);
    try {
      const updated = await api.patch<ClinicSettings>(`/clinics/${clinic.slug}/settings`, values);
      reset(toForm(updated));
      setSaved(true);
      // The clinic's name and its two-factor rule are part of the session.
      await refresh();
    } catch (error) {
      setFormError(applyServerErrors(error, setError, fields));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-8">
      <div aria-live="polite" className="empty:hidden">
        {saved && <Alert tone="success">Your clinic settings are saved.</Alert>}
      </div>
      {formError && <Alert tone="error">{formError}</Alert>}

      <fieldset className="panel">
        <legend className="float-left mb-4 w-full text-xl font-semibold">Clinic details</legend>
        <div className="clear-both grid gap-5 md:grid-cols-2">
          <TextField className="md:col-span-2" label="Clinic name" error={errors.name?.message} {...register('name')} />
          <TextField label="Address line 1" autoComplete="address-line1" error={errors.addressLine1?.message} {...register('addressLine1')} />
          <TextField label="Address line 2 (optional)" autoComplete="address-line2" error={errors.addressLine2?.message} {...register('addressLine2')} />
          <TextField label="Town or city" autoComplete="address-level2" error={errors.town?.message} {...register('town')} />
          <TextField label="Postcode" autoComplete="postal-code" inputClassName="max-w-40 uppercase" error={errors.postcode?.message} {...register('postcode')} />
          <SelectField label="Time zone" hint="Appointments and e-mails use the clinic’s local time." error={errors.timeZone?.message} {...register('timeZone')}>
            {timeZones(settings.timeZone).map((tz) => <option key={tz} value={tz}>{tz.replace(/_/g, ' ')}</option>)}
          </SelectField>
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend className="float-left mb-4 w-full text-xl font-semibold">How clients reach you</legend>
        <div className="clear-both grid gap-5 md:grid-cols-2">
          <TextField label="Phone" type="tel" autoComplete="tel" error={errors.phone?.message} {...register('phone')} />
          <TextField label="E-mail address" type="email" autoComplete="email" error={errors.email?.message} {...register('email')} />
          <TextField className="md:col-span-2" label="Website (optional)" type="url" hint="The full address, starting with https://" error={errors.website?.message} {...register('website')} />
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend className="float-left mb-4 w-full text-xl font-semibold">Your clinic page</legend>
        <div className="clear-both flex flex-col gap-5">
          <TextAreaField
            label="About the clinic"
            hint="A few calm sentences for your public page: where you are, what you offer, who you are. Please avoid promising results."
            rows={5}
            error={errors.description?.message}
            {...register('description')}
          />
          <TextAreaField
            label="Hygiene and licensing"
            hint="How your premises and practitioners are registered for acupuncture (skin piercing) with your council, and how you keep needles sterile."
            rows={4}
            error={errors.hygieneStatement?.message}
            {...register('hygieneStatement')}
          />
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend className="float-left mb-4 w-full text-xl font-semibold">Security</legend>
        <div className="clear-both">
          <CheckboxField
            label="Require two-factor sign-in for staff"
            hint="Owners, practitioners and reception will be asked to set up an authenticator app before they can open the clinic’s records. Recommended, because Yintang holds health information."
            error={errors.requireStaffTwoFactor?.message}
            {...register('requireStaffTwoFactor')}
          />
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend className="float-left mb-4 w-full text-xl font-semibold">Reports</legend>
        <div className="clear-both">
          <CheckboxField
            label="Share the practice reports with reception"
            hint="Reception will see Reports in their menu: diary utilisation, no-shows, new clients, conversion, retention, takings, invoices still owed and what is owed in sessions and vouchers. Practitioners never see them."
            error={errors.receptionSeesReports?.message}
            {...register('receptionSeesReports')}
          />
          <CheckboxField
            label="Let practitioners see their own takings"
            hint="Each practitioner will see My takings in their menu: the money taken for the visits they gave, never a colleague’s."
            error={errors.practitionersSeeOwnTakings?.message}
            {...register('practitionersSeeOwnTakings')}
          />
        </div>
      </fieldset>

      <div>
        <Button type="submit" pending={isSubmitting}>Save settings</Button>
      </div>
    </form>
  );
}
