import { ArrowRight, CalendarCheck, Clock, MapPin } from 'lucide-react';
import { PublicLayout } from '../public-layout.tsx';
import type { ClinicProfile, PractitionerView, PublicQualification } from '../../../features/site/site.service.ts';
import { clinicPath, reviewsPath, treatmentPath } from '../../../features/site/site.paths.ts';
import { treatmentByKind } from '../../../domain/treatments/treatments.ts';
import { formatMoney } from '../../lib/format.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { PractitionerAvatar } from '../components/practitioner-avatar.tsx';
import { VerifiedBadge } from '../components/verified-badge.tsx';
import { ReviewList } from '../components/review-list.tsx';
import type { ReviewSummary } from '../../../features/reviews/reviews.repository.ts';
import type { NextFreeSlot } from '../../../features/site/next-free-slot.ts';

function QualificationGroup({ heading, items }: { heading: string; items: PublicQualification[] }) {
  if (items.length === 0) return null;
  return (
    <div className="mt-6">
      <h3 className="text-lg">{heading}</h3>
      <ul className="list panel mt-3 py-0 sm:py-0">
        {items.map((q) => (
          <li key={`${q.title}|${q.awardingBody}|${q.year}`} className="list-row">
            <div className="min-w-0">
              <p className="font-semibold">{q.title}</p>
              <p className="muted">
                {q.awardingBody}{q.year ? `, ${q.year}` : ''}
                {q.membershipNumber ? <><br />Membership number {q.membershipNumber}</> : null}
              </p>
            </div>
            <p className="shrink-0">
              {q.verified ? <VerifiedBadge /> : <span className="badge badge-neutral">Not yet verified</span>}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface PractitionerPageProps {
  profile: ClinicProfile;
  person: PractitionerView;
  bookHref: string;
  reviews: ReviewSummary;
  /** Their next free appointment, if any in the coming weeks. */
  nextFree?: NextFreeSlot;
}

/** A practitioner's profile: who they are, how they work, what they are qualified in, what they give. */
export function PractitionerPage({ profile, person, bookHref, reviews, nextFree }: PractitionerPageProps) {
  const { clinic } = profile;
  const quals = person.qualifications.filter((q) => q.kind === 'qualification');
  const memberships = person.qualifications.filter((q) => q.kind === 'membership');
  return (
    <PublicLayout>
      <Breadcrumbs crumbs={[
        { name: 'Find a clinic', href: '/find' },
        { name: clinic.name, href: clinicPath(clinic.slug) },
        { name: person.name, href: `${clinicPath(clinic.slug)}/practitioners/${person.userId}` },
      ]} />
      <article>
        <header className="flex flex-col gap-6 pb-10 pt-6 sm:flex-row sm:items-center sm:pb-12 sm:pt-8">
          <PractitionerAvatar initials={person.initials} photo={person.photo} size="lg" />
          <div className="min-w-0">
            <p className="eyebrow">{person.title ?? 'Practitioner'}</p>
            <h1 className="mt-1 text-3xl leading-tight sm:text-5xl">{person.name}</h1>
            <p className="muted mt-3 flex flex-wrap items-center gap-x-2 gap-y-1">
              <MapPin aria-hidden="true" className="size-5 shrink-0" />
              <span>At <a href={clinicPath(clinic.slug)}>{clinic.name}</a>, {clinic.town}</span>
              {person.yearsExperience ? <><span aria-hidden="true">·</span><span>{person.yearsExperience} years’ experience</span></> : null}
            </p>
            {person.hasVerifiedFacialQualification && (
              <p className="mt-4"><VerifiedBadge>Facial acupuncture qualification verified by the clinic</VerifiedBadge></p>
            )}
            {/* On phones the booking card comes last, so the button is offered here first. */}
            <p className="mt-5 lg:hidden">
              <a className="btn btn-primary" href={bookHref}>
                <CalendarCheck aria-hidden="true" className="size-5" />Book a consultation
              </a>
            </p>
          </div>
        </header>

        <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-12">
          <div className="flex min-w-0 flex-col gap-12">
            {person.aboutHtml && (
              <section aria-labelledby="about">
                <h2 id="about" className="text-2xl">About {person.name}</h2>
                <div className="prose mt-4" dangerouslySetInnerHTML={{ __html: person.aboutHtml }} />
              </section>
            )}
            {person.approachHtml && (
              <section aria-labelledby="approach">
                <h2 id="approach" className="text-2xl">Approach</h2>
                <div className="prose mt-4" dangerouslySetInnerHTML={{ __html: person.approachHtml }} />
              </section>
            )}

            <section aria-labelledby="qualifications">
              <h2 id="qualifications" className="text-2xl">Qualifications and memberships</h2>
              {person.qualifications.length === 0 ? (
                <p className="panel mt-4">The clinic has not listed {person.name}’s qualifications yet.</p>
              ) : (
                <>
                  <p className="muted mt-2">“Verified by the clinic” means the clinic owner has seen the certificate or checked the register.</p>
                  <QualificationGroup heading="Qualifications" items={quals} />
                  <QualificationGroup heading="Professional memberships" items={memberships} />
                </>
              )}
            </section>

            <section aria-labelledby="treatments">
              <h2 id="treatments" className="text-2xl">Treatments and prices</h2>
              {person.services.length === 0 ? (
                <p className="panel mt-4">Please contact the clinic to ask which treatments {person.name} gives.</p>
              ) : (
                <ul className="list panel mt-4 py-0 sm:py-0">
                  {person.services.map((s) => {
                    const treatment = treatmentByKind(s.kind);
                    return (
                      <li key={s.id} className="list-row">
                        <div className="min-w-0">
                          <h3 className="text-lg">{s.name}</h3>
                          <p className="muted mt-0.5 flex items-center gap-1.5">
                            <Clock aria-hidden="true" className="size-4 shrink-0" />{s.durationMin} minutes
                          </p>
                          {treatment && (
                            <p className="mt-2">
                              <a href={treatmentPath(clinic.slug, treatment.slug)} className="inline-flex items-center gap-1">
                                About {treatment.name}<ArrowRight aria-hidden="true" className="size-4" />
                              </a>
                            </p>
                          )}
                        </div>
                        <p className={`price ${s.priceMinor === 0 ? 'text-jade-700' : ''}`}>{s.priceMinor === 0 ? 'Free' : formatMoney(s.priceMinor, clinic.currency)}</p>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>

            <ReviewList summary={reviews} timeZone={clinic.timeZone} showPractitioner={false} allHref={reviewsPath(clinic.slug, { practitionerId: person.userId })} />
          </div>

          <aside aria-labelledby="book" className="flex flex-col gap-6 lg:sticky lg:top-6 lg:self-start">
            <section className="card">
              <h2 id="book" className="text-xl">Book with {person.name}</h2>
              {person.specialisms.length > 0 && (
                <>
                  <h3 className="mt-4 text-base font-semibold">Specialisms</h3>
                  <ul className="mt-2 flex list-none flex-wrap gap-2 p-0">
                    {person.specialisms.map((t) => <li key={t.slug}><span className="badge badge-neutral">{t.label}</span></li>)}
                  </ul>
                </>
              )}
              <p className="muted mt-4">{clinic.name}, {clinic.address}</p>
              <p className="mt-4">
                {nextFree
                  ? <>Next available: <strong><time dateTime={nextFree.startIso}>{nextFree.when}</time></strong> <span className="muted">({nextFree.serviceName})</span></>
                  : 'No free times online in the next four weeks. Please call the clinic.'}
              </p>
              <p className="mt-5">
                <a className="btn btn-primary w-full" href={bookHref}>
                  <CalendarCheck aria-hidden="true" className="size-5" />Book a consultation
                </a>
              </p>
              <p className="mt-3">
                <a href={clinicPath(clinic.slug)}>About the clinic and its other practitioners</a>
              </p>
            </section>
          </aside>
        </div>
      </article>
    </PublicLayout>
  );
}
