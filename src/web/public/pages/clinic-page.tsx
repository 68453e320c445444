import { ArrowRight, CalendarCheck, Clock, Gift, Mail, MapPin, Phone, ShieldCheck } from 'lucide-react';
import { PublicLayout } from '../public-layout.tsx';
import type { ClinicProfile } from '../../../features/site/site.service.ts';
import { practitionerPath, reviewsPath, treatmentPath } from '../../../features/site/site.paths.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { PractitionerAvatar } from '../components/practitioner-avatar.tsx';
import { OpeningHoursList } from '../components/opening-hours-list.tsx';
import { PriceList } from '../components/price-list.tsx';
import { VerifiedBadge } from '../components/verified-badge.tsx';
import { ClinicContactList } from '../components/clinic-contact-list.tsx';
import { RatingSummary, ReviewList } from '../components/review-list.tsx';
import type { ReviewSummary } from '../../../features/reviews/reviews.repository.ts';
import { formatLongDate } from '../../lib/format.ts';
import { GardenIllustration } from '../components/calm-illustration.tsx';

export interface ClinicPageProps {
  profile: ClinicProfile;
  /** Where the "Book" buttons go (the booking page, or sign-up until it exists). */
  bookHref: string;
  reviews: ReviewSummary;
  /** The clinic's gift voucher shop, when it sells vouchers online. */
  giftVouchersHref?: string;
}

