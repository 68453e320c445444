import { sql } from 'drizzle-orm';
import {
  boolean, check, doublePrecision, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

export const ROLES = ['owner', 'practitioner', 'reception'] as const;
export type StaffRole = (typeof ROLES)[number];

/** A clinic: the tenant. Every clinic-owned row below carries its id in its keys. */
export const clinics = pgTable('clinics', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  addressLine1: text('address_line1').notNull(),
  addressLine2: text('address_line2'),
  town: text('town').notNull(),
  postcode: text('postcode').notNull(),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
  timeZone: text('time_zone').notNull().default('Europe/London'),
  currency: text('currency').notNull().default('GBP'),
  phone: text('phone'),
  email: text('email').notNull(),
  website: text('website'),
  description: text('description'),
  /** The clinic's hygiene and licensing statement (e.g. skin-piercing registration). */
  hygieneStatement: text('hygiene_statement'),
  requireStaffTwoFactor: boolean('require_staff_two_factor').notNull().default(false),
  /** Reception may open the practice reports (the owner always may). */
  receptionSeesReports: boolean('reception_sees_reports').notNull().default(false),
  /** A practitioner may see the takings of their own visits (never a colleague's). */
  practitionersSeeOwnTakings: boolean('practitioners_see_own_takings').notNull().default(false),
  /**
   * Bumped by database triggers (migration 0007) whenever anything the availability engine
   * reads about this clinic changes: services, who gives them, hours, exceptions, closures,
   * rooms, booking rules, the clinic itself. Lets an app instance cache those facts and
   * check, inside its booking write, that they are still current.
   */
  schedulingVersion: integer('scheduling_version').notNull().default(1),
  /**
   * Bumped by database triggers (migration 0023) in the same transaction as any write that
   * changes what the clinic's public pages or free slots show: every scheduling change
   * above, bookings, reviews, content pages, photos, staff and their names. Rendered pages
   * and availability answers are cached per version, so every app instance sees a change
   * the moment it commits.
   */
  pageVersion: integer('page_version').notNull().default(1),
  /**
   * Bumped by database triggers (migration 0043) with the page version when a review, a
   * membership or a member's name changes: the directory's search fields are these, the
   * scheduling facts and the clinic row, so its index is cached per sum of this and
   * `schedulingVersion` over the network, and a booking (page version only) keeps it.
   */
  directoryVersion: integer('directory_version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A staff member's role in one clinic. */
export const memberships = pgTable(
  'memberships',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    /** Owner may widen a practitioner's view to every client of the clinic. */
    seesAllClients: boolean('sees_all_clients').notNull().default(false),
    /** Public profile of practitioners. */
    title: text('title'),
    bio: text('bio'),
    yearsExperience: integer('years_experience'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the owner deactivates someone who left: no sign-in to this clinic, no feed; past records keep their name. */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    deactivatedBy: uuid('deactivated_by'),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

/** A practitioner's qualification or professional membership, verified by the owner. */
export const qualifications = pgTable(
  'qualifications',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: ['qualification', 'membership'] }).notNull(),
    awardingBody: text('awarding_body').notNull(),
    title: text('title').notNull(),
    year: integer('year'),
    membershipNumber: text('membership_number'),
    isFacialAcupuncture: boolean('is_facial_acupuncture').notNull().default(false),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.userId], foreignColumns: [memberships.clinicId, memberships.userId] }).onDelete('cascade'),
  ],
);

/** An invitation for someone to join a clinic's staff with a role. */
export const invitations = pgTable(
  'invitations',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').notNull().references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

/**
 * A client of a clinic. A client may have no account (booked by phone); when they do, the
 * account links here. The same person at two clinics is two client rows.
 */
export const clients = pgTable(
  'clients',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    dateOfBirth: text('date_of_birth'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique('clients_clinic_email_uq').on(t.clinicId, t.email),
    index('clients_user_idx').on(t.userId),
  ],
);

/**
 * Which practitioners treat which client. A practitioner sees the clinical records of
 * clients they treat; bookings and plans add rows here.
 */
export const careTeam = pgTable(
  'care_team',
  {
    clinicId: uuid('clinic_id').notNull(),
    clientId: uuid('client_id').notNull(),
    practitionerId: uuid('practitioner_id').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.clientId, t.practitionerId] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.practitionerId], foreignColumns: [memberships.clinicId, memberships.userId] }).onDelete('cascade'),
  ],
);

export const SERVICE_KINDS = ['consultation', 'facial', 'traditional', 'massage', 'knee'] as const;

export const ONLINE_PAYMENTS = ['none', 'deposit', 'full'] as const;

/** Something a clinic offers. Prices are integer minor units (pence) in the clinic's currency. */
export const services = pgTable(
  'services',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: SERVICE_KINDS }).notNull(),
    description: text('description').notNull().default(''),
    durationMin: integer('duration_min').notNull(),
    priceMinor: integer('price_minor').notNull(),
    bufferBeforeMin: integer('buffer_before_min').notNull().default(0),
    bufferAfterMin: integer('buffer_after_min').notNull().default(0),
    bookableOnline: boolean('bookable_online').notNull().default(true),
    requiresConsultation: boolean('requires_consultation').notNull().default(false),
    newClientsOnly: boolean('new_clients_only').notNull().default(false),
    roomKind: text('room_kind'),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    /**
     * What a client pays by card when booking online, if the clinic has Stripe keys: nothing,
     * a deposit of `depositMinor`, or the full price. Without keys it is ignored (desk only).
     */
    onlinePayment: text('online_payment', { enum: ONLINE_PAYMENTS }).notNull().default('none'),
    depositMinor: integer('deposit_minor'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }), unique('services_clinic_slug_uq').on(t.clinicId, t.slug),
    check('services_deposit_ck', sql`(${t.onlinePayment} = 'deposit') = (${t.depositMinor} is not null) and coalesce(${t.depositMinor}, 1) > 0`),
  ],
);

/** Which practitioners may give a service. */
export const servicePractitioners = pgTable(
  'service_practitioners',
  {
    clinicId: uuid('clinic_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    practitionerId: uuid('practitioner_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.serviceId, t.practitionerId] }),
    foreignKey({ columns: [t.clinicId, t.serviceId], foreignColumns: [services.clinicId, services.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.practitionerId], foreignColumns: [memberships.clinicId, memberships.userId] }).onDelete('cascade'),
  ],
);

