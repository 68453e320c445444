/**
 * schema.org JSON-LD for the public pages (https://schema.org, Google's structured data
 * guidelines): a clinic is a MedicalBusiness, a practitioner a Person with their
 * credentials, a treatment page a MedicalWebPage; each page also carries its breadcrumb.
 * Only facts the clinic has published go in, and only credentials it has verified.
 */

import type { ReviewAggregate } from '../reviews/reviews.repository.ts';
import { openingHoursSpecification } from '../../domain/opening-hours/opening-hours.ts';
import type { Treatment } from '../../domain/treatments/treatments.ts';
import type { ClinicProfile, PractitionerView } from './site.service.ts';
import { clinicPath, practitionerPath, treatmentPath } from './site.paths.ts';

type JsonLd = Record<string, unknown>;

const money = (minor: number) => (minor / 100).toFixed(2);

/** Five decimals of a degree is about a metre: as precise as a street address is, and no more. */
const degrees5 = (value: number) => Math.round(value * 1e5) / 1e5;

/** A reference to the clinic, by its @id, for other objects to point at. */
const clinicRef = (base: string, slug: string) => ({ '@id': `${base}${clinicPath(slug)}#clinic` });

/** The clinic as a MedicalBusiness with address, position, hours, offers and staff. */
export function clinicJsonLd(base: string, profile: ClinicProfile, rating?: ReviewAggregate): JsonLd {
  const { clinic } = profile;
  const url = `${base}${clinicPath(clinic.slug)}`;
  const prices = profile.services.map((s) => s.priceMinor);
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalBusiness',
    '@id': `${url}#clinic`,
    name: clinic.name,
    url,
    ...(clinic.descriptionText ? { description: clinic.descriptionText } : {}),
    // Search engines show a business with its photo; the logo stands for it in their panels.
    ...(clinic.photo ? { image: `${base}${clinic.photo.url}` } : {}),
    ...(clinic.logo ? { logo: `${base}${clinic.logo.url}` } : {}),
    ...(clinic.phone ? { telephone: clinic.phone } : {}),
    email: clinic.email,
    ...(clinic.website ? { sameAs: [clinic.website] } : {}),
    address: {
      '@type': 'PostalAddress',
      streetAddress: [clinic.addressLine1, clinic.addressLine2].filter(Boolean).join(', '),
      addressLocality: clinic.town,
      postalCode: clinic.postcode,
      addressCountry: 'GB',
    },
    ...(clinic.latitude !== null && clinic.longitude !== null
      ? { geo: { '@type': 'GeoCoordinates', latitude: degrees5(clinic.latitude), longitude: degrees5(clinic.longitude) }, hasMap: clinic.mapUrl }
      : {}),
    ...(profile.openingHours ? { openingHoursSpecification: openingHoursSpecification(profile.openingHours) } : {}),
    // Closed days ahead, as schema.org writes them: opens and closes at midnight that day.
    ...(profile.upcomingClosures.length ? {
      specialOpeningHoursSpecification: profile.upcomingClosures.map((c) => ({
        '@type': 'OpeningHoursSpecification', validFrom: c.date, validThrough: c.date, opens: '00:00', closes: '00:00', description: c.name,
      })),
    } : {}),
    ...(prices.length ? { priceRange: `£${money(Math.min(...prices))}–£${money(Math.max(...prices))}`, currenciesAccepted: clinic.currency } : {}),
    ...(profile.services.length
      ? {
        hasOfferCatalog: {
          '@type': 'OfferCatalog',
          name: 'Treatments and prices',
          itemListElement: profile.services.map((s) => ({
            '@type': 'Offer',
            price: money(s.priceMinor),
            priceCurrency: clinic.currency,
            itemOffered: { '@type': 'Service', name: s.name, ...(s.description ? { description: s.description } : {}) },
          })),
        },
      }
      : {}),
    ...(profile.practitioners.length
      ? {
        employee: profile.practitioners.map((p) => ({
          '@type': 'Person', '@id': `${base}${practitionerPath(clinic.slug, p.userId)}#person`, name: p.name,
          ...(p.photo ? { image: `${base}${p.photo.url}` } : {}),
        })),
      }
      : {}),
    // Only reviews of completed appointments exist, so the rating is of verified visits.
    ...(rating && rating.count > 0 && rating.average !== null
      ? { aggregateRating: { '@type': 'AggregateRating', ratingValue: rating.average, reviewCount: rating.count, bestRating: 5, worstRating: 1 } }
      : {}),
  };
}

