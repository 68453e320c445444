import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { ArrowLeft } from 'lucide-react';
import { createClientBody } from '../../../features/clients/clients.schema.ts';
import { api } from '../../lib/api-client.ts';
import { applyServerErrors, emptyToUndefined } from '../../lib/form-errors.ts';
import { RoleGate, STAFF_ROLES } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import type { ClientContact } from './client-detail-page.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';

export function ClientNewPage() {
  usePageTitle('Add a client');
  return <RoleGate roles={STAFF_ROLES}>{(clinic) => <ClientForm clinic={clinic} />}</RoleGate>;
}

function ClientForm({ clinic }: { clinic: ClinicContext }) {
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string>();
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(createClientBody),
    defaultValues: { name: '', email: '', phone: undefined },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const client = await api.post<ClientContact>(`/clinics/${clinic.slug}/clients`, values);
      navigate(`/app/clients/${client.id}`, { state: { added: true } });
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['name', 'email', 'phone']));
    }
  });

  return (
    <>
      <p className="mb-4">
        <Link to="/app/clients" className="inline-flex items-center gap-1.5"><ArrowLeft aria-hidden="true" className="size-4" />All clients</Link>
      </p>
      <PageHeader
        eyebrow={clinic.name}
        title="Add a client"
        description={<p>For someone who booked by phone or in person. If they later sign up online with the same e-mail address, their account joins this record.</p>}
      />
      <div className="panel max-w-xl">
        {formError && <Alert tone="error" className="mb-5">{formError}</Alert>}
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
          <TextField label="Full name" autoComplete="off" error={errors.name?.message} {...register('name')} />
          <TextField label="E-mail address" type="email" autoComplete="off" error={errors.email?.message} {...register('email')} />
          <TextField
            label="Phone (optional)"
            type="tel"
            autoComplete="off"
            hint="A UK mobile or landline, such as 07700 900123."
            error={errors.phone?.message}
            {...register('phone', { setValueAs: emptyToUndefined })}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" pending={isSubmitting}>Add client</Button>
            <Link className="btn btn-ghost" to="/app/clients">Cancel</Link>
          </div>
        </form>
      </div>
    </>
  );
}
