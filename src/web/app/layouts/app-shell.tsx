import { useEffect, useId, useRef, useState } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LogOut, Menu, X } from 'lucide-react';
import { DiskBanner } from '../pages/system/disk-banner.tsx';
import { ROLE_LABEL, useSession, type ClinicContext } from '../session.tsx';
import { menuSections, navigationFor, type NavItem } from '../navigation.ts';
import { Button } from '../../components/button.tsx';
import { errorMessage } from '../../lib/api-client.ts';

/**
 * The signed-in app: a calm sidebar on tablets and desktops that becomes a top bar with
 * a menu button on phones. Only people who are signed in get here; a staff member whose
 * clinic requires two-factor sign-in is sent to set it up first.
 */
export function AppShell() {
  const { session, active, signedOut } = useSession();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();

  // Close the phone menu whenever the screen changes, and on Escape.
  useEffect(() => setMenuOpen(false), [location.pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  if (!session?.user) {
    if (signedOut) return <Navigate to="/app/sign-in?signedOut=1" replace />;
    const here = location.pathname + location.search;
    return <Navigate to={here === '/app' || here === '/app/' ? '/app/sign-in' : `/app/sign-in?next=${encodeURIComponent(here)}`} replace />;
  }
  if (active?.mustSetUpTwoFactor && location.pathname !== '/app/account') {
    return <Navigate to="/app/account" replace />;
  }

  return (
    <div className="min-h-dvh lg:flex">
      <a className="skip-link" href="#main">Skip to content</a>

      {/* Phone and small tablet: a top bar with a menu button. */}
      <div className="sticky top-0 z-30 flex items-center justify-between border-b border-line bg-paper/95 px-4 py-2 backdrop-blur lg:hidden print:hidden">
        <Link className="brand" to="/app">
          <span className="brand-mark" aria-hidden="true" />
          Yintang
        </Link>
        <Button
          variant="ghost"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          onClick={() => setMenuOpen((open) => !open)}
        >
          {menuOpen ? <X aria-hidden="true" className="size-5" /> : <Menu aria-hidden="true" className="size-5" />}
          Menu
        </Button>
      </div>

      {/* The column runs the full height of the page; its contents stay in view while the page scrolls. */}
      <div
        id={menuId}
        className={`${menuOpen ? 'block' : 'hidden'} border-b border-line bg-white lg:block lg:w-72 lg:shrink-0 lg:border-r lg:border-b-0 print:hidden`}
      >
        <div className="lg:sticky lg:top-0 lg:flex lg:h-dvh lg:flex-col">
          <Sidebar />
        </div>
      </div>

      <main id="main" className="min-w-0 flex-1">
        <div className="mx-auto max-w-5xl px-4 py-8 sm:px-8 lg:py-12">
          {active?.role === 'owner' && <DiskBanner key={`${active.slug}${location.pathname}`} slug={active.slug} />}
          <Outlet />
        </div>
      </main>
    </div>
  );
}

function Sidebar() {
  const { session, contexts, active } = useSession();
  const items = navigationFor(active);
  const { pathname } = useLocation();
  const column = useRef<HTMLDivElement>(null);
  // The owner's long menu scrolls on its own on a laptop: bring the screen you are on into
  // view, or Clinic settings opens with the menu showing only Today to Money. On a phone the
  // menu does not scroll by itself (scrollHeight equals clientHeight), so nothing moves there.
  useEffect(() => {
    const box = column.current;
    const here = box?.querySelector('[aria-current="page"]');
    if (!box || !here || box.scrollHeight <= box.clientHeight) return;
    const outer = box.getBoundingClientRect();
    const inner = here.getBoundingClientRect();
    if (inner.top < outer.top || inner.bottom > outer.bottom) box.scrollTop += inner.top - outer.top - (outer.height - inner.height) / 2;
  }, [pathname]);
  return (
    <div ref={column} className="flex h-full flex-col gap-6 px-4 py-5 lg:overflow-y-auto lg:px-5 lg:py-6">
      <Link className="brand hidden lg:inline-flex" to="/app">
        <span className="brand-mark" aria-hidden="true" />
        Yintang
      </Link>

      <ClinicSwitcher contexts={contexts} active={active} />

      <nav aria-label="Main" className="flex flex-col gap-4">
        {menuSections(items).map((section, index) => (
          <MenuSection key={section.heading ?? `section-${index}`} heading={section.heading} items={section.items} />
        ))}
      </nav>

      <div className="mt-auto border-t border-line pt-5">
        <p className="font-medium break-words">{session?.user?.name}</p>
        <p className="muted break-words">{session?.user?.email}</p>
        <SignOutButton />
      </div>
    </div>
  );
}

/** A run of menu items, under a small heading when the menu is long enough to need one. */
function MenuSection({ heading, items }: { heading?: string; items: NavItem[] }) {
  const headingId = useId();
  return (
    <div>
      {/* A list label, not a heading: the page's own headings stay the ones a screen reader jumps between. */}
      {heading && <p id={headingId} className="px-3 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">{heading}</p>}
      <ul className="flex flex-col gap-1" aria-labelledby={heading ? headingId : undefined}>
        {items.map(({ label, to, icon: Icon, end }) => (
          <li key={to + label}>
            <NavLink
              to={to}
              end={end}
              className={({ isActive }) =>
                `flex min-h-11 items-center gap-3 rounded-lg px-3 py-2 font-medium no-underline transition-colors ${
                  isActive ? 'bg-jade-50 text-jade-800 shadow-[inset_3px_0_0_var(--color-jade-600)]' : 'text-ink hover:bg-sand hover:text-ink'
                }`
              }
            >
              <Icon aria-hidden="true" className="size-5 shrink-0 opacity-80" />
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Shows the clinic in view, and lets someone in several clinics move between them. */
function ClinicSwitcher({ contexts, active }: { contexts: ClinicContext[]; active: ClinicContext | undefined }) {
  const { switchClinic } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const selectId = useId();

  if (!active) return null;
  if (contexts.length === 1) {
    return (
      <div className="rounded-lg bg-sand px-3 py-3">
        <p className="font-semibold leading-snug">{active.name}</p>
        <p className="muted">{ROLE_LABEL[active.role]}</p>
      </div>
    );
  }
  return (
    <div>
      <label htmlFor={selectId} className="label">Clinic</label>
      <select
        id={selectId}
        className="input mt-1.5 cursor-pointer"
        value={active.clinicId}
        disabled={busy}
        aria-describedby={error ? `${selectId}-error` : undefined}
        onChange={async (event) => {
          setBusy(true);
          setError(undefined);
          try {
            await switchClinic(event.target.value);
            navigate('/app');
          } catch (e) {
            setError(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {contexts.map((c) => (
          <option key={c.clinicId} value={c.clinicId}>{c.name} ({ROLE_LABEL[c.role]})</option>
        ))}
      </select>
      {error && <p id={`${selectId}-error`} role="alert" className="field-error mt-1.5">{error}</p>}
    </div>
  );
}

/** Signing out ends the session on the server; the shell then shows the sign-in screen. */
function SignOutButton() {
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      className="mt-4 w-full"
      pending={busy}
      onClick={async () => {
        setBusy(true);
        await signOut();
      }}
    >
      <LogOut aria-hidden="true" className="size-5" />
      Sign out
    </Button>
  );
}