/** A practitioner as a Person: job, clinic, verified credentials and memberships. */
export function practitionerJsonLd(base: string, profile: ClinicProfile, person: PractitionerView): JsonLd {
  const url = `${base}${practitionerPath(profile.clinic.slug, person.userId)}`;
  const verified = person.qualifications.filter((q) => q.verified);
  return {
    '@context': 'https://schema.org',
    '@type': 'Person',
    '@id': `${url}#person`,
    name: person.name,
    url,
    ...(person.title ? { jobTitle: person.title } : {}),
    ...(person.summary ? { description: person.summary } : {}),
    ...(person.photo ? { image: `${base}${person.photo.url}` } : {}),
    worksFor: { '@type': 'MedicalBusiness', ...clinicRef(base, profile.clinic.slug), name: profile.clinic.name, url: `${base}${clinicPath(profile.clinic.slug)}` },
    ...(person.specialisms.length ? { knowsAbout: person.specialisms.map((t) => t.label) } : {}),
    ...(verified.length
      ? {
        hasCredential: verified.map((q) => ({
          '@type': 'EducationalOccupationalCredential',
          name: q.title,
          credentialCategory: q.kind === 'membership' ? 'Professional membership' : 'Qualification',
          recognizedBy: { '@type': 'Organization', name: q.awardingBody },
          ...(q.year ? { dateCreated: String(q.year) } : {}),
        })),
      }
      : {}),
    ...(verified.some((q) => q.kind === 'membership')
      ? {
        memberOf: verified.filter((q) => q.kind === 'membership').map((q) => ({
          '@type': 'ProgramMembership',
          programName: q.title,
          hostingOrganization: { '@type': 'Organization', name: q.awardingBody },
          ...(q.membershipNumber ? { membershipNumber: q.membershipNumber } : {}),
        })),
      }
      : {}),
  };
}

/**
 * A treatment page as a MedicalWebPage about a therapy, published by the clinic. When the
 * clinic published its own text, `lastReviewed` is the day it did and `reviewedBy` the
 * clinic: publishing is its approval. No person is named, because the version records who
 * wrote it, not who checked it. Yintang's default text carries neither.
 */
export function treatmentJsonLd(base: string, profile: ClinicProfile, treatment: Treatment, title: string, description: string, publishedAt?: Date): JsonLd {
  const url = `${base}${treatmentPath(profile.clinic.slug, treatment.slug)}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    '@id': url,
    url,
    name: `${title} at ${profile.clinic.name}`,
    description,
    inLanguage: 'en-GB',
    about: { '@type': 'MedicalTherapy', name: treatment.label },
    audience: { '@type': 'MedicalAudience', audienceType: 'Patient' },
    publisher: { '@type': 'MedicalBusiness', ...clinicRef(base, profile.clinic.slug), name: profile.clinic.name },
    ...(publishedAt
      ? { lastReviewed: publishedAt.toISOString().slice(0, 10), reviewedBy: { '@type': 'MedicalBusiness', ...clinicRef(base, profile.clinic.slug), name: profile.clinic.name } }
      : {}),
  };
}

/** A BreadcrumbList from (name, path) pairs, home first. */
export function breadcrumbJsonLd(base: string, crumbs: { name: string; path: string }[]): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: `${base}${c.path}` })),
  };
}

/** The site itself, with its directory search (https://schema.org/SearchAction). */
export function websiteJsonLd(base: string): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: 'Yintang',
    url: `${base}/`,
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${base}/find?where={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/** Yintang itself, as the publisher of its own guide. */
const yintangOrganization = (base: string) => ({ '@type': 'Organization', '@id': `${base}/#organization`, name: 'Yintang', url: `${base}/` });

/**
 * A guide article as a MedicalWebPage published by Yintang. `lastReviewed` is the day the
 * text was last checked against its sources, and `reviewedBy` is Yintang, who checked it:
 * no named clinician has reviewed it and the page must not suggest one did.
 */
export function guideArticleJsonLd(base: string, article: { path: string; title: string; description: string; lastReviewed: string; treatmentLabel: string }): JsonLd {
  const url = `${base}${article.path}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    '@id': url,
    url,
    name: article.title,
    description: article.description,
    inLanguage: 'en-GB',
    lastReviewed: article.lastReviewed,
    reviewedBy: yintangOrganization(base),
    about: { '@type': 'MedicalTherapy', name: article.treatmentLabel },
    audience: { '@type': 'MedicalAudience', audienceType: 'Patient' },
    publisher: yintangOrganization(base),
  };
}

/** The questions a page shows with their answers, as a FAQPage (only for questions the page really has). */
export function faqJsonLd(base: string, path: string, questions: { question: string; answer: string }[]): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    '@id': `${base}${path}#questions`,
    mainEntity: questions.map((q) => ({ '@type': 'Question', name: q.question, acceptedAnswer: { '@type': 'Answer', text: q.answer } })),
  };
}

/** The guide's index: a collection of its articles. */
export function guideIndexJsonLd(base: string, path: string, articles: { path: string; title: string }[]): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    '@id': `${base}${path}`,
    url: `${base}${path}`,
    name: 'Treatment guide',
    inLanguage: 'en-GB',
    publisher: yintangOrganization(base),
    hasPart: articles.map((a) => ({ '@type': 'MedicalWebPage', '@id': `${base}${a.path}`, url: `${base}${a.path}`, name: a.title })),
  };
}
