import type { ReactNode } from 'react';

/** Header and footer shared by every public page. Server-rendered, no client JavaScript. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="site-header">
        <div className="container header-inner">
          <a className="brand" href="/">
            <span className="brand-mark" aria-hidden="true" />
            Yintang
          </a>
          <nav aria-label="Main">
            <ul className="nav-list">
              <li><a href="/find">Find a clinic</a></li>
              <li><a href="/treatments">Treatments</a></li>
              <li><a href="/app/sign-in">Sign in</a></li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container pb-8">{children}</main>
      <footer className="site-footer">
        <div className="container flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <p className="max-w-md">Yintang helps you find qualified acupuncturists at safe, registered clinics.</p>
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            <li><a href="/treatments">Treatments</a></li>
            <li><a href="/app/register-clinic">Run a clinic? Join Yintang</a></li>
            <li><a href="/api/docs">API</a></li>
          </ul>
        </div>
      </footer>
    </>
  );
}
