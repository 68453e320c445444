import { LocateFixed, Search } from 'lucide-react';
import { TREATMENTS } from '../../../domain/treatments/treatments.ts';

export interface SearchValues {
  treatment?: string;
  where?: string;
  within?: string;
  verified?: boolean;
  rating?: string;
}

/** Distances offered, in miles (UK readers think in miles). */
export const WITHIN_MILES = ['5', '10', '25', '50'] as const;

/** Where the page loads the "Use my location" script from. */
export const LOCATE_SCRIPT_PATH = '/find/locate.js';

/**
 * "Use my location": asks the browser for the visitor's position only when they press the
 * button, then submits the search with `near=lat,lng` (rounded to about 100 m). Nothing
 * is kept: the position lives in that one address (which the request log redacts).
 */
export const LOCATE_SCRIPT = `
const box = document.querySelector('[data-locate]');
const form = box && box.closest('form');
if (box && form && 'geolocation' in navigator) {
  box.hidden = false;
  const button = box.querySelector('[data-locate-button]');
  const status = box.querySelector('[data-locate-status]');
  button.addEventListener('click', () => {
    button.disabled = true;
    status.textContent = 'Finding where you are…';
    navigator.geolocation.getCurrentPosition((position) => {
      let near = form.querySelector('input[name="near"]');
      if (!near) {
        near = document.createElement('input');
        near.type = 'hidden';
        near.name = 'near';
        form.append(near);
      }
      near.value = position.coords.latitude.toFixed(3) + ',' + position.coords.longitude.toFixed(3);
      const where = form.querySelector('input[name="where"]');
      if (where) where.value = '';
      form.submit();
    }, () => {
      button.disabled = false;
      status.textContent = 'Your browser did not share your location. Type a town or postcode instead.';
    }, { maximumAge: 600000, timeout: 15000 });
  });
}`;

/**
 * The directory search: a plain GET form to /find, so it works with JavaScript off and
 * every search has an address that can be shared or bookmarked.
 */
export function SearchForm({ values = {}, compact = false, idPrefix = 'search' }: { values?: SearchValues; compact?: boolean; idPrefix?: string }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form method="get" action="/find" role="search" aria-label="Find a clinic" className={compact ? 'search-form search-form-compact' : 'search-form'}>
      <div className="search-fields">
        <div>
          <label className="label" htmlFor={id('treatment')}>Treatment</label>
          <select className="input mt-1.5" id={id('treatment')} name="treatment" defaultValue={values.treatment ?? ''}>
            <option value="">Any treatment</option>
            {TREATMENTS.map((t) => <option key={t.slug} value={t.slug}>{t.label}</option>)}
          </select>
        </div>
        <div>
          <label className="label" htmlFor={id('where')}>Town or postcode</label>
          <input
            className="input mt-1.5" id={id('where')} name="where" type="text" defaultValue={values.where ?? ''}
            autoComplete="postal-code" maxLength={100} placeholder="For example Bath or BA1" aria-describedby={compact ? undefined : id('where-hint')}
          />
          {!compact && <p className="hint mt-1" id={id('where-hint')}>A town or a postcode district such as LS1 sorts clinics by distance.</p>}
          {!compact && (
            // Shown by the page's script only where the browser can tell its location, and
            // only asked when pressed; the position goes into this search's address, nowhere else.
            <p className="mt-2" hidden data-locate="">
              <button type="button" className="btn btn-secondary" data-locate-button="">
                <LocateFixed aria-hidden="true" className="size-4" />
                <span data-locate-label="">Use my location</span>
              </button>
              <span className="hint ml-2" role="status" data-locate-status="" />
            </p>
          )}
        </div>
        {!compact && (
          <div>
            <label className="label" htmlFor={id('rating')}>Rating</label>
            <select className="input mt-1.5" id={id('rating')} name="rating" defaultValue={values.rating ?? ''}>
              <option value="">Any rating</option>
              <option value="4">4 stars and above</option>
              <option value="3">3 stars and above</option>
            </select>
          </div>
        )}
        {!compact && (
          <div>
            <label className="label" htmlFor={id('within')}>Distance</label>
            <select className="input mt-1.5" id={id('within')} name="within" defaultValue={values.within ?? ''}>
              <option value="">Any distance</option>
              {WITHIN_MILES.map((m) => <option key={m} value={m}>Within {m} miles</option>)}
            </select>
          </div>
        )}
      </div>
      {!compact && (
        <p className="mt-4 flex items-start gap-3">
          <input className="checkbox" type="checkbox" id={id('verified')} name="verified" value="1" defaultChecked={values.verified} />
          <label htmlFor={id('verified')}>Only practitioners with a facial acupuncture qualification verified by their clinic</label>
        </p>
      )}
      <p className={compact ? 'search-submit' : 'mt-5'}>
        <button type="submit" className="btn btn-primary w-full sm:w-auto">
          <Search aria-hidden="true" className="size-5" />
          {compact ? 'Find a clinic' : 'Search'}
        </button>
      </p>
    </form>
  );
}
