import { ArrowRight, MapPin, SearchX } from 'lucide-react';
import { PublicLayout } from '../public-layout.tsx';
import { type DirectoryHit, type DirectoryResult, type Place } from '../../../domain/directory/search-directory.ts';
import { NATION_NAMES, POSTCODE_AREA_TOWNS } from '../../../domain/geo/gazetteer.ts';
import { kmToMiles } from '../../../domain/geo/haversine.ts';
import { TREATMENTS, type Treatment } from '../../../domain/treatments/treatments.ts';
import type { DirectoryEntry } from '../../../features/directory/directory.repository.ts';
import type { FindPageRequest } from '../../../features/directory/directory.service.ts';
import { clinicPath, practitionerPath } from '../../../features/site/site.paths.ts';
import { initialsOf, publicPhoto } from '../../../features/site/site.service.ts';
import { clinicImagePath } from '../../../domain/photos/photo-files.ts';
import { formatMoney } from '../../lib/format.ts';
import { PractitionerAvatar } from '../components/practitioner-avatar.tsx';
import { Pagination } from '../components/pagination.tsx';
import { LOCATE_SCRIPT_PATH, SearchForm } from '../components/search-form.tsx';
import { VerifiedBadge } from '../components/verified-badge.tsx';
import { Stars } from '../components/review-list.tsx';

