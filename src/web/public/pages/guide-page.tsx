import { ArrowRight, BookOpenCheck, CalendarCheck, ChevronDown, Info, MapPin, Search } from 'lucide-react';
import { PublicLayout } from '../public-layout.tsx';
import type { Place } from '../../../domain/directory/search-directory.ts';
import { TREATMENTS, type Treatment } from '../../../domain/treatments/treatments.ts';
import type { GuideArticle } from '../../../features/guide/guide-articles.ts';
import type { GuideClinics, GuidePlaceQuery } from '../../../features/guide/guide.service.ts';
import { clinicPath, guideIndexPath, guidePath, treatmentPath } from '../../../features/site/site.paths.ts';
import { formatDate, formatMoney } from '../../lib/format.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { Stars } from '../components/review-list.tsx';
import { LOCATE_SCRIPT_PATH } from '../components/search-form.tsx';
import { formatDistance } from './find-page.tsx';
import { LocateFixed } from 'lucide-react';

export interface GuidePageProps {
  article: GuideArticle;
  clinics: GuideClinics;
  query: GuidePlaceQuery;
  /** Where "Book" goes for a clinic (its booking page on the treatment's first service). */
  bookHref: (clinicId: string, clinicSlug: string) => string;
  /** The directory's address for the same search, for "see all". */
  findHref: string;
}

/** The id of the clinics section, for links from the top of the page. */
export const CLINICS_ID = 'clinics';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Contents({ outline }: { outline: GuideArticle['rendered']['outline'] }) {
  return (
    <ol className="toc">
      {outline.map((o) => <li key={o.id}><a href={`#${o.id}`}>{o.text}</a></li>)}
      <li><a href={`#${CLINICS_ID}`}>Clinics offering this</a></li>
    </ol>
  );
}

/** Where distances are measured from, in words, or undefined when there is no position. */
function origin(place: Place): string | undefined {
  switch (place.kind) {
    case 'postcode': return place.postcode.full ?? place.postcode.district;
    case 'placed-town': return place.name;
    case 'point': return 'where you are';
    default: return undefined;
  }
}

function Summary({ treatment, clinics }: { treatment: Treatment; clinics: GuideClinics }) {
  const { place, total } = clinics;
  const from = origin(place);
  const count = plural(total, 'clinic', 'clinics');
  const offers = total === 1 ? 'offers' : 'offer';
  if (place.kind === 'town') return <p role="status" className="text-lg"><strong>{count}</strong> in {place.town} {offers} {treatment.name}.</p>;
  if (place.kind === 'unplaced-postcode') {
    return <p role="status" className="text-lg">We cannot place the postcode {place.postcode.full ?? place.postcode.district} yet. Try your town’s name, or a nearby postcode district.</p>;
  }
  if (from) return <p role="status" className="text-lg"><strong>{count}</strong> {offers} {treatment.name}, nearest to {from} first.</p>;
  return (
    <p role="status" className="text-lg">
      <strong>{count}</strong> {offers} {treatment.name}, in alphabetical order. Give your town or postcode to see the nearest first.
    </p>
  );
}

