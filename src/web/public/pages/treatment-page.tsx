import { CalendarCheck, ChevronDown, Info } from 'lucide-react';
import { PublicLayout } from '../public-layout.tsx';
import type { ClinicProfile, PractitionerView, PublicService } from '../../../features/site/site.service.ts';
import type { RenderedTreatmentPage } from '../../../features/content/treatment-pages.ts';
import type { Treatment } from '../../../domain/treatments/treatments.ts';
import { clinicPath, guidePath, practitionerPath, treatmentPath } from '../../../features/site/site.paths.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { PractitionerAvatar } from '../components/practitioner-avatar.tsx';
import { PriceList } from '../components/price-list.tsx';
import { VerifiedBadge } from '../components/verified-badge.tsx';
import { SuitabilityCheck, type SuitabilityCheckProps } from '../components/suitability-check.tsx';

export interface TreatmentPageProps {
  profile: ClinicProfile;
  treatment: Treatment;
  title: string;
  description: string;
  rendered: RenderedTreatmentPage;
  /** The clinic's services for this treatment, with prices. */
  services: PublicService[];
  /** Practitioners who give it. */
  practitioners: PractitionerView[];
  bookHref: string;
  /** The "Is it right for me?" check (its questions, and the answer to a posted form). */
  check?: Omit<SuitabilityCheckProps, 'action' | 'bookHref' | 'clinicPhone'>;
}

function Contents({ outline }: { outline: RenderedTreatmentPage['outline'] }) {
  return (
    <ol className="toc">
      {outline.map((o) => <li key={o.id}><a href={`#${o.id}`}>{o.text}</a></li>)}
    </ol>
  );
}

/** A treatment page: the clinic's text about the treatment, its prices and who gives it. */
export function TreatmentPage({ profile, treatment, title, description, rendered, services, practitioners, bookHref, check }: TreatmentPageProps) {
  const { clinic } = profile;
  // A facial course starts with a consultation; the other treatments are booked directly.
  const bookLabel = treatment.kind === 'facial' ? 'Book a consultation' : `Book ${treatment.name}`;
  return (
    <PublicLayout>
      <Breadcrumbs crumbs={[
        { name: 'Find a clinic', href: '/find' },
        { name: clinic.name, href: clinicPath(clinic.slug) },
        { name: title, href: treatmentPath(clinic.slug, treatment.slug) },
      ]} />
      <header className="pb-8 pt-6 sm:pb-10 sm:pt-8">
        <p className="eyebrow">At <a href={clinicPath(clinic.slug)}>{clinic.name}</a>, {clinic.town}</p>
        <h1 className="mt-2 text-3xl leading-tight sm:text-5xl">{title}</h1>
        <p className="lead mt-4 max-w-3xl">{description}</p>
        <p className="mt-6">
          <a className="btn btn-primary" href={bookHref}>
            <CalendarCheck aria-hidden="true" className="size-5" />{bookLabel}
          </a>
        </p>
      </header>

      {/* On phones the contents fold away (a native <details>, no script); on wide screens they sit beside the text. */}
      <details className="toc-details lg:hidden">
        <summary>On this page<ChevronDown aria-hidden="true" className="toc-chevron ml-auto size-5 text-muted" /></summary>
        <nav aria-label="On this page (phone)"><Contents outline={rendered.outline} /></nav>
      </details>

      <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_18rem] lg:gap-16">
        <article className="min-w-0">
          <div className="prose" dangerouslySetInnerHTML={{ __html: rendered.before }} />

          <section aria-labelledby={rendered.pricesId} className="prose-section">
            <h2 id={rendered.pricesId}>Prices at {clinic.name}</h2>
            {services.length === 0 ? (
              <p className="panel mt-4">Please contact the clinic for prices.</p>
            ) : (
              <div className="mt-4"><PriceList services={services} currency={clinic.currency} /></div>
            )}
            {practitioners.length > 0 && (
              <>
                <h3 className="mt-8 text-xl">Who gives {treatment.name} here</h3>
                <ul className="mt-3 grid list-none gap-3 p-0 sm:grid-cols-2">
                  {practitioners.map((p) => (
                    <li key={p.userId} className="panel flex items-start gap-3 p-4 sm:p-4">
                      <PractitionerAvatar initials={p.initials} photo={p.photo} />
                      <div className="min-w-0">
                        <a href={practitionerPath(clinic.slug, p.userId)} className="font-semibold">{p.name}</a>
                        {p.title && <p className="muted">{p.title}</p>}
                        {treatment.kind === 'facial' && p.hasVerifiedFacialQualification && (
                          <p className="mt-2"><VerifiedBadge>Facial qualification verified</VerifiedBadge></p>
                        )}
                      </div>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          {check && (
            <div className="mt-14">
              <SuitabilityCheck {...check} action={treatmentPath(clinic.slug, treatment.slug)} bookHref={bookHref} clinicPhone={clinic.phone} />
            </div>
          )}

          {rendered.after && <div className="prose mt-14" dangerouslySetInnerHTML={{ __html: rendered.after }} />}

          <aside className="note mt-12" aria-label="About this page">
            <Info aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-jade-700" />
            <p>
              This page is general information, not medical advice. If you have a health concern, please talk to your GP.
              Everyone is different: your practitioner will talk with you about what is right for you. For more on choosing a
              practitioner and a clinic, read <a href={guidePath(treatment.slug)}>Yintang’s guide to {treatment.name}</a>.
            </p>
          </aside>
        </article>

        <aside className="hidden lg:block" aria-label="Beside the text">
          <div className="sticky top-6 flex flex-col gap-6">
            <nav aria-label="On this page" className="card">
              <h2 className="text-base font-semibold">On this page</h2>
              <div className="mt-2"><Contents outline={rendered.outline} /></div>
            </nav>
            <section className="card" aria-labelledby="book-aside">
              <h2 id="book-aside" className="text-base font-semibold">{clinic.name}</h2>
              <p className="muted mt-1">{clinic.address}</p>
              <p className="mt-4">
                <a className="btn btn-primary w-full" href={bookHref}>{bookLabel}</a>
              </p>
            </section>
          </div>
        </aside>
      </div>
    </PublicLayout>
  );
}
