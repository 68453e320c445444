import { PublicLayout } from '../public-layout.tsx';
import type { ClinicProfile, PractitionerView } from '../../../features/site/site.service.ts';
import { clinicPath, practitionerPath } from '../../../features/site/site.paths.ts';
import type { ReviewSummary } from '../../../features/reviews/reviews.repository.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { Pagination } from '../components/pagination.tsx';
import { ONLY_VERIFIED_VISITS, RatingSummary, ReviewItems } from '../components/review-list.tsx';

export interface ReviewsPageProps {
  profile: ClinicProfile;
  /** Only this practitioner's reviews. */
  person?: PractitionerView;
  reviews: ReviewSummary;
  page: number;
  pageCount: number;
  pageHref: (page: number) => string;
}

/** Every visible review of a clinic (or of one of its practitioners), newest first, a page at a time. */
export function ReviewsPage({ profile, person, reviews, page, pageCount, pageHref }: ReviewsPageProps) {
  const { clinic } = profile;
  const subject = person ? `${person.name} at ${clinic.name}` : clinic.name;
  const outOfRange = page > Math.max(1, pageCount);
  return (
    <PublicLayout>
      <Breadcrumbs crumbs={[
        { name: 'Find a clinic', href: '/find' },
        { name: clinic.name, href: clinicPath(clinic.slug) },
        ...(person ? [{ name: person.name, href: practitionerPath(clinic.slug, person.userId) }] : []),
        { name: 'Reviews', href: pageHref(1) },
      ]} />
      <h1 className="mt-4 text-3xl">Reviews of {subject}</h1>
      <div className="mt-4"><RatingSummary summary={reviews} /></div>
      <p className="hint mt-2">{ONLY_VERIFIED_VISITS}</p>
      {pageCount > 1 && !outOfRange && <p className="muted mt-2">Page {page} of {pageCount}, newest first.</p>}
      {outOfRange ? (
        <div className="card mt-6" role="status">
          <p>There is no page {page} of reviews{reviews.aggregate.count > 0 ? `: there ${pageCount === 1 ? 'is 1 page' : `are ${pageCount} pages`}` : ' yet'}.</p>
          <p className="mt-4"><a className="btn btn-secondary" href={pageHref(1)}>Go to the newest reviews</a></p>
        </div>
      ) : (
        <ReviewItems items={reviews.items} timeZone={clinic.timeZone} showPractitioner={!person} />
      )}
      <Pagination page={page} pageCount={pageCount} pageHref={pageHref} label="Pages of reviews" outOfRange={outOfRange} />
      <p className="mt-8"><a href={person ? practitionerPath(clinic.slug, person.userId) : clinicPath(clinic.slug)}>Back to {person ? person.name : clinic.name}</a></p>
    </PublicLayout>
  );
}
