import { PublicLayout } from '../public-layout.tsx';

export function NotFoundPage() {
  return (
    <PublicLayout>
      <section className="page-narrow">
        <h1>We could not find that page</h1>
        <p>The address may be mistyped, or the page may have moved.</p>
        <p><a href="/">Go to the home page</a> to find a clinic.</p>
      </section>
    </PublicLayout>
  );
}
