import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { auditLog, bookings, careTeam, clients } from '../../data/schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { bookingToken, createClinicFixture, localDate, localSlot, type ClinicFixture } from './booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000', BOOKING_PER_EMAIL_PER_HOUR: '50' });
  f = await createClinicFixture(t, { slug: 'jade-test' });
});
afterAll(() => t.close());

const url = (path = '') => `/api/v1/clinics/${f.slug}${path}`;
let ipCounter = 1;
/** A visitor from a fresh address, so tests do not share one IP's rate limit. */
function visitor() {
  const c = t.client();
  c.ip = `198.51.100.${ipCounter++ % 250}`;
  return c;
}
const person = (email: string, name = 'Ada Lovelace') => ({ name, email, phone: '07700 900123' });

async function book(body: Record<string, unknown>, headers?: Record<string, string>) {
  return visitor().post(url('/bookings'), body, headers);
}

describe('GET /api/v1/clinics/:slug/services and /practitioners', () => {
  it('lists only services bookable online, with their practitioners, and the practitioners who give them', async () => {
    const services = (await t.client().get(url('/services'))).json();
    expect(services.items.map((s: { slug: string }) => s.slug)).toEqual(['consultation', 'facial', 'massage']);
    expect(services.items[1]).toMatchObject({ requiresConsultation: true, priceMinor: 9500, currency: 'GBP' });
    const people = (await t.client().get(url('/practitioners'))).json();
    expect(people.items.map((p: { name: string }) => p.name)).toEqual(['Pat Practitioner', 'Sam Second']);
  });

  it('answers 404 problem+json for an unknown clinic', async () => {
    const res = await t.client().get('/api/v1/clinics/no-such-clinic/services');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('GET /api/v1/clinics/:slug/availability', () => {
  it('offers the working day in the clinic zone on the step, skipping lunch, sorted by start', async () => {
    const date = localDate(localSlot(f.timeZone, 1, '12:00'), f.timeZone);
    const res = await t.client().get(url(`/availability?serviceId=${f.services.massage}&from=${date}&to=${date}`));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.timeZone).toBe('Europe/London');
    const local = body.slots.map((s: { start: string }) => DateTime.fromISO(s.start).setZone(f.timeZone).toFormat('HH:mm'));
    expect(local[0]).toBe('09:00');
    expect(local).toContain('12:00');
    expect(local).not.toContain('12:15'); // would run into lunch
    expect(local).toContain('14:00');
    expect(local.at(-1)).toBe('16:00');
    expect(body.slots.every((s: { practitionerId: string }) => s.practitionerId === f.secondId)).toBe(true);
    const starts = body.slots.map((s: { start: string }) => s.start);
    expect([...starts].sort()).toEqual(starts);
  });

  it('offers each start once for any practitioner, and only that practitioner when asked', async () => {
    const date = DateTime.fromISO(localSlot(f.timeZone, 2, '00:00')).setZone(f.timeZone).toISODate();
    const any = (await t.client().get(url(`/availability?serviceId=${f.services.consultation}&from=${date}&to=${date}`))).json();
    const starts = any.slots.map((s: { start: string }) => s.start);
    expect(new Set(starts).size).toBe(starts.length);
    const one = (await t.client().get(url(`/availability?serviceId=${f.services.consultation}&practitionerId=${f.practitionerId}&from=${date}&to=${date}`))).json();
    expect(one.slots.every((s: { practitionerId: string }) => s.practitionerId === f.practitionerId)).toBe(true);
  });

  it.each([
    ['an unknown service', () => `serviceId=00000000-0000-4000-8000-000000000000&from=2030-01-01`, 'querystring.serviceId'],
    ['a service not bookable online', () => `serviceId=${f.services.offline}&from=2030-01-01`, 'querystring.serviceId'],
    ['an unknown practitioner', () => `serviceId=${f.services.massage}&practitionerId=00000000-0000-4000-8000-000000000000&from=2030-01-01`, 'querystring.practitionerId'],
    ['a practitioner who does not give the service', () => `serviceId=${f.services.massage}&practitionerId=${f.practitionerId}&from=2030-01-01`, 'querystring.practitionerId'],
    ['`to` before `from`', () => `serviceId=${f.services.massage}&from=2030-01-10&to=2030-01-01`, 'querystring.to'],
    ['a range past the 62-day cap', () => `serviceId=${f.services.massage}&from=2030-01-01&to=2030-03-05`, 'querystring.to'],
    ['a date that does not exist', () => `serviceId=${f.services.massage}&from=2030-02-30`, 'querystring.from'],
    ['a service id that is not a uuid', () => `serviceId=nope&from=2030-01-01`, 'querystring.serviceId'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await t.client().get(url(`/availability?${query()}`));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('checks every request of an address asked for again: a good one stays good, a bad one is refused each time', async () => {
    const date = localDate(localSlot(f.timeZone, 1, '12:00'), f.timeZone);
    const good = url(`/availability?serviceId=${f.services.massage}&from=${date}&to=${date}`);
    const bad = url(`/availability?serviceId=nope&from=${date}`);
    const first = await t.client().get(good);
    for (let i = 0; i < 2; i++) {
      const refused = await t.client().get(bad);
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['querystring.serviceId']);
      const again = await t.client().get(good);
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
    }
    // The same query string in another order, or with a repeated key, is checked on its own.
    expect((await t.client().get(url(`/availability?to=${date}&from=${date}&serviceId=${f.services.massage}`))).body).toBe(first.body);
    expect((await t.client().get(`${good}&from=${date}`)).statusCode).toBe(400);
  });

  it('accepts exactly 62 days', async () => {
    const res = await t.client().get(url(`/availability?serviceId=${f.services.massage}&from=2030-01-01&to=2030-03-03`));
    expect(res.statusCode).toBe(200);
  });
});

describe('POST /api/v1/clinics/:slug/bookings', () => {
  it('holds the slot for a visitor, e-mails a confirm link, and confirming sends the invite with reschedule and cancel links', async () => {
    const start = localSlot(f.timeZone, 3, '10:00');
    const res = await book({ serviceId: f.services.consultation, practitionerId: f.practitionerId, start, client: person('New.Visitor@Example.com') });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ status: 'held', start: new Date(start).toISOString(), practitionerId: f.practitionerId });
    expect(Date.parse(created.holdExpiresAt) - Date.now()).toBeGreaterThan(25 * 60_000);

    const [hold] = await t.emailsTo('new.visitor@example.com');
    expect(hold!.subject).toMatch(/confirm your booking/i);
    expect(hold!.attachments ?? []).toHaveLength(0);
    const token = bookingToken(hold!.text, 'confirm');

    const confirmed = await t.client().post(url(`/bookings/by-token/${token}/confirm`));
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', canCancel: true });
    const [mail] = await t.emailsTo('new.visitor@example.com');
    expect(mail!.subject).toMatch(/Your booking at/);
    expect(mail!.text).toMatch(/action=reschedule/);
    expect(mail!.text).toMatch(/action=cancel/);
    const ics = mail!.attachments![0]!;
    expect(ics.contentType).toContain('text/calendar');
    expect(ics.content).toContain('BEGIN:VEVENT');
    expect(ics.content).toContain(`UID:${created.id}@yintang`);
    expect(ics.content).toContain(`DTSTART:${DateTime.fromISO(start).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`);

    // Confirming put the practitioner on the client's care team, and the second click changes nothing.
    const [client] = await t.database.db.select().from(clients).where(eq(clients.email, 'new.visitor@example.com'));
    const team = await t.database.db.select().from(careTeam).where(eq(careTeam.clientId, client!.id));
    expect(team.map((r) => r.practitionerId)).toEqual([f.practitionerId]);
    expect((await t.client().post(url(`/bookings/by-token/${token}/confirm`))).json().status).toBe('confirmed');
  });

  it('answers a known client and an unknown address alike, and never changes the known record', async () => {
    const known = await book({ serviceId: f.services.massage, start: localSlot(f.timeZone, 3, '09:00'), client: person('known@example.com', 'Known Person') });
    await t.database.db.update(bookings).set({ status: 'confirmed', holdExpiresAt: null }).where(eq(bookings.id, known.json().id));
    const again = await book({ serviceId: f.services.massage, start: localSlot(f.timeZone, 3, '11:00'), client: person('known@example.com', 'Someone Else') });
    const fresh = await book({ serviceId: f.services.massage, start: localSlot(f.timeZone, 3, '14:00'), client: person('stranger@example.com', 'Someone Else') });
    expect(again.statusCode).toBe(fresh.statusCode);
    const strip = (b: Record<string, unknown>) => Object.keys(b).sort();
    expect(strip(again.json())).toEqual(strip(fresh.json()));
    expect(again.json().status).toBe(fresh.json().status);
    const [row] = await t.database.db.select().from(clients).where(eq(clients.email, 'known@example.com'));
    expect(row!.name).toBe('Known Person');
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const start = localSlot(f.timeZone, 4, '10:00');
    const before = (await t.database.db.select().from(bookings)).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ serviceId: f.services.massage, start, client: person('not-an-email') }, 'body.client.email'],
      [{ serviceId: f.services.massage, start, client: person('long@example.com', 'x'.repeat(10_000)) }, 'body.client.name'],
      [{ serviceId: f.services.massage, start: '2030-01-01 10:00', client: person('a@example.com') }, 'body.start'],
      [{ serviceId: f.services.massage, start }, 'body.client'],
      [{ serviceId: f.services.massage, start, client: person('a@example.com'), admin: true }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await book(body);
      expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
    expect((await t.database.db.select().from(bookings)).length).toBe(before);
  });

  it.each([
    ['unknown-service', () => ({ serviceId: '00000000-0000-4000-8000-000000000000', start: localSlot(f.timeZone, 4, '10:00') })],
    ['unknown-practitioner', () => ({ serviceId: f.services.massage, practitionerId: '00000000-0000-4000-8000-000000000000', start: localSlot(f.timeZone, 4, '10:00') })],
    ['practitioner-not-offering', () => ({ serviceId: f.services.massage, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 4, '10:00') })],
  ])('answers 422 %s', async (code, body) => {
    const res = await book({ ...body(), client: person('unknown@example.com') });
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toMatch(new RegExp(`${code}$`));
  });

  it.each([
    ['in the past', () => DateTime.now().minus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO()!, /past/],
    ['inside the minimum notice', () => DateTime.now().plus({ minutes: 30 }).toUTC().toISO()!, /notice|past|working hours|every 15/],
    ['on a wrong minute', () => localSlot(f.timeZone, 4, '10:07'), /every 15 minutes/],
    ['outside working hours', () => localSlot(f.timeZone, 4, '18:00'), /working hours/],
    ['in the lunch break', () => localSlot(f.timeZone, 4, '13:00'), /working hours/],
    ['on a Sunday', () => localSlot(f.timeZone, 7, '10:00'), /working hours|closed/],
    ['beyond the horizon', () => localSlot(f.timeZone, 4, '10:00', 100), /ahead/],
  ])('answers 422 for a start %s', async (_name, start, detail) => {
    const res = await book({ serviceId: f.services.massage, start: start(), client: person('timing@example.com') });
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toMatch(/slot-not-offered$/);
    expect(res.json().detail).toMatch(detail);
  });

  it('answers 422 on a clinic closure day', async () => {
    const start = localSlot(f.timeZone, 5, '10:00');
    const owner = await f.signIn('owner');
    expect((await owner.post(url('/settings/closures'), { date: DateTime.fromISO(start).setZone(f.timeZone).toISODate(), name: 'Bank holiday' })).statusCode).toBe(201);
    const res = await book({ serviceId: f.services.massage, start, client: person('closed@example.com') });
    expect(res.statusCode).toBe(422);
  });

  it('answers 409 when the slot was just taken, and 422 is kept for starts never offered', async () => {
    const start = localSlot(f.timeZone, 2, '15:00', 10);
    expect((await book({ serviceId: f.services.massage, start, client: person('first@example.com') })).statusCode).toBe(201);
    const second = await book({ serviceId: f.services.massage, start, client: person('second@example.com') });
    expect(second.statusCode).toBe(409);
    expect(second.json().type).toMatch(/slot-taken$/);
    // The buffer-free massage ends at 16:00, so 16:00 is still free; 15:30 overlaps.
    expect((await book({ serviceId: f.services.massage, start: localSlot(f.timeZone, 2, '15:30', 10), client: person('third@example.com') })).statusCode).toBe(409);
    expect((await book({ serviceId: f.services.massage, start: localSlot(f.timeZone, 2, '16:00', 10), client: person('fourth@example.com') })).statusCode).toBe(201);
  });

  it('assigns another practitioner for "any" when the first is busy, and a free room for a room service', async () => {
    const start = localSlot(f.timeZone, 2, '10:00', 17);
    const a = await book({ serviceId: f.services.consultation, start, client: person('any1@example.com') });
    const b = await book({ serviceId: f.services.consultation, start, client: person('any2@example.com') });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().practitionerId).not.toBe(b.json().practitionerId);
    expect((await book({ serviceId: f.services.consultation, start, client: person('any3@example.com') })).statusCode).toBe(409);
  });

  it('returns the first booking for a repeated Idempotency-Key and books once', async () => {
    const start = localSlot(f.timeZone, 4, '09:00', 10);
    const body = { serviceId: f.services.massage, start, client: person('retry@example.com') };
    const headers = { 'idempotency-key': 'retry-key-123456' };
    const first = await book(body, headers);
    const again = await book(body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const rows = await t.database.db.select().from(bookings).where(eq(bookings.idempotencyKey, 'retry-key-123456'));
    expect(rows).toHaveLength(1);
    expect(await t.emailsTo('retry@example.com')).toHaveLength(1);
    const other = await book({ ...body, start: localSlot(f.timeZone, 4, '11:00', 10) }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().type).toMatch(/idempotency-key-reused$/);
  });

  it('books two slots at once for one new address, with one client record', async () => {
    const [a, b] = await Promise.all([
      book({ serviceId: f.services.massage, start: localSlot(f.timeZone, 5, '14:00', 10), client: person('twice-at-once@example.com') }),
      book({ serviceId: f.services.massage, start: localSlot(f.timeZone, 5, '15:00', 10), client: person('twice-at-once@example.com') }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(await t.database.db.select().from(clients).where(eq(clients.email, 'twice-at-once@example.com'))).toHaveLength(1);
  });

  it('stores HTML in a name as text and escapes it in the e-mail', async () => {
    const name = '<img src=x onerror=alert(1)> Eve';
    const res = await book({ serviceId: f.services.massage, start: localSlot(f.timeZone, 5, '09:00', 10), client: person('eve@example.com', name) });
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(clients).where(eq(clients.email, 'eve@example.com'));
    expect(row!.name).toBe(name);
    const [mail] = await t.emailsTo('eve@example.com');
    expect(mail!.html).not.toContain('<img');
    expect(mail!.html).toContain('&lt;img src=x onerror=alert(1)&gt; Eve');
  });
});

describe('a first facial session needs a consultation', () => {
  it('is refused for a visitor with the same message for everyone, pointing to the consultation', async () => {
    const res = await book({ serviceId: f.services.facial, start: localSlot(f.timeZone, 3, '10:00', 20), client: person('face@example.com') });
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.type).toMatch(/consultation-required$/);
    expect(problem.consultationServiceId).toBe(f.services.consultation);
    expect(problem.detail).toMatch(/Free consultation/);
  });

  it('is allowed for a signed-in client once a consultation is on record, in a free room', async () => {
    const client = await f.signIn('reception'); // staff may also book for themselves as clients
    const consult = await client.post(url('/bookings'), { serviceId: f.services.consultation, start: localSlot(f.timeZone, 3, '09:00', 20) });
    expect(consult.statusCode).toBe(201);
    expect(consult.json().status).toBe('confirmed');
    const early = await client.post(url('/bookings'), { serviceId: f.services.facial, start: localSlot(f.timeZone, 3, '09:00', 19) });
    expect(early.statusCode).toBe(422); // before the consultation
    const facial = await client.post(url('/bookings'), { serviceId: f.services.facial, start: localSlot(f.timeZone, 3, '11:00', 20) });
    expect(facial.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(bookings).where(eq(bookings.id, facial.json().id));
    expect(f.roomIds).toContain(row!.roomId);
  });
});

describe('cancel and reschedule from the e-mail link', () => {
  async function confirmedBooking(email: string, start: string) {
    const res = await book({ serviceId: f.services.massage, start, client: person(email) });
    expect(res.statusCode).toBe(201);
    const token = bookingToken((await t.emailsTo(email))[0]!.text, 'confirm');
    expect((await t.client().post(url(`/bookings/by-token/${token}/confirm`))).statusCode).toBe(200);
    return { id: res.json().id as string, token };
  }

  it('cancels in good time without the late flag and frees the slot', async () => {
    const start = localSlot(f.timeZone, 6, '10:00', 10);
    const { token } = await confirmedBooking('cancel-early@example.com', start);
    const res = await t.client().post(url(`/bookings/by-token/${token}/cancel`));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', lateCancellation: false, canCancel: false });
    const [mail] = await t.emailsTo('cancel-early@example.com');
    expect(mail!.attachments![0]!.content).toContain('METHOD:CANCEL');
    expect((await book({ serviceId: f.services.massage, start, client: person('taker@example.com') })).statusCode).toBe(201);
    expect((await t.client().post(url(`/bookings/by-token/${token}/cancel`))).statusCode).toBe(409);
  });

  it('marks a cancellation inside the window as late', async () => {
    const start = localSlot(f.timeZone, 6, '11:00', 10);
    const { id, token } = await confirmedBooking('cancel-late@example.com', start);
    // Move the booking to 3 hours from now: inside the 24-hour window.
    const soon = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / 900_000) * 900_000);
    await t.database.db.update(bookings).set({ startsAt: soon, endsAt: new Date(soon.getTime() + 3_600_000), blockedStart: soon, blockedEnd: new Date(soon.getTime() + 3_600_000) }).where(eq(bookings.id, id));
    const view = (await t.client().get(url(`/bookings/by-token/${token}`))).json();
    expect(view.canReschedule).toBe(false);
    const res = await t.client().post(url(`/bookings/by-token/${token}/cancel`));
    expect(res.json()).toMatchObject({ status: 'cancelled', lateCancellation: true });
  });

  it('reschedules to a free slot, frees the old one, and sends an updated invite', async () => {
    const start = localSlot(f.timeZone, 6, '14:00', 10);
    const { token, id } = await confirmedBooking('move@example.com', start);
    const to = localSlot(f.timeZone, 6, '15:00', 10);
    const res = await t.client().post(url(`/bookings/by-token/${token}/reschedule`), { start: to });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'confirmed', start: new Date(to).toISOString() });
    const [mail] = await t.emailsTo('move@example.com');
    expect(mail!.subject).toMatch(/has moved/);
    expect(mail!.attachments![0]!.content).toMatch(/SEQUENCE:3/);
    // The same move again (a second click on "Move appointment") changes nothing and sends no second e-mail.
    const sent = (await t.emailsTo('move@example.com')).length;
    const again = await t.client().post(url(`/bookings/by-token/${token}/reschedule`), { start: to });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id, start: new Date(to).toISOString() });
    expect(await t.emailsTo('move@example.com')).toHaveLength(sent);
    expect((await book({ serviceId: f.services.massage, start, client: person('old-slot@example.com') })).statusCode).toBe(201);
    // Moving onto a taken slot is a 409; onto a time never offered a 422.
    expect((await t.client().post(url(`/bookings/by-token/${token}/reschedule`), { start })).statusCode).toBe(409);
    expect((await t.client().post(url(`/bookings/by-token/${token}/reschedule`), { start: localSlot(f.timeZone, 6, '20:00', 10) })).statusCode).toBe(422);
  });

  it('answers 404 for a link that matches no booking', async () => {
    expect((await t.client().get(url(`/bookings/by-token/${'x'.repeat(43)}`))).statusCode).toBe(404);
  });
});

