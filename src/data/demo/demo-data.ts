import { count, sql } from 'drizzle-orm';
import type { Database } from '../db.ts';
import { seedScreeningDemo } from './demo-screening.ts';
import { careTeam, clients, clinics, memberships, qualifications, servicePractitioners, services, users } from '../schema/index.ts';
import { hashPassword } from '../../features/auth/password.ts';
import { seedScheduling } from './demo-scheduling.ts';
import { seedClinicalDemo } from './clinical-demo.ts';
import { seedHistory } from './demo-history.ts';

/** Every demo account uses this password; README lists the accounts. */
export const DEMO_PASSWORD = 'yintang-demo';

type ServiceSeed = Omit<typeof services.$inferInsert, 'clinicId'>;

/** The services a facial acupuncture clinic offers; prices in pence. */
const SERVICE_MENU: ServiceSeed[] = [
  { slug: 'facial-consultation', name: 'Free facial acupuncture consultation', kind: 'consultation', durationMin: 30, priceMinor: 0, bufferAfterMin: 10, sortOrder: 1,
    description: 'A relaxed 30-minute conversation about your skin, your health and your goals, and whether facial acupuncture suits you. No needles.' },
  { slug: 'facial-acupuncture', name: 'Facial acupuncture session', kind: 'facial', durationMin: 75, priceMinor: 9500, bufferAfterMin: 15, requiresConsultation: true, roomKind: 'treatment', sortOrder: 2,
    description: 'Fine needles on the face and body points, with time to rest. Most people book a course of sessions.' },
  { slug: 'traditional-acupuncture', name: 'Traditional acupuncture', kind: 'traditional', durationMin: 60, priceMinor: 6500, bufferAfterMin: 15, roomKind: 'treatment', sortOrder: 3,
    description: 'Whole-body acupuncture based on a traditional Chinese medicine assessment.' },
  { slug: 'sports-massage-30', name: 'Sports massage (30 minutes)', kind: 'massage', durationMin: 30, priceMinor: 4000, bufferAfterMin: 10, roomKind: 'massage', sortOrder: 4,
    description: 'Focused deep-tissue work on one or two areas.' },
  { slug: 'sports-massage-60', name: 'Sports massage (60 minutes)', kind: 'massage', durationMin: 60, priceMinor: 6500, bufferAfterMin: 10, roomKind: 'massage', sortOrder: 5,
    description: 'A full session for training recovery or long-standing tightness.' },
  { slug: 'knee-pain', name: 'Knee pain assessment and treatment', kind: 'knee', durationMin: 60, priceMinor: 7000, bufferAfterMin: 15, roomKind: 'treatment', sortOrder: 6,
    description: 'An assessment of your knee, a simple function score, and acupuncture and advice for exercise.' },
];

interface PersonSeed {
  name: string;
  email: string;
  role: 'owner' | 'practitioner' | 'reception';
  title?: string;
  bio?: string;
  years?: number;
  /** Which service kinds this practitioner gives. */
  gives?: string[];
  quals?: { awardingBody: string; title: string; year: number; kind?: 'qualification' | 'membership'; facial?: boolean; number?: string; verified?: boolean }[];
}

interface ClinicSeed {
  clinic: typeof clinics.$inferInsert;
  staff: PersonSeed[];
  clients: { name: string; email: string; phone: string; account?: boolean; treatedBy?: string }[];
}

const ALL = ['consultation', 'facial', 'traditional', 'massage', 'knee'];

