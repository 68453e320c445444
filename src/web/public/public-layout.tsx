import type { ReactNode } from 'react';

/** Header and footer shared by every public page. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="site-header">
        <div className="container header-inner">
          <a className="brand" href="/">Yintang</a>
          <nav aria-label="Main">
            <ul className="nav-list">
              <li><a href="/#clinics">Find a clinic</a></li>
              <li><a href="/app/sign-in">Sign in</a></li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="container">{children}</main>
      <footer className="site-footer">
        <div className="container">
          <p>Yintang helps you find qualified acupuncturists at safe, registered clinics.</p>
          <p><a href="/app/register-clinic">Run a clinic? Join Yintang</a> · <a href="/api/docs">API</a></p>
        </div>
      </footer>
    </>
  );
}
