import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { adverseEvents, bookings, clients, clinics, sessionNotes } from '../schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { DEMO_CLINICS, seedDemo } from './demo-data.ts';
import { seedClinicalDemo } from './clinical-demo.ts';
import { checkTemplateFields } from '../../domain/notes/templates.ts';
import type { NoteTemplate } from '../../domain/notes/note-kinds.ts';

let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
});
afterAll(() => t.close());

describe('the clinical demo data', () => {
  it('gives the demo clients months of signed notes on completed past appointments, and Olivia Brown a mild bruise', async () => {
    const notes = await t.database.db.select({ n: sessionNotes, b: bookings }).from(sessionNotes)
      .innerJoin(bookings, and(eq(bookings.clinicId, sessionNotes.clinicId), eq(bookings.id, sessionNotes.bookingId)));
    expect(notes.length).toBe(18);
    for (const { n, b } of notes) {
      expect(n.status).toBe('signed');
      expect(b.status).toBe('completed');
      expect(b.startsAt.getTime()).toBeLessThan(Date.now());
      expect(n.needlesIn).toBe(n.needlesOut);
      expect(n.needleLot).toMatch(/^L\d{4}-\d{4}$/);
      // The note screen shows and amends only its template's fields.
      expect(checkTemplateFields(n.template as NoteTemplate, n.fields as Record<string, string>)).toEqual([]);
    }
    const events = await t.database.db.select({ kind: adverseEvents.kind, severity: adverseEvents.severity, client: clients.name }).from(adverseEvents)
      .innerJoin(clients, and(eq(clients.clinicId, adverseEvents.clinicId), eq(clients.id, adverseEvents.clientId)));
    expect(events).toEqual([{ kind: 'bruising', severity: 'mild', client: 'Olivia Brown' }]);
  });

  it('adds nothing when run again', async () => {
    const seed = DEMO_CLINICS[0]!;
    const [clinic] = await t.database.db.select().from(clinics).where(eq(clinics.slug, seed.clinic.slug));
    const before = await t.database.db.select().from(sessionNotes);
    const people = await t.database.db.query.users.findMany();
    const clientRows = await t.database.db.select().from(clients).where(eq(clients.clinicId, clinic!.id));
    await t.database.transaction((tx) => seedClinicalDemo(tx, clinic!.id, seed,
      new Map(people.map((u) => [u.email, u.id])), new Map(clientRows.map((c) => [c.email, c.id])), { bruise: true }));
    expect(await t.database.db.select().from(sessionNotes)).toHaveLength(before.length);
    expect(await t.database.db.select().from(adverseEvents)).toHaveLength(1);
  });
});