export const DEMO_CLINICS: ClinicSeed[] = [
  {
    clinic: {
      slug: 'jade-leaf-bath', name: 'Jade Leaf Acupuncture', addressLine1: '12 Milsom Street', town: 'Bath', postcode: 'BA1 1DN',
      latitude: 51.38384, longitude: -2.36126, phone: '+441225000111', email: 'hello@jadeleaf.example', website: 'https://jadeleaf.example',
      description: 'A calm, small clinic in the centre of Bath offering facial acupuncture, traditional acupuncture, sports massage and knee-pain care.',
      hygieneStatement: 'Our premises and practitioners are registered with Bath and North East Somerset Council for acupuncture (skin piercing), registration SP-2019-0412. We use single-use sterile needles only.',
    },
    staff: [
      { name: 'Mei Lin Chen', email: 'owner@jadeleaf.example', role: 'owner', title: 'Acupuncturist and clinic owner', years: 16, gives: ALL.filter((k) => k !== 'massage'),
        bio: 'Mei Lin trained in traditional acupuncture in London and has focused on facial acupuncture for ten years.\n\n## My approach\n\nI start every course with an unhurried conversation about your health and what you hope for, and I am honest about what acupuncture can and cannot do. Sessions are calm and quiet; you are always welcome to ask what I am doing and why.',
        quals: [
          { awardingBody: 'British Acupuncture Council', title: 'Member (MBAcC)', year: 2010, kind: 'membership', number: 'BAcC-10234', verified: true },
          { awardingBody: 'College of Integrated Chinese Medicine', title: 'Licentiate in Acupuncture (LicAc)', year: 2009, verified: true },
          { awardingBody: 'Facial acupuncture postgraduate course', title: 'Certificate in Facial Acupuncture', year: 2015, facial: true, verified: true },
        ] },
      { name: 'Tom Hughes', email: 'tom@jadeleaf.example', role: 'practitioner', title: 'Acupuncturist', years: 7, gives: ['consultation', 'facial', 'traditional', 'knee'],
        bio: 'Tom works with knee pain and sports injuries as well as facial acupuncture, and likes to explain what he is doing as he goes.\n\n## My approach\n\nFor knee pain I pair acupuncture with simple exercises you can do at home, and we measure how your knee is doing at the start and end of a course so you can judge for yourself whether it helps.',
        quals: [
          { awardingBody: 'British Acupuncture Council', title: 'Member (MBAcC)', year: 2018, kind: 'membership', number: 'BAcC-22871', verified: true },
          { awardingBody: 'Facial acupuncture postgraduate course', title: 'Certificate in Facial Acupuncture', year: 2021, facial: true, verified: false },
        ] },
      { name: 'Priya Shah', email: 'priya@jadeleaf.example', role: 'practitioner', title: 'Sports massage therapist', years: 5, gives: ['massage'],
        bio: 'Priya is a sports massage therapist who works with runners, cyclists and desk-bound backs.\n\n## My approach\n\nFirm but never rushed: we agree which areas to work on and how much pressure suits you, and I will suggest a few stretches to keep the benefit going between sessions.',
        quals: [{ awardingBody: 'Level 5 Sports Massage (BTEC)', title: 'Diploma in Sports Massage Therapy', year: 2020, verified: true }] },
      { name: 'Sam Taylor', email: 'reception@jadeleaf.example', role: 'reception' },
    ],
    clients: [
      { name: 'Olivia Brown', email: 'client@jadeleaf.example', phone: '+447700900101', account: true, treatedBy: 'owner@jadeleaf.example' },
      { name: 'James Wilson', email: 'james.wilson@mail.example', phone: '+447700900102', treatedBy: 'tom@jadeleaf.example' },
      { name: 'Amelia Clarke', email: 'amelia.clarke@mail.example', phone: '+447700900103', treatedBy: 'owner@jadeleaf.example' },
      { name: 'Noah Patel', email: 'noah.patel@mail.example', phone: '+447700900104', treatedBy: 'priya@jadeleaf.example' },
    ],
  },
  {
    clinic: {
      slug: 'willow-harrogate', name: 'Willow Tree Clinic', addressLine1: '3 Montpellier Parade', town: 'Harrogate', postcode: 'HG1 2TJ',
      latitude: 53.99357, longitude: -1.54283, phone: '+441423000222', email: 'clinic@willowtree.example',
      description: 'Facial and traditional acupuncture and massage in a quiet Georgian building in Harrogate.',
      hygieneStatement: 'Registered with North Yorkshire Council for acupuncture, premises and practitioners, registration HG-SP-0087. Single-use sterile needles, sharps disposed of by a licensed contractor.',
    },
    staff: [
      { name: 'Helen Marsh', email: 'owner@willowtree.example', role: 'owner', title: 'Acupuncturist and clinic owner', years: 20, gives: ALL.filter((k) => k !== 'massage'),
        bio: 'Helen has practised acupuncture for twenty years and teaches on postgraduate facial acupuncture courses.\n\n## My approach\n\nI see facial acupuncture as part of looking after your whole self, not a quick fix. We review together after five or six sessions, and you can stop at any time.',
        quals: [
          { awardingBody: 'British Acupuncture Council', title: 'Member (MBAcC)', year: 2005, kind: 'membership', number: 'BAcC-07781', verified: true },
          { awardingBody: 'Facial acupuncture postgraduate course', title: 'Advanced Certificate in Facial Acupuncture', year: 2012, facial: true, verified: true },
        ] },
      { name: 'David Okafor', email: 'david@willowtree.example', role: 'practitioner', title: 'Acupuncturist', years: 9, gives: ['consultation', 'facial', 'traditional', 'knee'],
        bio: 'David combines traditional acupuncture with a physiotherapy background, and sees many people with knee pain.\n\n## My approach\n\nExercise comes first for knee pain; acupuncture is an option some people choose to add. I will always tell you when something needs your GP first.',
        quals: [
          { awardingBody: 'British Acupuncture Council', title: 'Member (MBAcC)', year: 2016, kind: 'membership', number: 'BAcC-19954', verified: true },
          { awardingBody: 'Facial acupuncture postgraduate course', title: 'Certificate in Facial Acupuncture', year: 2019, facial: true, verified: true },
        ] },
      { name: 'Grace Lee', email: 'grace@willowtree.example', role: 'practitioner', title: 'Sports massage therapist', years: 4, gives: ['massage'],
        bio: 'Grace helps people recover from training and long days at a desk.\n\n## My approach\n\nA short chat about your week and your training, then focused work on the areas that need it most.',
        quals: [{ awardingBody: 'Level 4 Sports Massage (ITEC)', title: 'Certificate in Sports Massage Therapy', year: 2021, verified: true }] },
      { name: 'Ruth Evans', email: 'reception@willowtree.example', role: 'reception' },
    ],
    clients: [
      { name: 'Sophie Turner', email: 'client@willowtree.example', phone: '+447700900201', account: true, treatedBy: 'owner@willowtree.example' },
      { name: 'Harry Robinson', email: 'harry.robinson@mail.example', phone: '+447700900202', treatedBy: 'david@willowtree.example' },
      { name: 'Isla Walker', email: 'isla.walker@mail.example', phone: '+447700900203', treatedBy: 'owner@willowtree.example' },
    ],
  },
];