export interface FindPageProps {
  request: FindPageRequest;
  place: Place;
  result: DirectoryResult;
  towns: string[];
  /** The nearest clinics beyond the distance asked for, when none were within it. */
  nearest: (DirectoryHit & { clinic: DirectoryEntry })[];
  /** Builds the address of another page of the same search. */
  pageHref: (page: number) => string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "1.2 miles away", "under 0.1 miles away", "24 miles away". */
export function formatDistance(km: number): string {
  const miles = kmToMiles(km);
  if (miles < 0.1) return 'under 0.1 miles away';
  return `${miles < 10 ? miles.toFixed(1) : Math.round(miles)} miles away`;
}

function Summary({ request, place, result }: Pick<FindPageProps, 'request' | 'place' | 'result'>) {
  const { search } = request;
  const what = search.treatment ? `offering ${search.treatment.name}` : '';
  const from = place.kind === 'postcode' ? place.postcode.full ?? place.postcode.district
    : place.kind === 'placed-town' ? place.name
    : place.kind === 'point' ? 'the point you chose' : undefined;
  const where = place.kind === 'town' ? `in ${place.town}`
    : from === undefined ? ''
    : search.withinMiles !== undefined ? `within ${search.withinMiles} miles of ${from}, nearest first`
    : place.kind === 'placed-town' ? `by distance from ${from}, nearest first`
    : `near ${from}, nearest first`;
  const verified = search.verifiedOnly ? 'with a verified facial acupuncture qualification' : '';
  const rated = search.minRating !== undefined ? `rated ${search.minRating} stars or more` : '';
  return (
    <p className="text-lg" role="status">
      <strong>{plural(result.total, 'clinic', 'clinics')}</strong>
      {[what, where, verified, rated].filter(Boolean).map((part) => ` ${part}`).join('')}
      {result.total > 0 && result.pageCount > 1 && !result.outOfRange ? ` · page ${result.page} of ${result.pageCount}` : ''}
    </p>
  );
}

const placeNote = (text: string) => <p className="muted mt-1">{text}</p>;
const postTownName = (place: Extract<Place, { kind: 'postcode' }>) => POSTCODE_AREA_TOWNS[place.postcode.area]?.split(':')[0] ?? place.postcode.area;

function NoResults({ request, place, towns, nearest }: Pick<FindPageProps, 'request' | 'place' | 'towns' | 'nearest'>) {
  return (
    <div className="panel mt-6 flex gap-4">
      <SearchX aria-hidden="true" className="mt-0.5 size-6 shrink-0 text-muted" />
      <div>
        <h2 className="text-xl">No clinics match your search</h2>
        {place.kind === 'unplaced-postcode' && (
          <p className="mt-2">We do not have any clinics in or near the postcode area {place.postcode.area} yet, so we cannot sort by distance from {place.postcode.district}.</p>
        )}
        {place.kind === 'town' && (
          <p className="mt-2">We could not find a clinic in “{place.town}”. Try a nearby town, or a postcode district such as BA1.</p>
        )}
        {(request.search.treatment || request.search.verifiedOnly || request.search.withinMiles !== undefined || request.search.minRating !== undefined) && (
          <p className="mt-2">Removing a filter may help.</p>
        )}
        {nearest.length > 0 && (
          <>
            <p className="mt-2">The nearest {nearest.length === 1 ? 'clinic is' : 'clinics are'}:</p>
            <ul className="mt-1 list-disc pl-6">
              {nearest.map((hit) => (
                <li key={hit.clinic.id}><a href={clinicPath(hit.clinic.slug)}>{hit.clinic.name}</a>, {hit.clinic.town}, {formatDistance(hit.distanceKm!)}</li>
              ))}
            </ul>
          </>
        )}
        {towns.length > 0 && nearest.length === 0 && <p className="mt-2">We have clinics in {towns.join(', ')}.</p>}
        <p className="mt-4"><a href="/find" className="font-medium">See every clinic</a></p>
      </div>
    </div>
  );
}

function ResultCard({ hit, treatment }: { hit: DirectoryHit & { clinic: DirectoryEntry }; treatment?: Treatment }) {
  const { clinic, practitioners, distanceKm } = hit;
  const offered = TREATMENTS.filter((t) => clinic.kinds.includes(t.kind));
  const price = treatment ? clinic.pricesFrom[treatment.kind] : undefined;
  return (
    <li className="card">
      <div className="flex flex-col gap-1 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
        {clinic.photo && (
          // The clinic's own photo, with the owner's description (it shows the place, so it is not decoration).
          <img src={clinicImagePath(clinic.photo.hash, 160)} alt={clinic.photo.alt} width={160} height={120} loading="lazy"
            className="mb-3 block h-30 w-40 shrink-0 rounded-lg object-cover ring-1 ring-line sm:mb-0" />
        )}
        <div className="min-w-0 sm:flex-1">
          <h2 className="text-xl"><a href={clinicPath(clinic.slug)}>{clinic.name}</a></h2>
          <p className="muted mt-1 flex flex-wrap items-center gap-x-2">
            <MapPin aria-hidden="true" className="size-4 shrink-0" />
            <span>{clinic.town}, {clinic.postcode}</span>
            {distanceKm !== undefined && <><span aria-hidden="true">·</span><span>{formatDistance(distanceKm)}</span></>}
          </p>
          {clinic.rating && (
            <p className="mt-1 flex flex-wrap items-center gap-x-2">
              <Stars rating={clinic.rating.average} className="size-4" />
              <span>{clinic.rating.average.toFixed(1)} from {clinic.rating.count} {clinic.rating.count === 1 ? 'review' : 'reviews'}</span>
            </p>
          )}
        </div>
        {price !== undefined && treatment && (
          <p className="shrink-0 sm:text-right">
            <span className="muted block text-base">{treatment.label} from</span>
            <span className="price">{formatMoney(price, clinic.currency)}</span>
          </p>
        )}
      </div>
      {offered.length > 0 && (
        // A plain list takes no aria-label (html-validate aria-label-misuse): its name is hidden text before it.
        <>
          <p className="sr-only">Treatments at {clinic.name}:</p>
          <ul className="mt-3 flex list-none flex-wrap gap-2 p-0">
            {offered.map((t) => <li key={t.slug}><span className="badge badge-neutral">{t.label}</span></li>)}
          </ul>
        </>
      )}
      {practitioners.length > 0 && (
        <>
          <h3 className="mt-5 text-base font-semibold">{treatment || hit.practitioners.length !== clinic.practitioners.length ? 'Matching practitioners' : 'Practitioners'}</h3>
          <ul className="mt-2 grid list-none gap-2 p-0 md:grid-cols-2">
            {practitioners.map((p) => (
              <li key={p.userId} className="flex items-start gap-3 rounded-lg bg-paper p-3">
                <PractitionerAvatar initials={initialsOf(p.name)} photo={publicPhoto(p.photoHash, p.name)} />
                <div className="min-w-0">
                  <a href={practitionerPath(clinic.slug, p.userId)} className="font-medium">{p.name}</a>
                  {p.title && <p className="muted text-base">{p.title}</p>}
                  {p.verifiedFacial && <p className="mt-1.5"><VerifiedBadge>Facial qualification verified</VerifiedBadge></p>}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-5">
        <a href={clinicPath(clinic.slug)} className="inline-flex items-center gap-1 font-medium">
          View {clinic.name}<ArrowRight aria-hidden="true" className="size-4" />
        </a>
      </p>
    </li>
  );
}

/** The directory: a search form and the clinics (with their practitioners) that match. */
export function FindPage({ request, place, result, towns, nearest, pageHref }: FindPageProps) {
  return (
    <PublicLayout>
      <header className="pb-6 pt-10 sm:pt-14">
        <p className="eyebrow">Directory</p>
        <h1 className="mt-2 text-3xl leading-tight sm:text-4xl">Find a clinic or practitioner</h1>
        <p className="lead mt-3 max-w-3xl">Search by treatment and place. Each clinic shows its prices, its practitioners and how they are qualified.</p>
      </header>
      <div className="card">
        <SearchForm values={request.form} />
      </div>

      <section aria-labelledby="results-heading" className="mt-10">
        <h2 id="results-heading" className="sr-only">Results</h2>
        {request.notices.map((n) => <p key={n} className="notice mb-4">{n}</p>)}
        {result.outOfRange ? (
          <div className="panel" role="status">
            <h2 className="text-xl">There is no page {result.page} of these results</h2>
            <p className="mt-2">
              {result.total === 0 ? 'No clinics match this search.' : `There ${result.pageCount === 1 ? 'is 1 page' : `are ${result.pageCount} pages`} of results.`}
            </p>
            <p className="mt-4"><a className="btn btn-secondary" href={pageHref(1)}>Go to the first page</a></p>
          </div>
        ) : (
          <>
            <Summary request={request} place={place} result={result} />
            {place.kind === 'postcode' && place.precision === 'area' && (
              <p className="muted mt-1">We have no clinics in {place.postcode.district} itself, so we measured from the {place.postcode.area} postcode area.</p>
            )}
            {place.kind === 'postcode' && place.precision === 'post-town' && placeNote(`Distances from ${place.postcode.district} are measured from the centre of ${postTownName(place)}, the town its postcode area is named after, so they may be a few miles out.`)}
            {place.kind === 'placed-town' && place.others.length > 0 && placeNote(`We measured from ${place.name}, ${NATION_NAMES[place.nation] ?? place.nation}, the largest place of that name. There is also ${place.others.slice(0, 3).map((o) => `a ${place.name} in ${NATION_NAMES[o.nation] ?? o.nation}`).join(', ')}${place.others.length > 3 ? ' and others' : ''}: try a postcode district to be exact.`)}
            {result.total === 0 ? (
              <NoResults request={request} place={place} towns={towns} nearest={nearest} />
            ) : (
              <ul className="mt-6 flex list-none flex-col gap-4 p-0">
                {result.hits.map((hit) => <ResultCard key={hit.clinic.id} hit={hit as DirectoryHit & { clinic: DirectoryEntry }} treatment={request.search.treatment} />)}
              </ul>
            )}
            <Pagination page={result.page} pageCount={result.pageCount} outOfRange={result.outOfRange} pageHref={pageHref} label="Pages of results" />
            {(place.kind === 'placed-town' || (place.kind === 'postcode' && place.precision === 'post-town')) && (
              <p className="muted mt-8 text-sm">Town positions from <a href="https://www.geonames.org/">GeoNames</a>, <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>
            )}
          </>
        )}
      </section>
      <script type="module" src={LOCATE_SCRIPT_PATH} />
    </PublicLayout>
  );
}
