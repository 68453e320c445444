/**
 * The public site's view of a clinic: what its page, its practitioners' profiles and its
 * treatment pages show. One query per page (see `loadClinicProfile`); everything else
 * here is derived in memory.
 */

import type { Queryable } from '../../data/db.ts';
import { TREATMENTS, treatmentByKind, type Treatment } from '../../domain/treatments/treatments.ts';
import { openingHours, type OpeningDay } from '../../domain/opening-hours/opening-hours.ts';
import { markdownToText, renderMarkdown, splitSection } from '../content/markdown.ts';
import { clinicImagePath, photoAlt, photoPath } from '../../domain/photos/photo-files.ts';
import { loadClinicProfile, type ClinicProfileRow, type PublicQualification, type PublicService, type PublicStaffMember } from './site.repository.ts';

export type { PublicQualification, PublicService } from './site.repository.ts';

/** A practitioner's public profile, ready to show. */
export interface PractitionerView {
  userId: string;
  name: string;
  /** "MC" for Mei Lin Chen: the avatar when there is no photo. */
  initials: string;
  /** Their photo's addresses (480 and 160 px squares), when the clinic has uploaded one. */
  photo: PublicPhoto | undefined;
  title: string | null;
  yearsExperience: number | null;
  /** Sanitised HTML of the bio (without its "Approach" section), if there is one. */
  aboutHtml: string | undefined;
  approachHtml: string | undefined;
  /** The bio's opening words as plain text, for cards and meta descriptions. */
  summary: string | undefined;
  qualifications: PublicQualification[];
  /** Treatments derived from the services they give. */
  specialisms: Treatment[];
  services: PublicService[];
  hasVerifiedFacialQualification: boolean;
}

export interface PublicPhoto {
  url: string;
  thumbnailUrl: string;
  /** "Photo of Mei Lin Chen", for where the photo stands for the person. */
  alt: string;
}

/** The addresses of a photo by its hash, or undefined without one. */
export function publicPhoto(hash: string | null | undefined, name: string): PublicPhoto | undefined {
  return hash ? { url: photoPath(hash, 480), thumbnailUrl: photoPath(hash, 160), alt: photoAlt(name) } : undefined;
}

/** A clinic's photo (4:3) or logo (square) as the public pages show it. */
export interface ClinicImage {
  /** 480 pixels wide. */
  url: string;
  /** 160 pixels wide. */
  thumbnailUrl: string;
  /** The text the owner wrote for people who cannot see it. */
  alt: string;
}

/** The addresses of a clinic image by its hash, or undefined without one. */
export function clinicImage(image: { hash: string; alt: string } | null | undefined): ClinicImage | undefined {
  return image ? { url: clinicImagePath(image.hash, 480), thumbnailUrl: clinicImagePath(image.hash, 160), alt: image.alt } : undefined;
}

export interface ClinicView extends Omit<ClinicProfileRow, 'services' | 'staff' | 'weeklyHours' | 'closures' | 'description' | 'hygieneStatement' | 'images'> {
  photo: ClinicImage | undefined;
  logo: ClinicImage | undefined;
  /** Sanitised HTML of the clinic's description and hygiene statement (Markdown). */
  descriptionHtml: string | undefined;
  descriptionText: string | undefined;
  hygieneHtml: string | undefined;
  /** One line: "12 Milsom Street, Bath, BA1 1DN". */
  address: string;
  mapUrl: string;
}

export interface ClinicProfile {
  clinic: ClinicView;
  services: PublicService[];
  /** Treatments the clinic offers, in the usual order, each with its services. */
  treatments: { treatment: Treatment; services: PublicService[] }[];
  /** Services of kinds without a treatment page. */
  otherServices: PublicService[];
  practitioners: PractitionerView[];
  /** Undefined when no practitioner has working hours set (nothing to show). */
  openingHours: OpeningDay[] | undefined;
  /** Days closed in the coming 60 days (e.g. bank holidays), soonest first. */
  upcomingClosures: { date: string; name: string }[];
}

/** Up to two initials, from the first and last words of a name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = [words[0], words.length > 1 ? words.at(-1) : undefined].map((w) => w ? Array.from(w)[0]!.toUpperCase() : '');
  return letters.join('') || '?';
}

/**
 * An OpenStreetMap link: a marker at the clinic's coordinates when it has them, else a
 * search for its address. OpenStreetMap needs no API key and sets no tracking cookies.
 */
