import { ArrowRight, BadgeCheck, MessageCircle, ShieldCheck } from 'lucide-react';
import { PublicLayout } from '../public-layout.tsx';
import type { GuideArticle } from '../../../features/guide/guide-articles.ts';
import { guideIndexPath, guidePath } from '../../../features/site/site.paths.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';

/** What to look for whichever treatment you choose; each article says more. */
const CHOOSING = [
  {
    icon: BadgeCheck,
    title: 'A qualified practitioner',
    text: 'A recognised qualification, membership of a professional body and insurance. Profiles on Yintang show qualifications the clinic has checked.',
  },
  {
    icon: ShieldCheck,
    title: 'A registered clinic',
    text: 'Acupuncture premises are registered with the local council (licensed in London and Scotland), with single-use sterile needles.',
  },
  {
    icon: MessageCircle,
    title: 'A conversation first',
    text: 'A good practitioner asks about your health, explains what the evidence says, and tells you when a treatment is not right for you.',
  },
];

/** The guide's front page: every treatment, and what to look for in a practitioner. */
export function GuideIndexPage({ articles }: { articles: GuideArticle[] }) {
  return (
    <PublicLayout>
      <Breadcrumbs crumbs={[{ name: 'Home', href: '/' }, { name: 'Treatments', href: guideIndexPath }]} />
      <header className="pb-8 pt-6 sm:pb-10 sm:pt-8">
        <p className="eyebrow">Yintang treatment guide</p>
        <h1 className="mt-2 text-3xl leading-tight sm:text-5xl">Understand a treatment before you book</h1>
        <p className="lead mt-4 max-w-3xl">
          What each treatment is, how it is thought to work, what the research does and does not show, how to stay safe and how
          to choose a practitioner. Written in plain words, with the sources, and without promises.
        </p>
      </header>

      <section aria-labelledby="guides-heading">
        <h2 id="guides-heading" className="sr-only">Treatments</h2>
        <ul className="card-grid sm:grid-cols-2">
          {articles.map((a) => (
            <li key={a.treatment.slug} className="card relative flex flex-col transition-shadow focus-within:shadow-md hover:shadow-md">
              <h3 className="text-xl">
                {/* The link covers the whole card so the card is one large tap target. */}
                <a href={guidePath(a.treatment.slug)} className="text-ink no-underline after:absolute after:inset-0 after:rounded-xl after:content-[''] hover:text-jade-700">
                  {a.title}
                </a>
              </h3>
              <p className="muted mt-2">{a.summary}</p>
              <p className="mt-auto inline-flex items-center gap-1 pt-4 font-medium text-jade-700" aria-hidden="true">
                Read the guide <ArrowRight className="size-4" />
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="choosing-heading" className="mt-14">
        <h2 id="choosing-heading" className="text-2xl sm:text-3xl">Choosing a practitioner safely</h2>
        <ul className="mt-6 grid list-none gap-4 p-0 sm:grid-cols-3">
          {CHOOSING.map(({ icon: Icon, title, text }) => (
            <li key={title} className="rounded-xl bg-jade-50 p-5">
              <Icon aria-hidden="true" className="size-6 text-jade-700" />
              <h3 className="mt-3 text-lg">{title}</h3>
              <p className="mt-1 text-muted">{text}</p>
            </li>
          ))}
        </ul>
        <p className="mt-8"><a className="btn btn-secondary" href="/find">Find a clinic near you</a></p>
      </section>
    </PublicLayout>
  );
}