/** True when no clinic exists yet (a fresh database). */
export async function isEmpty(database: Database) {
  const [row] = await database.db.select({ n: count() }).from(clinics);
  return (row?.n ?? 0) === 0;
}

/**
 * Loads the two demo clinics in one transaction. Refuses to run twice: it checks for the
 * demo slugs first, so it never touches real data.
 */
export async function seedDemo(database: Database, options: { passwordHash?: Promise<string> } = {}): Promise<{ created: boolean }> {
  const existing = await database.db.select({ slug: clinics.slug }).from(clinics)
    .where(sql`${clinics.slug} in ${DEMO_CLINICS.map((c) => c.clinic.slug)}`);
  if (existing.length > 0) return { created: false };
  // The hash (argon2, on libuv's threads) is computed while the first rows go in; it is
  // awaited only where the first account needs it. `options.passwordHash` lets a caller
  // start it even earlier (src/cli/start.ts, while the database opens).
  const hashing = options.passwordHash ?? hashPassword(DEMO_PASSWORD);
  hashing.catch(() => {}); // awaited below; this only keeps an early return from leaving it unobserved
  // On the embedded database (a first start waits for this), two of the bookings' row
  // triggers are replaced by their sum at the end, for the demo's ~600 rows: the report
  // roll-ups are computed once per clinic by `rebuild_report_rollups` (migration 0041,
  // the same rows from scratch), and the clinic's page version is raised by one per
  // booking, as the per-row bump would have (migration 0029). The triggers are off only
  // inside this transaction, on a database no other connection can use; PostgreSQL keeps
  // them on rather than lock the bookings table of a live server. A new trigger on
  // bookings that the demo relies on needs the same thought here.
  const rollupsAtEnd = database.kind === 'pglite';
  await database.transaction(async (tx) => {
    if (rollupsAtEnd) await tx.execute(sql`ALTER TABLE bookings DISABLE TRIGGER bookings_report_rollups, DISABLE TRIGGER bookings_report_clients_inserted, DISABLE TRIGGER bookings_bump_page_version`);
    const clinicIds: string[] = [];
    for (const seed of DEMO_CLINICS) {
      const [clinic] = await tx.insert(clinics).values(seed.clinic).returning({ id: clinics.id });
      const clinicId = clinic!.id;
      clinicIds.push(clinicId);
      const serviceRows = await tx.insert(services).values(SERVICE_MENU.map((s) => ({ ...s, clinicId }))).returning({ id: services.id, kind: services.kind });
      const passwordHash = await hashing;
      // One statement per table rather than one per row: the rows, their order and the
      // triggers they fire (one per row) are the same; the round trips are fewer.
      const staffRows = await tx.insert(users).values(seed.staff.map((person) => ({ email: person.email, name: person.name, passwordHash, emailVerifiedAt: new Date() })))
        .onConflictDoUpdate({ target: users.email, set: { name: sql`excluded.name` } }).returning({ id: users.id, email: users.email });
      const userIds = new Map(staffRows.map((u) => [u.email, u.id]));
      const clientIds = new Map<string, string>();
      await tx.insert(memberships).values(seed.staff.map((person) => ({
        clinicId, userId: userIds.get(person.email)!, role: person.role, title: person.title ?? null, bio: person.bio ?? null, yearsExperience: person.years ?? null,
      })));
      const quals = seed.staff.flatMap((person) => (person.quals ?? []).map((q) => ({
        clinicId, userId: userIds.get(person.email)!, kind: q.kind ?? 'qualification', awardingBody: q.awardingBody, title: q.title, year: q.year,
        membershipNumber: q.number ?? null, isFacialAcupuncture: q.facial ?? false, verifiedAt: q.verified ? new Date() : null,
      })));
      if (quals.length) await tx.insert(qualifications).values(quals);
      const gives = seed.staff.flatMap((person) => serviceRows.filter((s) => person.gives?.includes(s.kind)).map((s) => ({ clinicId, serviceId: s.id, practitionerId: userIds.get(person.email)! })));
      if (gives.length) await tx.insert(servicePractitioners).values(gives);
      const accounts = seed.clients.filter((c) => c.account);
      const accountRows = accounts.length
        ? await tx.insert(users).values(accounts.map((c) => ({ email: c.email, name: c.name, passwordHash, emailVerifiedAt: new Date() }))).returning({ id: users.id, email: users.email })
        : [];
      const accountIds = new Map(accountRows.map((u) => [u.email, u.id]));
      const clientRows = await tx.insert(clients).values(seed.clients.map((c) => ({ clinicId, userId: accountIds.get(c.email) ?? null, name: c.name, email: c.email, phone: c.phone })))
        .returning({ id: clients.id, email: clients.email });
      for (const row of clientRows) clientIds.set(row.email!, row.id);
      const team = seed.clients.filter((c) => c.treatedBy).map((c) => ({ clinicId, clientId: clientIds.get(c.email)!, practitionerId: userIds.get(c.treatedBy!)! }));
      if (team.length) await tx.insert(careTeam).values(team);
      await seedScheduling(tx, clinicId, seed, userIds, clientIds, serviceRows);
      await seedScreeningDemo(tx, clinicId, seed.clients[1] && clientIds.get(seed.clients[1].email));
      await seedClinicalDemo(tx, clinicId, seed, userIds, clientIds, { bruise: seed.clinic.slug === 'jade-leaf-bath' });
      await seedHistory(tx, clinicId, seed, userIds);
    }
    if (rollupsAtEnd) {
      await tx.execute(sql`ALTER TABLE bookings ENABLE TRIGGER bookings_report_rollups, ENABLE TRIGGER bookings_report_clients_inserted, ENABLE TRIGGER bookings_bump_page_version`);
      for (const id of clinicIds) {
        await tx.execute(sql`select rebuild_report_rollups(${id})`);
        // Every demo booking was inserted (none updated or deleted): one bump each.
        await tx.execute(sql`update clinics set page_version = page_version + (select count(*) from bookings where clinic_id = ${id}) where id = ${id}`);
      }
    }
  });
  return { created: true };
}

/** The demo sign-ins, for the start banner and the README. */
export function demoSignIns() {
  return DEMO_CLINICS.flatMap((seed) => [
    ...seed.staff.map((p) => ({ clinic: seed.clinic.name, role: p.role, email: p.email })),
    ...seed.clients.filter((c) => c.account).map((c) => ({ clinic: seed.clinic.name, role: 'client', email: c.email })),
  ]);
}