/** A clinic's public page: who they are, what they offer at what price, who works there, how to book. */
export function ClinicPage({ profile, bookHref, reviews, giftVouchersHref }: ClinicPageProps) {
  const { clinic, treatments, otherServices, practitioners, openingHours, upcomingClosures } = profile;
  return (
    <PublicLayout>
      <Breadcrumbs crumbs={[{ name: 'Find a clinic', href: '/find' }, { name: clinic.name, href: `/clinics/${clinic.slug}` }]} />
      <article>
        <header className="grid gap-x-12 pb-10 pt-6 sm:pb-12 sm:pt-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
          {clinic.photo ? (
            // The clinic's own photo, described by the owner. Beside the name on wide screens, above it on phones.
            <div className="mb-6 overflow-hidden rounded-2xl ring-1 ring-line lg:order-last lg:mb-0 lg:self-center">
              <img src={clinic.photo.url} alt={clinic.photo.alt} width={480} height={360} className="block aspect-[4/3] h-auto w-full object-cover" />
            </div>
          ) : (
            // A quiet garden: decoration only. Beside the name on wide screens, a low band above it on phones.
            <div aria-hidden="true" className="mb-6 overflow-hidden rounded-2xl lg:order-last lg:mb-0 lg:self-center">
              <GardenIllustration className="block h-24 w-full sm:h-32 lg:h-auto" />
            </div>
          )}
          <div className="min-w-0">
            {clinic.logo && <img src={clinic.logo.thumbnailUrl} alt={clinic.logo.alt} width={64} height={64} className="mb-4 block size-16 rounded-lg bg-white ring-1 ring-line" />}
            <p className="eyebrow">Acupuncture clinic in {clinic.town}</p>
            <h1 className="mt-2 text-3xl leading-tight sm:text-5xl">{clinic.name}</h1>
            <p className="muted mt-3 flex flex-wrap items-center gap-x-2 gap-y-1">
              <MapPin aria-hidden="true" className="size-5 shrink-0" />
              <span>{clinic.address}</span>
              <span aria-hidden="true">·</span>
              <a href={clinic.mapUrl} rel="noopener">
                Map<span className="sr-only"> of {clinic.name} on OpenStreetMap</span>
              </a>
            </p>
            {(reviews.aggregate.count > 0 || reviews.aggregate.hiddenCount > 0) && <div className="mt-3"><a href="#reviews" className="text-ink no-underline"><RatingSummary summary={reviews} /></a></div>}
            {clinic.descriptionHtml && <div className="lead prose-calm mt-5 max-w-3xl" dangerouslySetInnerHTML={{ __html: clinic.descriptionHtml }} />}
            <p className="mt-6 grid grid-cols-2 gap-3 sm:flex sm:flex-wrap">
              <a className="btn btn-primary col-span-2" href={bookHref}>
                <CalendarCheck aria-hidden="true" className="size-5" />Book a consultation
              </a>
              {clinic.phone && (
                <a className="btn btn-secondary lg:hidden" href={`tel:${clinic.phone}`} aria-label="Call the clinic">
                  <Phone aria-hidden="true" className="size-5" />Call
                </a>
              )}
              <a className="btn btn-secondary lg:hidden" href={`mailto:${clinic.email}`}>
                <Mail aria-hidden="true" className="size-5" />E-mail<span className="sr-only"> the clinic</span>
              </a>
              {giftVouchersHref && (
                <a className="btn btn-secondary col-span-2 sm:col-span-1" href={giftVouchersHref}>
                  <Gift aria-hidden="true" className="size-5" />Gift vouchers
                </a>
              )}
            </p>
          </div>
        </header>

        <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-12">
          <div className="flex min-w-0 flex-col gap-12">
            <section aria-labelledby="treatments">
              <h2 id="treatments" className="text-2xl">Treatments and prices</h2>
              {treatments.length === 0 && otherServices.length === 0 ? (
                <p className="panel mt-4">This clinic has not listed its treatments yet. Please contact them to ask.</p>
              ) : (
                <div className="mt-4 flex flex-col gap-8">
                  {treatments.map(({ treatment, services }) => (
                    <section key={treatment.slug} aria-labelledby={`t-${treatment.slug}`}>
                      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                        <h3 id={`t-${treatment.slug}`} className="text-xl">{treatment.label}</h3>
                        <a href={treatmentPath(clinic.slug, treatment.slug)} className="inline-flex items-center gap-1 font-medium">
                          About {treatment.name}<ArrowRight aria-hidden="true" className="size-4" />
                        </a>
                      </div>
                      <div className="mt-3"><PriceList services={services} currency={clinic.currency} headingLevel={4} /></div>
                    </section>
                  ))}
                  {otherServices.length > 0 && (
                    <section aria-labelledby="t-other">
                      <h3 id="t-other" className="text-xl">Other treatments</h3>
                      <div className="mt-3"><PriceList services={otherServices} currency={clinic.currency} headingLevel={4} /></div>
                    </section>
                  )}
                </div>
              )}
            </section>

            <section aria-labelledby="practitioners">
              <h2 id="practitioners" className="text-2xl">Practitioners</h2>
              {practitioners.length === 0 ? (
                <p className="panel mt-4">The clinic has not added its practitioners’ profiles yet.</p>
              ) : (
                <ul className="mt-4 grid list-none items-stretch gap-4 p-0 md:grid-cols-2">
                  {practitioners.map((p) => (
                    <li key={p.userId} className="card relative flex flex-col transition-shadow focus-within:shadow-md hover:shadow-md">
                      <div className="flex items-start gap-4">
                        <PractitionerAvatar initials={p.initials} photo={p.photo} />
                        <div className="min-w-0">
                          <h3 className="text-xl">
                            <a href={practitionerPath(clinic.slug, p.userId)} className="text-ink no-underline after:absolute after:inset-0 after:rounded-xl after:content-[''] hover:text-jade-700">
                              {p.name}
                            </a>
                          </h3>
                          {(p.title || p.yearsExperience) && (
                            <p className="muted mt-0.5">
                              {[p.title, p.yearsExperience ? `${p.yearsExperience} years’ experience` : null].filter(Boolean).join(' · ')}
                            </p>
                          )}
                        </div>
                      </div>
                      {p.summary && <p className="mt-3">{p.summary}</p>}
                      {(p.hasVerifiedFacialQualification || p.specialisms.length > 0) && (
                        <ul className="mt-4 flex list-none flex-wrap gap-2 p-0">
                          {p.hasVerifiedFacialQualification && <li><VerifiedBadge>Facial acupuncture qualification verified by the clinic</VerifiedBadge></li>}
                          {p.specialisms.filter((t) => !(p.hasVerifiedFacialQualification && t.kind === 'facial')).map((t) => (
                            <li key={t.slug}><span className="badge badge-neutral">{t.label}</span></li>
                          ))}
                        </ul>
                      )}
                      <p className="mt-auto inline-flex items-center gap-1 pt-4 font-medium text-jade-700" aria-hidden="true">
                        View profile <ArrowRight className="size-4" />
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>

            {clinic.hygieneHtml && (
              <section aria-labelledby="safety">
                <h2 id="safety" className="text-2xl">Hygiene and licensing</h2>
                <div className="panel mt-4 flex gap-3">
                  <ShieldCheck aria-hidden="true" className="mt-0.5 size-6 shrink-0 text-jade-700" />
                  <div className="prose-calm min-w-0" dangerouslySetInnerHTML={{ __html: clinic.hygieneHtml }} />
                </div>
              </section>
            )}

            <ReviewList summary={reviews} timeZone={clinic.timeZone} allHref={reviewsPath(clinic.slug)} />
          </div>

          <aside aria-labelledby="contact" className="flex flex-col gap-6 lg:sticky lg:top-6 lg:self-start">
            <section className="card">
              <h2 id="contact" className="text-xl">Contact</h2>
              <address className="mt-3 not-italic">
                {[clinic.addressLine1, clinic.addressLine2, clinic.town, clinic.postcode].filter(Boolean).map((line) => (
                  <span key={line} className="block">{line}</span>
                ))}
              </address>
              <p className="mt-2">
                <a href={clinic.mapUrl} rel="noopener" className="inline-flex items-center gap-1.5">
                  <MapPin aria-hidden="true" className="size-4" />View on OpenStreetMap
                </a>
              </p>
              <div className="mt-4"><ClinicContactList phone={clinic.phone} email={clinic.email} website={clinic.website} /></div>
              <p className="mt-5 border-t border-line pt-5">
                <a className="btn btn-primary w-full" href={bookHref}>
                  <CalendarCheck aria-hidden="true" className="size-5" />Book a consultation
                </a>
              </p>
            </section>
            {openingHours && (
              <section className="card" aria-labelledby="hours">
                <h2 id="hours" className="flex items-center gap-2 text-xl">
                  <Clock aria-hidden="true" className="size-5 text-jade-700" />Opening hours
                </h2>
                <div className="mt-3"><OpeningHoursList days={openingHours} /></div>
                <p className="hint mt-3">When practitioners are working, in {clinic.timeZone === 'Europe/London' ? 'UK time' : clinic.timeZone.replace(/_/g, ' ')}.</p>
                {upcomingClosures.length > 0 && (
                  <>
                    <h3 className="mt-4 text-base font-semibold">Closed on</h3>
                    <ul className="mt-2 flex list-none flex-col gap-2 p-0" data-testid="closures">
                      {upcomingClosures.map((c) => (
                        <li key={c.date}>
                          <time dateTime={c.date}>{formatLongDate(`${c.date}T12:00:00Z`, 'UTC')}</time>
                          <span className="muted block text-sm">{c.name}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </section>
            )}
          </aside>
        </div>
      </article>
    </PublicLayout>
  );
}
