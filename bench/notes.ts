/**
 * Session note benchmark: `npm run bench:notes`.
 *
 * Builds the app in-process on the embedded database (PGlite, in memory) with the demo
 * clinics, then gives one demo client of a facial practitioner a history: six earlier
 * sessions with signed notes (points, counts, an adverse event, an amendment) and two
 * versions of their health answers (one change that asks for review). It then opens the
 * note of the client's next facial appointment, the way the screen does, and prints:
 *
 * - the SQL statements of opening the note, counted at the database driver: resolving who
 *   asks (membership and role), the note's one read (booking, care team, note, last three
 *   notes, health answers, screening decisions) and its audit row. The budget is 3;
 * - the same for the whole HTTP request, which also reads the signed-in session;
 * - server time (median, p95, p99) of the service call and of the HTTP request
 *   (`app.inject`: routing, sign-in, queries, screening, serialising; no network).
 *   The budget is under 15 ms.
 *
 * BENCH_PARTS=1 also times the parts: resolving the actor, a bare `select 1`, the note's
 * read and the audit row (the machine's load shows in `select 1`).
 *
 * The notes it seeds live only in this in-memory database. Figures are printed, never asserted.
 */

import { and, eq, sql } from 'drizzle-orm';
import { openDatabase } from '../src/data/db.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/data/demo/demo-data.ts';
import {
  adverseEvents, bookings, careTeam, clients, clinics, formResponses, formVersions, memberships, noteAmendments, services, sessionNotes, users,
} from '../src/data/schema/index.ts';
import { DEFAULT_INTAKE_FORM } from '../src/domain/intake/index.ts';
import { openNote } from '../src/features/notes/notes.service.ts';
import { requesterForUser, resolveActor, STAFF } from '../src/server/access.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { measure, type Stats } from './measure.ts';


const database = await openDatabase({ kind: 'pglite' });
await database.migrate();
await seedDemo(database);
const db = database.db;

// Every statement PGlite runs goes through query or exec: count them.
let statements = 0;
const client = (db as unknown as { $client: Record<'query' | 'exec', (...args: unknown[]) => Promise<unknown>> }).$client;
for (const method of ['query', 'exec'] as const) {
  const original = client[method].bind(client);
  client[method] = (...args: unknown[]) => {
    statements++;
    return original(...args);
  };
}
const counted = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const before = statements;
  const result = await fn();
  return [result, statements - before];
};

// A facial practitioner of a demo clinic and one of the clinic's clients.
const [who] = await db.select({ clinicId: memberships.clinicId, userId: memberships.userId, email: users.email })
  .from(memberships).innerJoin(users, eq(users.id, memberships.userId))
  .where(eq(memberships.role, 'practitioner')).orderBy(users.email).limit(1);
const { clinicId, userId, email } = who!;
const [facial] = await db.select({ id: services.id }).from(services).where(and(eq(services.clinicId, clinicId), eq(services.kind, 'facial'))).limit(1);
const [theClient] = await db.select({ id: clients.id }).from(clients).where(eq(clients.clinicId, clinicId)).orderBy(clients.email).limit(1);
const clientId = theClient!.id;
await db.insert(careTeam).values({ clinicId, clientId, practitionerId: userId }).onConflictDoNothing();

