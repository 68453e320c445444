import { PublicLayout } from '../public-layout.tsx';

export interface HomeClinic {
  slug: string;
  name: string;
  town: string;
  postcode: string;
  description: string | null;
}

export function HomePage({ clinics }: { clinics: HomeClinic[] }) {
  return (
    <PublicLayout>
      <section className="hero">
        <h1>Find a qualified facial acupuncturist</h1>
        <p className="lead">
          Facial acupuncture uses very fine needles on the face and body. Choose a practitioner whose qualifications
          the clinic has checked, at a clinic registered for skin piercing, and start with a free consultation.
        </p>
      </section>
      <section id="clinics" aria-labelledby="clinics-heading">
        <h2 id="clinics-heading">Clinics</h2>
        {clinics.length === 0 ? (
          <p>No clinics have joined yet.</p>
        ) : (
          <ul className="card-grid">
            {clinics.map((c) => (
              <li key={c.slug} className="card">
                <h3><a href={`/clinics/${c.slug}`}>{c.name}</a></h3>
                <p className="muted">{c.town}, {c.postcode}</p>
                {c.description && <p>{c.description}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </PublicLayout>
  );
}
