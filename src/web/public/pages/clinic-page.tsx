import { BadgeCheck, Clock, Mail, MapPin, Phone, ShieldCheck } from 'lucide-react';
import { PublicLayout } from '../public-layout.tsx';
import type { PublicPractitioner } from '../../../features/site/site.repository.ts';
import { formatMoney, formatPhone } from '../../lib/format.ts';

interface ClinicView {
  slug: string;
  name: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  phone: string | null;
  email: string;
  description: string | null;
  hygieneStatement: string | null;
  currency: string;
}

interface ServiceView {
  id: string;
  name: string;
  description: string;
  durationMin: number;
  priceMinor: number;
}

export function ClinicPage({ clinic, services, practitioners }: { clinic: ClinicView; services: ServiceView[]; practitioners: PublicPractitioner[] }) {
  const address = [clinic.addressLine1, clinic.addressLine2, clinic.town, clinic.postcode].filter(Boolean).join(', ');
  return (
    <PublicLayout>
      <article>
        <header className="page-head py-10 sm:py-14">
          <p className="eyebrow">Acupuncture clinic in {clinic.town}</p>
          <h1 className="mt-2 text-3xl leading-tight sm:text-5xl">{clinic.name}</h1>
          <p className="muted mt-3 flex flex-wrap items-center gap-x-2 gap-y-1">
            <MapPin aria-hidden="true" className="size-5 shrink-0" />
            <span>{address}</span>
            <span aria-hidden="true">·</span>
            <a href={`https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`}>
              Map<span className="sr-only"> of {clinic.name} on OpenStreetMap</span>
            </a>
          </p>
          {clinic.description && <p className="lead mt-5 max-w-3xl">{clinic.description}</p>}
          {/* On phones the contact card comes last, so the quickest ways to get in touch come first. */}
          <p className="mt-6 grid max-w-sm grid-cols-2 gap-3 lg:hidden">
            {clinic.phone && (
              <a className="btn btn-primary" href={`tel:${clinic.phone}`}>
                <Phone aria-hidden="true" className="size-5" />Call<span className="sr-only"> the clinic</span>
              </a>
            )}
            <a className="btn btn-secondary" href={`mailto:${clinic.email}`}>
              <Mail aria-hidden="true" className="size-5" />E-mail<span className="sr-only"> the clinic</span>
            </a>
          </p>
        </header>

        <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-12">
          <div className="flex min-w-0 flex-col gap-12">
            <section aria-labelledby="treatments">
              <h2 id="treatments" className="text-2xl">Treatments and prices</h2>
              {services.length === 0 ? (
                <p className="panel mt-4">This clinic has not listed its treatments yet. Please contact them to ask.</p>
              ) : (
                <ul className="list panel mt-4 py-0 sm:py-0">
                  {services.map((s) => (
                    <li key={s.id} className="list-row">
                      <div className="min-w-0">
                        <h3 className="text-lg">{s.name}</h3>
                        <p className="muted mt-0.5 flex items-center gap-1.5">
                          <Clock aria-hidden="true" className="size-4 shrink-0" />
                          {s.durationMin} minutes
                        </p>
                        {s.description && <p className="mt-2">{s.description}</p>}
                      </div>
                      <p className={`price ${s.priceMinor === 0 ? 'text-jade-700' : ''}`}>{s.priceMinor === 0 ? 'Free' : formatMoney(s.priceMinor, clinic.currency)}</p>
                    </li>
                  ))}
                </ul>
              )}
            </section>

            <section aria-labelledby="practitioners">
              <h2 id="practitioners" className="text-2xl">Practitioners</h2>
              {practitioners.length === 0 ? (
                <p className="panel mt-4">The clinic has not added its practitioners’ profiles yet.</p>
              ) : (
                <ul className="mt-4 grid list-none items-start gap-4 p-0 md:grid-cols-2">
                  {practitioners.map((p) => (
                    <li key={p.userId} className="card">
                      <h3 className="text-xl">{p.name}</h3>
                      {(p.title || p.yearsExperience) && (
                        <p className="muted mt-0.5">
                          {p.title}
                          {p.title && p.yearsExperience ? ' · ' : ''}
                          {p.yearsExperience ? `${p.yearsExperience} years’ experience` : ''}
                        </p>
                      )}
                      {p.bio && <p className="mt-3">{p.bio}</p>}
                      {p.qualifications.length > 0 && (
                        <>
                          <h4 className="mt-4 font-semibold">Qualifications and memberships</h4>
                          <ul className="quals mt-2 flex list-none flex-col gap-2 p-0">
                            {p.qualifications.map((q) => (
                              <li key={q.title + q.awardingBody} className="border-l-2 border-jade-200 pl-3">
                                <span>{q.title}, {q.awardingBody}{q.year ? ` (${q.year})` : ''}</span>
                                {q.verified && (
                                  <span className="badge mt-1 flex w-fit">
                                    <BadgeCheck aria-hidden="true" className="size-4" />
                                    Verified by the clinic
                                  </span>
                                )}
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>

            {clinic.hygieneStatement && (
              <section aria-labelledby="safety">
                <h2 id="safety" className="text-2xl">Hygiene and licensing</h2>
                <div className="panel mt-4 flex gap-3">
                  <ShieldCheck aria-hidden="true" className="mt-0.5 size-6 shrink-0 text-jade-700" />
                  <p>{clinic.hygieneStatement}</p>
                </div>
              </section>
            )}
          </div>

          <aside aria-labelledby="contact" className="lg:sticky lg:top-6 lg:self-start">
            <section className="card">
              <h2 id="contact" className="text-xl">Contact</h2>
              <address className="mt-3 not-italic">
                {[clinic.addressLine1, clinic.addressLine2, clinic.town, clinic.postcode].filter(Boolean).map((line) => (
                  <span key={line} className="block">{line}</span>
                ))}
              </address>
              <ul className="mt-4 flex list-none flex-col gap-2 p-0">
                {clinic.phone && (
                  <li className="flex items-center gap-2">
                    <Phone aria-hidden="true" className="size-5 shrink-0 text-jade-700" />
                    <span><span className="sr-only">Phone </span><a href={`tel:${clinic.phone}`}>{formatPhone(clinic.phone)}</a></span>
                  </li>
                )}
                <li className="flex items-center gap-2">
                  <Mail aria-hidden="true" className="size-5 shrink-0 text-jade-700" />
                  <span className="min-w-0 break-words"><span className="sr-only">E-mail </span><a href={`mailto:${clinic.email}`}>{clinic.email}</a></span>
                </li>
              </ul>
              <p className="muted mt-5 border-t border-line pt-4">
                Online booking is coming soon. To book a free consultation now, please call or e-mail the clinic.
              </p>
              <p className="mt-4">
                <a className="btn btn-primary w-full" href={`/app/sign-up?clinic=${encodeURIComponent(clinic.slug)}`}>
                  Create an account with this clinic
                </a>
              </p>
            </section>
          </aside>
        </div>
      </article>
    </PublicLayout>
  );
}
