import { PublicLayout } from '../public-layout.tsx';

/**
 * The calm page a visitor sees while the database is away (503) or its disk is full (507):
 * what happened, that nothing they sent was saved, and what to do. Needs no database.
 */
export function FaultPage({ fault }: { fault: 'unavailable' | 'disk-full' }) {
  const full = fault === 'disk-full';
  return (
    <PublicLayout>
      <section className="page-narrow">
        <p className="eyebrow">{full ? 'Saving is paused' : 'Back in a moment'}</p>
        <h1 className="mt-2 text-3xl sm:text-4xl">{full ? 'We cannot save anything just now' : 'The clinic’s system is briefly unavailable'}</h1>
        {full ? (
          <p className="mt-4">The clinic’s system has run out of disk space, so nothing new can be saved. Nothing you sent was saved. Please try again later, or contact the clinic by phone or e-mail.</p>
        ) : (
          <p className="mt-4">The clinic’s system is briefly unavailable; please try again in a minute. Nothing you sent was saved.</p>
        )}
        <p className="mt-6"><a className="btn btn-primary" href="/">Try the home page again</a></p>
        <p className="muted mt-4">If you were booking, your booking was not made; you can book again once the page loads.</p>
      </section>
    </PublicLayout>
  );
}
