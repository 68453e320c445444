import { ArrowRight, BadgeCheck, MapPin, MessageCircle, ShieldCheck } from 'lucide-react';
import { PublicLayout } from '../public-layout.tsx';
import { TREATMENTS } from '../../../domain/treatments/treatments.ts';
import { SearchForm } from '../components/search-form.tsx';
import { RestingFaceIllustration } from '../components/calm-illustration.tsx';
import { guidePath } from '../../../features/site/site.paths.ts';

export interface HomeClinic {
  slug: string;
  name: string;
  town: string;
  postcode: string;
  /** Plain text, already shortened. */
  summary: string | undefined;
}

/** What a careful visitor should look for; plain words, no promises about results. */
const REASSURANCES = [
  {
    icon: BadgeCheck,
    title: 'Qualified practitioners',
    text: 'Each clinic checks its practitioners’ qualifications and professional memberships before showing them as verified.',
  },
  {
    icon: ShieldCheck,
    title: 'Registered clinics',
    text: 'Clinics tell you how they are registered with their council for acupuncture (skin piercing) and how they keep needles sterile.',
  },
  {
    icon: MessageCircle,
    title: 'Start with a conversation',
    text: 'A free consultation, with no needles, helps you decide whether facial acupuncture suits you.',
  },
];

/** One line about each treatment, for the home page's "Browse by treatment". */
const TREATMENT_LINES: Record<string, string> = {
  'facial-acupuncture': 'Fine needles on the face and body. What it is, what the small studies show, and what a course involves.',
  'traditional-acupuncture': 'Acupuncture after a whole-health assessment, and where NICE does and does not recommend it.',
  'sports-massage': 'Firm, hands-on work for tight and sore muscles. No needles.',
  'knee-pain': 'Assessment, exercise and, if you choose, acupuncture, with both sides of the evidence.',
};

export function HomePage({ clinics, clinicCount }: { clinics: HomeClinic[]; clinicCount: number }) {
  return (
    <PublicLayout>
      <section className="hero py-12 sm:py-16" aria-labelledby="hero-heading">
        <div className="grid items-center gap-10 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="max-w-3xl">
            <p className="eyebrow">Facial acupuncture, done carefully</p>
            <h1 id="hero-heading" className="mt-3 text-4xl leading-tight sm:text-5xl">Find a qualified facial acupuncturist</h1>
            <p className="lead mt-5">
              Facial acupuncture uses very fine needles on the face and body. Choose a practitioner whose qualifications
              the clinic has checked, at a clinic registered for skin piercing, and start with a free consultation.
            </p>
          </div>
          {/* A face at rest with the yintang point between the eyebrows: decoration only. */}
          <div aria-hidden="true" className="order-first flex justify-center lg:order-none">
            <RestingFaceIllustration className="size-36 sm:size-56 lg:size-80" />
          </div>
        </div>
        <div className="card mt-8 lg:mt-4">
          <SearchForm compact idPrefix="home" />
        </div>
        <ul className="mt-10 grid list-none gap-4 p-0 sm:grid-cols-3">
          {REASSURANCES.map(({ icon: Icon, title, text }) => (
            <li key={title} className="rounded-xl bg-jade-50 p-5">
              <Icon aria-hidden="true" className="size-6 text-jade-700" />
              <h2 className="mt-3 text-lg">{title}</h2>
              <p className="mt-1 text-muted">{text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="treatments-heading" className="pb-14">
        <h2 id="treatments-heading" className="text-2xl sm:text-3xl">Browse by treatment</h2>
        <p className="muted mt-2">Our guide explains each treatment honestly: what it is, what the evidence says, safety, and how to choose a practitioner.</p>
        <ul className="card-grid mt-6 lg:grid-cols-4">
          {TREATMENTS.map((t) => (
            <li key={t.slug} className="card relative flex flex-col transition-shadow focus-within:shadow-md hover:shadow-md">
              <h3 className="text-lg">
                <a href={guidePath(t.slug)} className="text-ink no-underline after:absolute after:inset-0 after:rounded-xl after:content-[''] hover:text-jade-700">
                  {t.label}
                </a>
              </h3>
              <p className="muted mt-2">{TREATMENT_LINES[t.slug]}</p>
              <p className="mt-auto inline-flex items-center gap-1 pt-4 font-medium text-jade-700" aria-hidden="true">
                Read the guide <ArrowRight className="size-4" />
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section id="clinics" aria-labelledby="clinics-heading" className="scroll-mt-6">
        <h2 id="clinics-heading" className="text-2xl sm:text-3xl">Clinics</h2>
        <p className="muted mt-2">Read about each clinic, its treatments and prices, and the people who will look after you.</p>
        {clinics.length === 0 ? (
          <div className="panel mt-6">
            <p>No clinics have joined yet. Please come back soon.</p>
          </div>
        ) : (
          <>
            <ul className="card-grid mt-6">
              {clinics.map((c) => (
                <li key={c.slug} className="card relative flex flex-col transition-shadow focus-within:shadow-md hover:shadow-md">
                  <h3 className="text-xl">
                    {/* The link covers the whole card so the card is one large tap target. */}
                    <a href={`/clinics/${c.slug}`} className="text-ink no-underline after:absolute after:inset-0 after:rounded-xl after:content-[''] hover:text-jade-700">
                      {c.name}
                    </a>
                  </h3>
                  <p className="muted mt-1 flex items-center gap-1.5">
                    <MapPin aria-hidden="true" className="size-4 shrink-0" />
                    {c.town}, {c.postcode}
                  </p>
                  {c.summary && <p className="mt-3">{c.summary}</p>}
                  <p className="mt-auto inline-flex items-center gap-1 pt-4 font-medium text-jade-700" aria-hidden="true">
                    View clinic <ArrowRight className="size-4" />
                  </p>
                </li>
              ))}
            </ul>
            {clinicCount > clinics.length && (
              <p className="mt-6"><a className="btn btn-secondary" href="/find">See all {clinicCount} clinics</a></p>
            )}
          </>
        )}
      </section>
    </PublicLayout>
  );
}