function ClinicsSection({ article, clinics, query, bookHref, findHref }: GuidePageProps) {
  const { treatment } = article;
  const bookLabel = treatment.kind === 'facial' ? 'Book a consultation' : 'Book';
  const action = guidePath(treatment.slug);
  return (
    <section id={CLINICS_ID} aria-labelledby="clinics-heading" className="mt-16 scroll-mt-6">
      <h2 id="clinics-heading" className="text-2xl sm:text-3xl">Clinics offering {treatment.name}</h2>
      <p className="muted mt-2">Each clinic’s page gives its registration with the local council and how it keeps treatment hygienic.</p>
      <form method="get" action={`${action}#${CLINICS_ID}`} role="search" aria-label={`Find clinics offering ${treatment.name}`} className="card mt-5">
        <label className="label" htmlFor="guide-where">Your town or postcode</label>
        <div className="mt-1.5 flex flex-col gap-3 sm:flex-row">
          <input
            className="input sm:max-w-sm" id="guide-where" name="where" type="text" defaultValue={query.where ?? ''}
            autoComplete="postal-code" maxLength={100} placeholder="For example Bath or BA1"
          />
          <button type="submit" className="btn btn-primary shrink-0">
            <Search aria-hidden="true" className="size-5" />Show the nearest
          </button>
        </div>
        {/* "Use my location": shown by the page's script only where the browser can tell its position, and asked only when pressed. */}
        <p className="mt-3" hidden data-locate="">
          <button type="button" className="btn btn-secondary" data-locate-button="">
            <LocateFixed aria-hidden="true" className="size-4" />
            <span data-locate-label="">Use my location</span>
          </button>
          <span className="hint ml-2" role="status" data-locate-status="" />
        </p>
      </form>
      <div className="mt-6">
        {query.notices.map((n) => <p key={n} className="notice mb-4">{n}</p>)}
        <Summary treatment={treatment} clinics={clinics} />
        {clinics.total === 0 ? (
          <div className="panel mt-4">
            {clinics.place.kind === 'town' && <p>We could not find a clinic in “{clinics.place.town}”. Try a nearby town, or a postcode district such as BA1.</p>}
            {clinics.towns.length > 0 && <p className="mt-2">We have clinics in {clinics.towns.join(', ')}.</p>}
            <p className="mt-4"><a href={`${action}#${CLINICS_ID}`} className="font-medium">Show every clinic offering {treatment.name}</a></p>
          </div>
        ) : (
          <ul className="mt-4 grid list-none gap-4 p-0 md:grid-cols-2">
            {clinics.shown.map(({ clinic, distanceKm, practitioners }) => {
              const price = clinic.pricesFrom[treatment.kind];
              const verified = practitioners.filter((p) => p.verifiedFacial).length;
              return (
                <li key={clinic.id} className="card flex flex-col">
                  <h3 className="text-xl"><a href={clinicPath(clinic.slug)}>{clinic.name}</a></h3>
                  <p className="muted mt-1 flex flex-wrap items-center gap-x-2">
                    <MapPin aria-hidden="true" className="size-4 shrink-0" />
                    <span>{clinic.town}, {clinic.postcode}</span>
                    {distanceKm !== undefined && <><span aria-hidden="true">·</span><span>{formatDistance(distanceKm)}</span></>}
                  </p>
                  {clinic.rating && (
                    <p className="mt-1 flex flex-wrap items-center gap-x-2">
                      <Stars rating={clinic.rating.average} className="size-4" />
                      <span>{clinic.rating.average.toFixed(1)} from {plural(clinic.rating.count, 'review', 'reviews')}</span>
                    </p>
                  )}
                  <ul className="mt-3 flex list-none flex-col gap-1 p-0">
                    {price !== undefined && <li>{treatment.label} from <strong>{formatMoney(price, clinic.currency)}</strong></li>}
                    {practitioners.length > 0 && <li>{plural(practitioners.length, 'practitioner gives', 'practitioners give')} {treatment.name}</li>}
                    {treatment.kind === 'facial' && verified > 0 && <li>{verified} with a facial qualification verified by the clinic</li>}
                  </ul>
                  <p className="mt-auto flex flex-wrap items-center gap-x-5 gap-y-3 pt-5">
                    <a className="btn btn-primary" href={bookHref(clinic.id, clinic.slug)}>
                      <CalendarCheck aria-hidden="true" className="size-5" />{bookLabel}<span className="sr-only"> at {clinic.name}</span>
                    </a>
                    <a className="inline-flex items-center gap-1 font-medium" href={treatmentPath(clinic.slug, treatment.slug)}>
                      {treatment.label} at {clinic.name}<ArrowRight aria-hidden="true" className="size-4 shrink-0" />
                    </a>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
        {clinics.total > clinics.shown.length && (
          <p className="mt-6"><a className="btn btn-secondary" href={findHref}>See all {clinics.total} clinics offering {treatment.name}</a></p>
        )}
        {(clinics.place.kind === 'placed-town' || (clinics.place.kind === 'postcode' && clinics.place.precision === 'post-town')) && (
          <p className="muted mt-6 text-sm">Town positions from <a href="https://www.geonames.org/">GeoNames</a>, <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>
        )}
      </div>
    </section>
  );
}

/** One article of Yintang's treatment guide, with the clinics that offer the treatment. */
export function GuidePage(props: GuidePageProps) {
  const { article } = props;
  const { treatment, rendered } = article;
  const others = TREATMENTS.filter((t) => t.slug !== treatment.slug);
  return (
    <PublicLayout>
      <Breadcrumbs crumbs={[{ name: 'Home', href: '/' }, { name: 'Treatments', href: guideIndexPath }, { name: article.title, href: guidePath(treatment.slug) }]} />
      <header className="pb-8 pt-6 sm:pb-10 sm:pt-8">
        <p className="eyebrow">Yintang treatment guide</p>
        <h1 className="mt-2 text-3xl leading-tight sm:text-5xl">{article.title}</h1>
        <p className="lead mt-4 max-w-3xl">{article.summary}</p>
        <p className="muted mt-4 flex items-center gap-2 text-base">
          <BookOpenCheck aria-hidden="true" className="size-4 shrink-0" />
          <span>Written by Yintang. Last checked against its sources on <time dateTime={article.lastReviewed}>{formatDate(`${article.lastReviewed}T12:00:00Z`, 'UTC')}</time>.</span>
        </p>
        <p className="mt-6">
          <a className="btn btn-primary" href={`#${CLINICS_ID}`}>
            <MapPin aria-hidden="true" className="size-5" />Find clinics offering {treatment.name}
          </a>
        </p>
      </header>

      {/* On phones the contents fold away (a native <details>, no script); on wide screens they sit beside the text. */}
      <details className="toc-details lg:hidden">
        <summary>On this page<ChevronDown aria-hidden="true" className="toc-chevron ml-auto size-5 text-muted" /></summary>
        <nav aria-label="On this page (phone)"><Contents outline={rendered.outline} /></nav>
      </details>

      <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_18rem] lg:gap-16">
        <div className="min-w-0">
          <article className="prose" dangerouslySetInnerHTML={{ __html: rendered.html }} />
          <aside className="note mt-12" aria-label="About this guide">
            <Info aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-jade-700" />
            <p>
              This guide is general information, not medical advice. If you have a health concern, please talk to your GP.
              Everyone is different: a practitioner will talk with you about what is right for you.
            </p>
          </aside>
          <ClinicsSection {...props} />
          {/* On wide screens this list sits beside the text. */}
          <nav aria-label="Other treatments (phone)" className="mt-14 lg:hidden">
            <h2 className="text-xl">Other treatments</h2>
            <ul className="mt-3 flex list-none flex-col gap-2 p-0">
              {others.map((t) => <li key={t.slug}><a href={guidePath(t.slug)}>{t.label}</a></li>)}
            </ul>
          </nav>
        </div>

        <aside className="hidden lg:block" aria-label="Beside the text">
          <div className="sticky top-6 flex flex-col gap-6">
            <nav aria-label="On this page" className="card">
              <h2 className="text-base font-semibold">On this page</h2>
              <div className="mt-2"><Contents outline={rendered.outline} /></div>
            </nav>
            <nav aria-label="Other treatments" className="card">
              <h2 className="text-base font-semibold">Other treatments</h2>
              <ul className="mt-2 flex list-none flex-col gap-1 p-0">
                {others.map((t) => <li key={t.slug}><a href={guidePath(t.slug)}>{t.label}</a></li>)}
              </ul>
            </nav>
          </div>
        </aside>
      </div>
      <script type="module" src={LOCATE_SCRIPT_PATH} />
    </PublicLayout>
  );
}
