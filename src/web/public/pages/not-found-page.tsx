import { PublicLayout } from '../public-layout.tsx';

export function NotFoundPage() {
  return (
    <PublicLayout>
      <section className="page-narrow">
        <p className="eyebrow">Page not found</p>
        <h1 className="mt-2 text-3xl sm:text-4xl">We could not find that page</h1>
        <p className="mt-4">The address may be mistyped, or the page may have moved.</p>
        <p className="mt-6"><a className="btn btn-primary" href="/">Go to the home page</a></p>
        <p className="muted mt-4">From there you can find a clinic and its practitioners.</p>
      </section>
    </PublicLayout>
  );
}
