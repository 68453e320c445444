import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { unfold } from '../../domain/calendar/icalendar.ts';
import { createClinicFixture, localSlot, type ClinicFixture } from './booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
beforeAll(async () => {
  t = await buildTestApp({ MAIL_FROM: 'Yintang <no-reply@yintang.test>' });
  f = await createClinicFixture(t, { slug: 'ical-clinic' });
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;
const octets = (line: string) => Buffer.byteLength(line, 'utf8');

/** Every physical line of an .ics within 75 octets, CRLF-ended (RFC 5545 §3.1). */
function expectFoldedByOctets(ics: string) {
  expect(ics.endsWith('\r\n')).toBe(true);
  for (const line of ics.slice(0, -2).split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
}

describe('iCalendar files', () => {
  it('the invite for a client with a multi-byte name is folded by octets, names Yintang as PRODID and the sender as SENT-BY', async () => {
    const reception = await f.signIn('reception');
    const name = 'Zoë Ångström-Ødegaard-Østergård 🌿';
    const res = await reception.post(url('/diary/bookings'), {
      serviceId: f.services.consultation, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 2, '09:00'),
      client: { name, email: 'zoe@example.com', phone: '07700 900222' },
    });
    expect(res.statusCode).toBe(201);
    const [mail] = await t.emailsTo('zoe@example.com');
    const ics = mail!.attachments![0]!.content;
    expectFoldedByOctets(ics);
    const text = unfold(ics);
    expect(text).toContain('PRODID:-//Yintang//Booking//EN');
    expect(text).toContain(name);
    expect(text).toMatch(/ORGANIZER;SENT-BY="MAILTO:no-reply@yintang.test";CN=[^:]+:MAILTO:hello@ical-clinic.example/);
  });

  it('the feed of a practitioner with nothing booked still holds a component, and a full feed is folded by octets', async () => {
    const second = await f.signIn('second');
    const path = new URL((await second.post(url('/me/calendar-feed'))).json().url).pathname;
    const empty = (await t.client().get(path)).body;
    expectFoldedByOctets(empty);
    expect(empty).toContain('PRODID:-//Yintang//Diary//EN');
    expect(empty).toMatch(/BEGIN:(VEVENT|VTIMEZONE)/);

    const pat = await f.signIn('practitioner');
    const full = (await t.client().get(new URL((await pat.post(url('/me/calendar-feed'))).json().url).pathname)).body;
    expectFoldedByOctets(full);
    expect(full).toContain('BEGIN:VEVENT');
    expect(unfold(full)).toContain('Client: Zoë Å.');
  });
});
