import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEmails, users } from '../../data/schema/index.ts';
import { buildTestApp, tokenFromEmail, type TestClient, type TestContext } from '../../server/test-app.ts';
import { hashPassword } from '../auth/password.ts';
import { bookingToken, createClinicFixture, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * The cross-clinic takeover of issue 9: anyone can register a clinic, and a clinic's staff
 * read its outbox. Every secret link an e-mail carries must stay out of what staff can read.
 */

let t: TestContext;
let victimClinic: ClinicFixture;
let attacker: TestClient;
const ATTACKER_PASSWORD = 'a long attacker password';
const victim = 'victim.client@example.com';

beforeAll(async () => {
  t = await buildTestApp({ SIGNUP_PER_HOUR: '1000', BOOKING_PER_IP_PER_HOUR: '1000', BOOKING_PER_EMAIL_PER_HOUR: '50' });
  victimClinic = await createClinicFixture(t, { slug: 'victim-clinic' });
  // The victim is a client of the victim clinic, booked by phone: a record, no account.
  const reception = await victimClinic.signIn('reception');
  const booked = await reception.post(`/api/v1/clinics/${victimClinic.slug}/diary/bookings`, {
    serviceId: victimClinic.services.massage, practitionerId: victimClinic.secondId, start: localSlot(victimClinic.timeZone, 2, '10:00'),
    client: { name: 'Vera Victim', email: victim, phone: '07700 900456' },
  });
  expect(booked.statusCode).toBe(201);

  // The attacker has an ordinary account and registers a clinic of their own.
  await t.database.db.insert(users).values({ email: 'mallory@example.com', name: 'Mallory', passwordHash: await hashPassword(ATTACKER_PASSWORD), emailVerifiedAt: new Date() });
  attacker = t.client();
  await attacker.signIn('mallory@example.com', ATTACKER_PASSWORD);
  const registered = await attacker.post('/api/v1/clinics', {
    name: 'Mallory Rooms', slug: 'mallory-rooms', addressLine1: '1 Back Lane', town: 'York', postcode: 'YO1 7AA', timeZone: 'Europe/London', email: 'desk@mallory.example',
  });
  expect(registered.statusCode).toBe(201);
});
afterAll(() => t.close());

/** The newest stored e-mail to `to` with `subject`, as the recipient gets it. */
async function storedEmail(to: string, subject: string) {
  const email = (await t.emailsTo(to)).find((e) => e.subject.includes(subject));
  if (!email) throw new Error(`no e-mail "${subject}" to ${to}`);
  return email;
}

async function outboxOf(client: TestClient, slug: string) {
  const res = await client.get(`/api/v1/clinics/${slug}/outbox?limit=200`);
  expect(res.statusCode).toBe(200);
  return res;
}

describe('the cross-clinic takeover through the outbox', () => {
  it("gives the attacker clinic's owner no way to read the confirmation link of a sign-up with another clinic's client's address", async () => {
    // Someone signs up at the attacker's clinic with the victim's address.
    const signUp = await t.client().post('/api/v1/auth/sign-up', { name: 'Vera Victim', email: victim, password: 'another long password', clinicSlug: 'mallory-rooms' });
    expect(signUp.statusCode).toBe(202);
    const sent = await storedEmail(victim, 'Confirm your e-mail address');
    const token = tokenFromEmail(sent.text, '/app/verify-email'); // the real e-mail still carries it

    const res = await outboxOf(attacker, 'mallory-rooms');
    expect(res.body).not.toContain(token);
    expect(res.body).not.toContain('token=');
    const item = res.json().items.find((e: { subject: string }) => e.subject === 'Confirm your e-mail address');
    expect(item.to).toBe(victim);
    expect(item.text).toContain('[link withheld: only the recipient can use it]');
    expect(item.text).toContain('Please confirm your e-mail address');
  });

  it("does not show reception or the owner the confirm and manage links of a visitor's held booking", async () => {
    const visitor = t.client();
    visitor.ip = '198.51.100.77';
    const held = await visitor.post(`/api/v1/clinics/${victimClinic.slug}/bookings`, {
      serviceId: victimClinic.services.massage, practitionerId: victimClinic.secondId, start: localSlot(victimClinic.timeZone, 3, '11:00'),
      client: { name: 'Hal Holder', email: 'hal.holder@example.com', phone: '07700 900789' },
    });
    expect(held.statusCode).toBe(201);
    const sent = await storedEmail('hal.holder@example.com', 'Please confirm your booking');
    const token = bookingToken(sent.text, 'confirm');

    for (const who of ['reception', 'owner'] as const) {
      const res = await outboxOf(await victimClinic.signIn(who), victimClinic.slug);
      expect(res.body).toContain('Please confirm your booking');
      expect(res.body).not.toContain(token);
      expect(res.body).not.toContain('token=');
    }
  });

  it("does not show staff the manage links of a confirmed booking's e-mail, nor put them in the booking answer", async () => {
    const sent = await storedEmail(victim, 'Your booking at');
    const token = bookingToken(sent.text, 'manage');
    const res = await outboxOf(await victimClinic.signIn('reception'), victimClinic.slug);
    expect(res.body).toContain('Your booking at');
    expect(res.body).not.toContain(token);
    const item = res.json().items.find((e: { subject: string }) => e.subject.startsWith('Your booking at'));
    expect(item.attachments).toEqual(['invite.ics']); // staff see the file name only
    expect(item.text).toContain('Cannot come? Cancel the booking: [link withheld: only the recipient can use it]');
  });

  it("does not show the owner the link of an invitation they sent, in the answer or the outbox", async () => {
    const owner = await victimClinic.signIn('owner');
    const invited = await owner.post(`/api/v1/clinics/${victimClinic.slug}/invitations`, { email: 'new.desk@example.com', role: 'reception' });
    expect(invited.statusCode).toBe(201);
    const token = tokenFromEmail((await storedEmail('new.desk@example.com', 'invited you')).text, '/app/accept-invite');
    expect(invited.body).not.toContain(token);
    const res = await outboxOf(owner, victimClinic.slug);
    expect(res.body).toContain('invited you to join');
    expect(res.body).not.toContain(token);
  });

  it('shows staff only the subject of an e-mail queued before links were withheld', async () => {
    await t.database.db.insert(outboxEmails).values({
      clinicId: victimClinic.clinicId, toAddress: 'old@example.com', subject: 'An older e-mail', text: 'Old text with http://yintang.test/app/verify-email?token=OldTokenOldTokenOldTokenOldTokenOld123',
    });
    const res = await outboxOf(await victimClinic.signIn('owner'), victimClinic.slug);
    const item = res.json().items.find((e: { subject: string }) => e.subject === 'An older e-mail');
    expect(item.text).toBeNull();
    expect(res.body).not.toContain('OldToken');
  });

  it("never shows an owner a practitioner's calendar address", async () => {
    const practitioner = await victimClinic.signIn('practitioner');
    const made = await practitioner.post(`/api/v1/clinics/${victimClinic.slug}/me/calendar-feed`);
    const secret = made.json().url.split('/').at(-1);
    const owner = await victimClinic.signIn('owner');
    const status = await owner.get(`/api/v1/clinics/${victimClinic.slug}/me/calendar-feed`);
    expect(status.json()).toEqual({ exists: false, createdAt: null });
    expect((await outboxOf(owner, victimClinic.slug)).body).not.toContain(secret);
    // The practitioner is told it exists, but the address is not shown again.
    const again = await practitioner.get(`/api/v1/clinics/${victimClinic.slug}/me/calendar-feed`);
    expect(again.json().exists).toBe(true);
    expect(again.body).not.toContain(secret);
  });
});
