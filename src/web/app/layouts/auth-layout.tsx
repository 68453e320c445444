import type { ReactNode } from 'react';
import { Outlet } from 'react-router';

/**
 * A quiet centred column with the brand and no navigation: signing in and up, and the
 * pages e-mail links open (which are wider, to show a booking, and have no footer).
 */
export function CentredColumnLayout({ wide = false, footer = true }: { wide?: boolean; footer?: boolean }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="px-4 py-5 sm:px-8">
        <a className="brand" href="/">
          <span className="brand-mark" aria-hidden="true" />
          Yintang
        </a>
      </header>
      <main id="main" className="flex flex-1 justify-center px-4 pt-4 pb-16 sm:pt-10">
        <div className={wide ? 'w-full max-w-2xl' : 'w-full max-w-md'}>
          <Outlet />
        </div>
      </main>
      {footer && (
        <footer className="muted px-4 py-6 text-center">
          <a href="/">Find a clinic</a>
          <span aria-hidden="true" className="px-2">·</span>
          <a href="/app/register-clinic">Register a clinic</a>
        </footer>
      )}
    </div>
  );
}

export const AuthLayout = () => <CentredColumnLayout />;

/** The card around an auth form, with its heading. */
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="card sm:p-8">
      <h1 tabIndex={-1} className="text-2xl sm:text-3xl">{title}</h1>
      {description && <div className="muted mt-2">{description}</div>}
      <div className="mt-6">{children}</div>
    </section>
  );
}