describe('held bookings', () => {
  it('stop blocking once the hold runs out: another visitor books the slot, and the late confirmation gets 409', async () => {
    const start = localSlot(f.timeZone, 5, '15:00', 17);
    const held = await book({ serviceId: f.services.massage, start, client: person('slow@example.com') });
    expect(held.statusCode).toBe(201);
    const token = bookingToken((await t.emailsTo('slow@example.com'))[0]!.text, 'confirm');
    expect((await book({ serviceId: f.services.massage, start, client: person('quick@example.com') })).statusCode).toBe(409);

    await t.database.db.update(bookings).set({ holdExpiresAt: new Date(Date.now() - 1000) }).where(eq(bookings.id, held.json().id));
    const date = DateTime.fromISO(start).setZone(f.timeZone).toISODate();
    const slots = (await t.client().get(url(`/availability?serviceId=${f.services.massage}&from=${date}&to=${date}`))).json().slots;
    expect(slots.map((s: { start: string }) => s.start)).toContain(new Date(start).toISOString());
    expect((await book({ serviceId: f.services.massage, start, client: person('quick@example.com') })).statusCode).toBe(201);
    const [expired] = await t.database.db.select().from(bookings).where(eq(bookings.id, held.json().id));
    expect(expired!.status).toBe('expired');
    expect((await t.client().post(url(`/bookings/by-token/${token}/confirm`))).statusCode).toBe(409);
  });

  it('can still be confirmed after the hold ran out when nobody took the time', async () => {
    const start = localSlot(f.timeZone, 5, '16:00', 17);
    const held = await book({ serviceId: f.services.massage, start, client: person('late-confirm@example.com') });
    await t.database.db.update(bookings).set({ holdExpiresAt: new Date(Date.now() - 1000) }).where(eq(bookings.id, held.json().id));
    const token = bookingToken((await t.emailsTo('late-confirm@example.com'))[0]!.text, 'confirm');
    expect((await t.client().post(url(`/bookings/by-token/${token}/confirm`))).json().status).toBe('confirmed');
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the per-address limit, whatever the IP', async () => {
    let last;
    for (let i = 0; i < 51; i++) last = await book({ serviceId: '00000000-0000-4000-8000-000000000000', start: localSlot(f.timeZone, 4, '10:00'), client: person('flood@example.com') });
    expect(last!.statusCode).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('access', () => {
  it("hides a booking from another clinic's owner and from another client (404)", async () => {
    const other = await createClinicFixture(t, { slug: 'other-clinic' });
    const res = await book({ serviceId: f.services.massage, start: localSlot(f.timeZone, 2, '09:00', 24), client: person('mine@example.com') });
    const id = res.json().id;
    const stranger = await other.signIn('owner');
    expect((await stranger.get(url(`/bookings/${id}`))).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/clinics/other-clinic/bookings/${id}`)).statusCode).toBe(404);
    const client = await f.signIn('reception');
    const me = await client.get(url('/me/bookings'));
    expect(me.statusCode).toBe(200);
    expect(me.json().items.some((b: { id: string }) => b.id === id)).toBe(false);
    const owner = await f.signIn('owner');
    const seen = await owner.get(url(`/bookings/${id}`));
    expect(seen.statusCode).toBe(200);
    expect(seen.headers.etag).toMatch(/^"\d+"$/);
  });

  it('writes an audit row for each booking change', async () => {
    const rows = await t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, 'booking.create')));
    expect(rows.length).toBeGreaterThan(5);
    expect(JSON.stringify(rows.map((r) => r.details))).not.toMatch(/@example\.com/);
  });
});

describe('CORS for the booking widget', () => {
  it("allows only the clinic's configured origins, without credentials", async () => {
    const owner = await f.signIn('owner');
    expect((await owner.patch(url('/settings/booking'), { widgetOrigins: ['https://www.jade-leaf.example/some/page'] })).json().widgetOrigins)
      .toEqual(['https://www.jade-leaf.example']);
    const allowed = await t.client().get(url('/services'), { origin: 'https://www.jade-leaf.example' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://www.jade-leaf.example');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const other = await t.client().get(url('/services'), { origin: 'https://evil.example' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.app.inject({ method: 'OPTIONS', url: url('/bookings'), headers: { origin: 'https://www.jade-leaf.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' } });
    expect(preflight.statusCode).toBe(204);
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('idempotency-key');
    const staffOnly = await t.client().get(url('/diary'), { origin: 'https://www.jade-leaf.example' });
    expect(staffOnly.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('tells the widget whether the asking site may book, so it can say so instead of "no connection"', async () => {
    const owner = await f.signIn('owner');
    await owner.patch(url('/settings/booking'), { widgetOrigins: ['https://www.jade-leaf.example'] });
    const facts = (origin?: string) => t.client().get(`/widget/clinics/${f.slug}`, origin ? { origin } : {});
    const listed = await facts('https://www.jade-leaf.example');
    expect(listed.json()).toMatchObject({ siteAllowed: true, bookingPageUrl: expect.stringMatching(new RegExp(`/clinics/${f.slug}/book$`)) });
    expect(listed.headers.vary).toMatch(/Origin/);
    expect((await facts('https://elsewhere.example')).json().siteAllowed).toBe(false);
    expect((await facts()).json().siteAllowed).toBe(true);
  });
});