// Six earlier weekly sessions (long past, so they clash with nothing), each with a signed note.
const HOUR = 3_600_000;
const session = async (startsAt: Date, status: 'completed' | 'confirmed') => {
  const endsAt = new Date(startsAt.getTime() + HOUR);
  const [b] = await db.insert(bookings).values({
    clinicId, serviceId: facial!.id, practitionerId: userId, clientId, startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status, source: 'staff',
  }).returning({ id: bookings.id });
  return b!.id;
};
for (let i = 0; i < 6; i++) {
  const startsAt = new Date(Date.UTC(2020, 0, 6 + 7 * i, 10));
  const bookingId = await session(startsAt, 'completed');
  const [n] = await db.insert(sessionNotes).values({
    clinicId, bookingId, clientId, practitionerId: userId, template: 'facial', status: 'signed', signedAt: startsAt, signedBy: userId,
    fields: { concerns: 'Fine lines, dull skin', skin: 'Dry', treatment: 'Gua sha', response: 'Relaxed', aftercare: 'Water, no make-up tonight' },
    points: [
      { pointCode: 'EX-HN3', side: 'midline', needles: 1 }, { pointCode: 'ST3', side: 'both', needles: 1 }, { pointCode: 'LI20', side: 'both', needles: 1 },
      { pointCode: 'GB14', side: 'both', needles: 1 }, { pointCode: 'ST36', side: 'both', needles: 1 }, { pointCode: 'SP6', side: 'both', needles: 1 },
    ],
    needleBrand: 'Seirin J-type', needleSize: '0.16 × 15 mm', needleLot: 'L2307A', needlesIn: 11, needlesOut: 11,
  }).returning({ id: sessionNotes.id });
  await db.insert(adverseEvents).values({ clinicId, noteId: n!.id, bookingId, clientId, practitionerId: userId, occurredAt: startsAt, kind: 'bruising', severity: 'mild', description: 'Small bruise', actionTaken: 'Pressure' });
  await db.insert(noteAmendments).values({ clinicId, noteId: n!.id, authorId: userId, reason: 'Detail added', changes: [{ field: 'fields.response', before: 'Relaxed', after: 'Relaxed, slept well' }] });
}
await db.insert(formVersions).values({ clinicId, formKey: 'intake', version: 1, definition: DEFAULT_INTAKE_FORM as unknown as Record<string, unknown> }).onConflictDoNothing();
const [{ v }] = (await db.select({ v: sql<number>`coalesce(max(${formResponses.version}), 0)::int` }).from(formResponses).where(and(eq(formResponses.clinicId, clinicId), eq(formResponses.clientId, clientId)))) as [{ v: number }];
for (const [i, bleeding] of ['no', 'bruise-easily'].entries()) {
  await db.insert(formResponses).values({
    clinicId, clientId, formKey: 'intake', formVersion: 1, version: v + i + 1, status: 'submitted',
    answers: { bleeding, bloodThinners: false, pregnancy: 'no' }, submittedAt: new Date(Date.UTC(2030, 0, 1 + i)),
  });
}
const nextId = await session(new Date(Date.UTC(2020, 2, 2, 10)), 'confirmed');

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' });
const app = await buildApp({ config, database, logger: false });
await app.ready();
const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: DEMO_PASSWORD } });
if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.statusCode} ${signIn.body}`);
const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const [slugRow] = (await db.select({ slug: clinics.slug }).from(clinics).where(eq(clinics.id, clinicId))) as [{ slug: string }];
const url = `/api/v1/clinics/${slugRow.slug}/bookings/${nextId}/note`;

const requester = await requesterForUser(database, userId);
const open = async () => openNote(app.ctx, await resolveActor(database, requester, slugRow.slug, STAFF), nextId);

const [first, serviceStatements] = await counted(open);
const [response, httpStatements] = await counted(() => app.inject({ url, headers: { cookie } }));
if (response.statusCode !== 200) throw new Error(`open failed: ${response.statusCode} ${response.body}`);
const [, warmStatements] = await counted(open);

console.log(`Demo clinic ${slugRow.slug}; the client has ${first.previousNotes.length} previous notes shown (6 stored), ${first.intakeChanges.changes.length} health-answer change(s), ${first.findings.length} finding(s), ${first.reviewOutstanding} review(s) outstanding.`);
console.log(`SQL statements, opening the note (actor + note + audit): first ${serviceStatements}, warm ${warmStatements}  (budget: 3)`);
console.log(`SQL statements, whole HTTP request (+ the signed-in session): ${httpStatements}`);
const fmt = (s: Stats) => `median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms (${s.iterations} runs)`;
console.log(`Server time, service call:  ${fmt(await measure(open))}`);
console.log(`Server time, HTTP request:  ${fmt(await measure(() => app.inject({ url, headers: { cookie } })))}  (budget: under 15 ms)`);
console.log(`Response size: ${response.rawPayload.length} bytes`);
if (process.env.BENCH_PARTS) {
  const { loadNoteContext } = await import('../src/features/notes/notes.repository.ts');
  const { recordAudit } = await import('../src/server/audit.ts');
  const actor = await resolveActor(database, requester, slugRow.slug, STAFF);
  console.log(`  resolve actor: ${fmt(await measure(() => resolveActor(database, requester, slugRow.slug, STAFF)))}`);
  console.log(`  select 1:      ${fmt(await measure(() => db.execute(sql`select 1`)))}`);
  console.log(`  note read:     ${fmt(await measure(() => loadNoteContext(db, clinicId, nextId, userId)))}`);
  console.log(`  audit row:     ${fmt(await measure(() => recordAudit(db, actor, { action: 'note.view', entityType: 'session_note', details: { clientId } })))}`);
}
await app.close();
await database.close();