export function mapUrl(clinic: Pick<ClinicProfileRow, 'latitude' | 'longitude'>, address: string): string {
  if (clinic.latitude !== null && clinic.longitude !== null) {
    const lat = clinic.latitude.toFixed(5);
    const lng = clinic.longitude.toFixed(5);
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`;
  }
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}

const APPROACH = /^(my\s+|our\s+)?approach$/i;

function practitionerView(person: PublicStaffMember, services: PublicService[]): PractitionerView {
  const gives = services.filter((s) => s.practitionerIds.includes(person.userId));
  const kinds = new Set(gives.map((s) => s.kind));
  const bio = person.bio?.trim() ? splitSection(person.bio, APPROACH) : undefined;
  return {
    userId: person.userId,
    name: person.name,
    initials: initialsOf(person.name),
    photo: publicPhoto(person.photoHash, person.name),
    title: person.title,
    yearsExperience: person.yearsExperience,
    aboutHtml: bio?.rest ? renderMarkdown(bio.rest, { minHeadingLevel: 3 }) : undefined,
    approachHtml: bio?.section ? renderMarkdown(bio.section, { minHeadingLevel: 3 }) : undefined,
    summary: bio?.rest ? markdownToText(bio.rest, 200) : undefined,
    qualifications: person.qualifications,
    specialisms: TREATMENTS.filter((t) => kinds.has(t.kind)),
    services: gives,
    hasVerifiedFacialQualification: person.qualifications.some((q) => q.verified && q.isFacialAcupuncture),
  };
}

/**
 * Whether a practitioner has a public profile: they give a service, or they have written
 * a bio or listed a qualification. An owner who only runs the business does not appear.
 */
const isPublic = (p: PractitionerView) => p.services.length > 0 || p.aboutHtml !== undefined || p.qualifications.length > 0;

/** Builds a clinic's public view from its profile row. */
export function toClinicProfile(row: ClinicProfileRow): ClinicProfile {
  const address = [row.addressLine1, row.addressLine2, row.town, row.postcode].filter(Boolean).join(', ');
  const { services, staff, weeklyHours, closures, description, hygieneStatement, images, ...rest } = row;
  const treatments = TREATMENTS
    .map((treatment) => ({ treatment, services: services.filter((s) => treatment.priceKinds.includes(s.kind as never)) }))
    .filter((t) => t.services.some((s) => s.kind === t.treatment.kind));
  const inTreatments = new Set(treatments.flatMap((t) => t.services.map((s) => s.id)));
  const hasHours = weeklyHours.length > 0;
  return {
    clinic: {
      ...rest,
      photo: clinicImage(images.find((i) => i.kind === 'photo')),
      logo: clinicImage(images.find((i) => i.kind === 'logo')),
      descriptionHtml: description?.trim() ? renderMarkdown(description, { minHeadingLevel: 3 }) : undefined,
      descriptionText: description?.trim() ? markdownToText(description, 160) : undefined,
      hygieneHtml: hygieneStatement?.trim() ? renderMarkdown(hygieneStatement, { minHeadingLevel: 3 }) : undefined,
      address,
      mapUrl: mapUrl(row, address),
    },
    services,
    treatments,
    otherServices: services.filter((s) => !inTreatments.has(s.id)),
    practitioners: staff.map((p) => practitionerView(p, services)).filter(isPublic),
    openingHours: hasHours ? openingHours(weeklyHours) : undefined,
    upcomingClosures: closures,
  };
}

/** A clinic's public profile by its slug, or undefined when there is no such clinic. */
export async function getClinicProfile(db: Queryable, slug: string): Promise<ClinicProfile | undefined> {
  // Slugs are short, lower-case and hyphenated; anything else cannot match, so skip the query.
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(slug)) return undefined;
  const row = await loadClinicProfile(db, slug);
  return row ? toClinicProfile(row) : undefined;
}

/** The service kinds whose treatment has a page, for a service row's "About …" link. */
export const treatmentForService = (service: Pick<PublicService, 'kind'>) => treatmentByKind(service.kind);
