import { PublicLayout } from '../public-layout.tsx';
import type { PublicPractitioner } from '../../../features/site/site.repository.ts';
import { formatMoney } from '../../lib/format.ts';

interface ClinicView {
  slug: string;
  name: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  phone: string | null;
  email: string;
  description: string | null;
  hygieneStatement: string | null;
  currency: string;
}

interface ServiceView {
  id: string;
  name: string;
  description: string;
  durationMin: number;
  priceMinor: number;
}

export function ClinicPage({ clinic, services, practitioners }: { clinic: ClinicView; services: ServiceView[]; practitioners: PublicPractitioner[] }) {
  const address = [clinic.addressLine1, clinic.addressLine2, clinic.town, clinic.postcode].filter(Boolean).join(', ');
  return (
    <PublicLayout>
      <article>
        <header className="page-head">
          <h1>{clinic.name}</h1>
          <p className="muted">
            {address} · <a href={`https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`}>Map</a>
          </p>
          {clinic.description && <p className="lead">{clinic.description}</p>}
        </header>
        <section aria-labelledby="treatments">
          <h2 id="treatments">Treatments and prices</h2>
          <ul className="list">
            {services.map((s) => (
              <li key={s.id} className="list-row">
                <div>
                  <h3>{s.name}</h3>
                  <p className="muted">{s.durationMin} minutes</p>
                  {s.description && <p>{s.description}</p>}
                </div>
                <p className="price">{s.priceMinor === 0 ? 'Free' : formatMoney(s.priceMinor, clinic.currency)}</p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="practitioners">
          <h2 id="practitioners">Practitioners</h2>
          <ul className="card-grid">
            {practitioners.map((p) => (
              <li key={p.userId} className="card">
                <h3>{p.name}</h3>
                {p.title && <p className="muted">{p.title}</p>}
                {p.bio && <p>{p.bio}</p>}
                {p.qualifications.length > 0 && (
                  <ul className="quals">
                    {p.qualifications.map((q) => (
                      <li key={q.title + q.awardingBody}>
                        {q.title}, {q.awardingBody}{q.year ? ` (${q.year})` : ''}
                        {q.verified && <span className="badge">Verified by the clinic</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
        {clinic.hygieneStatement && (
          <section aria-labelledby="safety">
            <h2 id="safety">Hygiene and licensing</h2>
            <p>{clinic.hygieneStatement}</p>
          </section>
        )}
        <section aria-labelledby="contact">
          <h2 id="contact">Contact</h2>
          <p>{clinic.phone && <>Phone <a href={`tel:${clinic.phone}`}>{clinic.phone}</a> · </>}E-mail <a href={`mailto:${clinic.email}`}>{clinic.email}</a></p>
        </section>
      </article>
    </PublicLayout>
  );
}
