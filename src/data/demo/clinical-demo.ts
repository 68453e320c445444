import { and, eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Tx } from '../db.ts';
import { adverseEvents, auditLog, bookings, noteAmendments, rooms, services, sessionNotes } from '../schema/index.ts';
import { totalNeedles, type ProtocolPoint } from '../../domain/protocols/protocols.ts';
import type { NoteTemplate } from '../../domain/notes/note-kinds.ts';

/**
 * The clinical side of the demo: a few months of signed session notes for the first two
 * clients of each clinic (facial acupuncture with the owner, knee pain with the second
 * acupuncturist), on completed appointments in the past, with points from the library,
 * needle counts and lot numbers. Olivia Brown (Jade Leaf) had a mild bruise at one session,
 * amended the next day, so the adverse event register and the record export have
 * something to show. Dates are relative to the day the demo is loaded, as the diary's are.
 *
 * Idempotent: a past appointment is only added when the client has none at that time, and
 * a note only when its appointment has none.
 */

interface ClinicalSeed {
  clinic: { timeZone?: string };
  staff: { email: string; role: string }[];
  clients: { email: string }[];
}

const both = (pointCode: string, needles = 1): ProtocolPoint => ({ pointCode, side: 'both', needles });
const midline = (pointCode: string): ProtocolPoint => ({ pointCode, side: 'midline', needles: 1 });

const FACIAL_POINTS: ProtocolPoint[] = [
  midline('EX-HN3'), both('GB14'), both('TE23'), both('ST2'), both('LI20'), both('ST3'), both('ST6'), midline('CV24'), both('LI4'), both('ST36'),
];
const KNEE_POINTS: ProtocolPoint[] = [both('ST35'), both('EX-LE5'), both('SP9'), both('GB34'), both('ST36')];

interface Session {
  /** Index into the clinic's clients (0: Olivia / Sophie; 1: James / Harry). */
  client: 0 | 1;
  /** 0: the owner; 1: the second acupuncturist. */
  practitioner: 0 | 1;
  slug: 'facial-acupuncture' | 'knee-pain';
  /** Days before the demo's reference day; the session is on the first `weekday` on or after it. */
  daysAgo: number;
  weekday: number;
  time: string;
  fields: Record<string, string>;
  points: ProtocolPoint[];
  lot: string;
  bruise?: boolean;
}

const facial = (daysAgo: number, fields: Record<string, string>, lot: string, extra: Partial<Session> = {}): Session => ({
  client: 0, practitioner: 0, slug: 'facial-acupuncture', daysAgo, weekday: 4, time: '11:30', fields, points: FACIAL_POINTS, lot, ...extra,
});
const knee = (daysAgo: number, fields: Record<string, string>, lot: string): Session => ({
  client: 1, practitioner: 1, slug: 'knee-pain', daysAgo, weekday: 1, time: '14:00', fields, points: KNEE_POINTS, lot,
});

const SESSIONS: Session[] = [
  facial(90, { concerns: 'Fine lines on the forehead and around the eyes; dull skin.', skin: 'Skin dry, slight puffiness under the eyes. Tongue pale, pulse thin.', treatment: 'Facial rejuvenation core protocol.', response: 'Relaxed throughout. No reaction.', aftercare: 'Drink water, no make-up until the evening.' }, 'L2406-1183'),
  facial(76, { concerns: 'As before.', skin: 'Skin a little brighter.', treatment: 'Core protocol.', response: 'Comfortable.', aftercare: 'As before.' }, 'L2406-1183'),
  facial(62, { concerns: 'Forehead lines; sleep has been poor.', skin: 'Skin tone even. Tired.', treatment: 'Core protocol, gentle depth at the forehead.', response: 'Fell asleep during the rest.', aftercare: 'Keep a regular bedtime.' }, 'L2408-0417'),
  facial(48, { concerns: 'Lines around the eyes.', skin: 'Skin well hydrated.', treatment: 'Core protocol.', response: 'A small bruise appeared at left ST2 on removal.', aftercare: 'Cold compress tonight; arnica if she wishes. Call if it spreads.' }, 'L2408-0417', { bruise: true }),
  facial(34, { concerns: 'Happy with the forehead; jawline next.', skin: 'Bruise from last time fully gone.', treatment: 'Core protocol; lighter needling under the eyes.', response: 'No reaction.', aftercare: 'As before.' }, 'L2410-0925'),
  knee(84, { knee: 'right', painBefore: '6', painAfter: '4', function: 'Stairs hurt; can walk 20 minutes before it aches.', treatment: 'Knee pain protocol, right side emphasis. Knee felt warm and looser.', advice: 'Quadriceps sets twice a day.' }, 'L2405-3310'),
  knee(70, { knee: 'right', painBefore: '5', painAfter: '3', function: 'Walking 30 minutes.', treatment: 'Knee pain protocol. No reaction.', advice: 'Add step-ups.' }, 'L2405-3310'),
  knee(56, { knee: 'right', painBefore: '4', painAfter: '2', function: 'Back to short runs on the flat.', treatment: 'Knee pain protocol. Comfortable.', advice: 'Keep the exercises going.' }, 'L2408-2071'),
  knee(42, { knee: 'right', painBefore: '3', painAfter: '1', function: 'Running 5 km twice a week.', treatment: 'Knee pain protocol, fewer local points. No reaction.', advice: 'Review in a month.' }, 'L2408-2071'),
];

const h = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export async function seedClinicalDemo(
  tx: Tx, clinicId: string, seed: ClinicalSeed, userIds: Map<string, string>, clientIds: Map<string, string>, options: { bruise: boolean },
) {
  const zone = seed.clinic.timeZone ?? 'Europe/London';
  const clinicians = seed.staff.filter((s) => s.role !== 'reception').map((s) => userIds.get(s.email)!);
  const clientList = seed.clients.map((c) => clientIds.get(c.email)!);
  const menu = await tx.select({ id: services.id, slug: services.slug, durationMin: services.durationMin, bufferAfterMin: services.bufferAfterMin })
    .from(services).where(eq(services.clinicId, clinicId));
  const roomRows = await tx.select({ id: rooms.id, kind: rooms.kind, sortOrder: rooms.sortOrder }).from(rooms).where(eq(rooms.clinicId, clinicId)).orderBy(rooms.sortOrder);
  const treatmentRooms = roomRows.filter((r) => r.kind === 'treatment');
  const at = (daysAgo: number, weekday: number, time: string) => {
    let d = DateTime.now().setZone(zone).startOf('day').minus({ days: daysAgo });
    while (d.weekday !== weekday) d = d.plus({ days: 1 });
    return d.set({ hour: (h(time) / 60) | 0, minute: h(time) % 60 });
  };

  // Each step is one statement for all the sessions (fewer round trips); rows go in in
  // the same order as one session at a time would put them.
  const planned = SESSIONS.flatMap((s) => {
    const clientId = clientList[s.client];
    const practitionerId = clinicians[s.practitioner];
    const service = menu.find((m) => m.slug === s.slug);
    if (!clientId || !practitionerId || !service) return [];
    const start = at(s.daysAgo, s.weekday, s.time);
    return [{ s, clientId, practitionerId, service, start, end: start.plus({ minutes: service.durationMin }) }];
  });
  if (!planned.length) return;
  const key = (clientId: string | null, startsAt: Date) => `${clientId} ${startsAt.getTime()}`;
  const bookingIds = new Map((await tx.select({ id: bookings.id, clientId: bookings.clientId, startsAt: bookings.startsAt }).from(bookings)
    .where(and(eq(bookings.clinicId, clinicId), inArray(bookings.clientId, [...new Set(planned.map((p) => p.clientId))]), inArray(bookings.startsAt, planned.map((p) => p.start.toJSDate())))))
    .map((b) => [key(b.clientId, b.startsAt), b.id]));
  const missing = planned.filter((p) => !bookingIds.has(key(p.clientId, p.start.toJSDate())));
  if (missing.length) {
    const added = await tx.insert(bookings).values(missing.map(({ s, clientId, practitionerId, service, start, end }) => ({
      clinicId, serviceId: service.id, practitionerId, clientId, roomId: treatmentRooms[s.practitioner]?.id ?? null,
      startsAt: start.toJSDate(), endsAt: end.toJSDate(), bufferAfterMin: service.bufferAfterMin,
      blockedStart: start.toJSDate(), blockedEnd: end.plus({ minutes: service.bufferAfterMin }).toJSDate(),
      status: 'completed' as const, source: 'staff' as const, createdAt: start.minus({ days: 10 }).toJSDate(),
    }))).returning({ id: bookings.id, clientId: bookings.clientId, startsAt: bookings.startsAt });
    for (const b of added) bookingIds.set(key(b.clientId, b.startsAt), b.id);
  }
  const sessions = planned.map((p) => {
    const template: NoteTemplate = p.s.slug === 'knee-pain' ? 'knee' : 'facial';
    return { ...p, bookingId: bookingIds.get(key(p.clientId, p.start.toJSDate()))!, template, signedAt: p.end.plus({ minutes: 10 }) };
  });
  const notes = new Map((await tx.insert(sessionNotes).values(sessions.map(({ s, clientId, practitionerId, bookingId, template, start, signedAt }) => {
    const needles = totalNeedles(s.points);
    return {
      clinicId, bookingId, clientId, practitionerId, template, fields: s.fields, points: s.points,
      needleBrand: 'Seirin J-Type', needleSize: template === 'facial' ? '0.16 x 15 mm' : '0.25 x 30 mm', needleLot: s.lot,
      needlesIn: needles, needlesOut: needles, status: 'signed' as const, revision: 3,
      createdAt: start.toJSDate(), updatedAt: signedAt.toJSDate(), signedAt: signedAt.toJSDate(), signedBy: practitionerId,
    };
  })).onConflictDoNothing().returning({ id: sessionNotes.id, bookingId: sessionNotes.bookingId })).map((n) => [n.bookingId, n.id]));
  const written = sessions.flatMap((p) => (notes.has(p.bookingId) ? [{ ...p, noteId: notes.get(p.bookingId)! }] : []));
  const bruised = written.filter((p) => p.s.bruise && options.bruise);
  const nextDay = (p: { signedAt: DateTime }) => p.signedAt.plus({ days: 1 }).set({ hour: 9, minute: 15 });
  const amendmentIds = new Map<string, string>();
  if (bruised.length) {
    await tx.insert(adverseEvents).values(bruised.map(({ s: _s, noteId, bookingId, clientId, practitionerId, start, signedAt }) => ({
      clinicId, noteId, bookingId, clientId, practitionerId, occurredAt: start.toJSDate(), kind: 'bruising' as const, severity: 'mild' as const,
      description: 'Small bruise, about 5 mm, at left ST2 after needle removal.', actionTaken: 'Pressure for one minute, cold compress; advised arnica and to call if it spreads.',
      createdAt: signedAt.toJSDate(),
    })));
    const amended = await tx.insert(noteAmendments).values(bruised.map((p) => ({
      clinicId, noteId: p.noteId, authorId: p.practitionerId, reason: 'Follow-up call the next morning',
      changes: [{ field: 'response', before: p.s.fields.response, after: `${p.s.fields.response} Next morning: fading, no pain.` }], createdAt: nextDay(p).toJSDate(),
    }))).returning({ id: noteAmendments.id, noteId: noteAmendments.noteId });
    for (const a of amended) amendmentIds.set(a.noteId, a.id);
  }
  // The audit trail in the order the events happened to each session.
  const audits = written.flatMap((p) => {
    const entry = (action: string, entityType: string, entityId: string, when: DateTime) => ({
      at: when.toJSDate(), clinicId, actorUserId: p.practitionerId, actorRole: p.s.practitioner === 0 ? 'owner' : 'practitioner', action, entityType, entityId,
      details: { clientId: p.clientId, bookingId: p.bookingId },
    });
    const list = [entry('note.create', 'session_note', p.noteId, p.start.plus({ minutes: 5 })), entry('note.sign', 'session_note', p.noteId, p.signedAt)];
    if (p.s.bruise && options.bruise) {
      list.push(entry('adverse_event.record', 'adverse_event', p.noteId, p.signedAt), entry('note.amend', 'note_amendment', amendmentIds.get(p.noteId)!, nextDay(p)));
    }
    return list;
  });
  if (audits.length) await tx.insert(auditLog).values(audits);
}
