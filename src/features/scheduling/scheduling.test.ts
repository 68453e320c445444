import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localDate, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let pat: TestClient;
let reception: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'setup-clinic' });
  [owner, pat, reception] = await Promise.all([f.signIn('owner'), f.signIn('practitioner'), f.signIn('reception')]);
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;
const settings = (path: string) => url(`/settings${path}`);

async function slotsOn(serviceId: string, date: string, practitionerId?: string) {
  const res = await t.client().get(url(`/availability?serviceId=${serviceId}&from=${date}&to=${date}${practitionerId ? `&practitionerId=${practitionerId}` : ''}`));
  expect(res.statusCode).toBe(200);
  return res.json().slots.map((s: { start: string }) => DateTime.fromISO(s.start).setZone(f.timeZone).toFormat('HH:mm')) as string[];
}

describe('services (owner)', () => {
  it('creates a service with buffers, practitioners and a room kind, which the widget then offers', async () => {
    const res = await owner.post(settings('/services'), {
      name: 'Knee pain care', slug: 'knee-care', kind: 'knee', durationMin: 45, priceMinor: 7000, bufferAfterMin: 15,
      practitionerIds: [f.practitionerId], roomKind: 'treatment',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ slug: 'knee-care', bufferAfterMin: 15, practitionerIds: [f.practitionerId], active: true });
    const listed = (await t.client().get(url('/services'))).json().items.map((s: { slug: string }) => s.slug);
    expect(listed).toContain('knee-care');
    const date = localDate(localSlot(f.timeZone, 2, '09:00'), f.timeZone);
    const slots = await slotsOn(res.json().id, date);
    // 45 minutes + 15 buffer: 09:00, 09:15 … the last morning start is 12:15 (ends 13:00).
    expect(slots).toContain('12:15');
    expect(slots).not.toContain('12:30');
  });

  it('refuses a duplicate slug (409), a non-practitioner (422), bad fields (400), and non-owners (403)', async () => {
    const body = { name: 'Again', slug: 'knee-care', kind: 'knee', durationMin: 45, priceMinor: 7000 };
    expect((await owner.post(settings('/services'), body)).statusCode).toBe(409);
    expect((await owner.post(settings('/services'), { ...body, slug: 'other-slug', practitionerIds: [f.receptionId] })).statusCode).toBe(422);
    expect((await owner.post(settings('/services'), { ...body, slug: 'x', durationMin: 0, priceMinor: -1 })).statusCode).toBe(400);
    expect((await reception.post(settings('/services'), { ...body, slug: 'by-reception' })).statusCode).toBe(403);
    expect((await pat.post(settings('/services'), { ...body, slug: 'by-pat' })).statusCode).toBe(403);
  });

  it('retires a service so it is no longer offered online', async () => {
    const created = await owner.post(settings('/services'), { name: 'Short lived', slug: 'short-lived', kind: 'massage', durationMin: 30, priceMinor: 100, practitionerIds: [f.secondId] });
    expect((await owner.delete(settings(`/services/${created.json().id}`))).json().active).toBe(false);
    expect((await t.client().get(url('/services'))).json().items.map((s: { slug: string }) => s.slug)).not.toContain('short-lived');
    const staff = (await reception.get(settings('/services'))).json().items.map((s: { slug: string }) => s.slug);
    expect(staff).toContain('short-lived');
  });
  it('changes only the fields a PATCH names, keeping practitioners, buffers, room kind and rules', async () => {
    const created = await owner.post(settings('/services'), {
      name: 'Facial top-up', slug: 'facial-top-up', kind: 'facial', durationMin: 30, priceMinor: 5000, bufferAfterMin: 10, requiresConsultation: true,
      roomKind: 'treatment', description: 'A short session.', sortOrder: 7, practitionerIds: [f.practitionerId, f.secondId],
    });
    expect(created.statusCode).toBe(201);
    const patched = await owner.patch(settings(`/services/${created.json().id}`), { bookableOnline: false });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      bookableOnline: false, bufferAfterMin: 10, requiresConsultation: true, roomKind: 'treatment', description: 'A short session.', sortOrder: 7, active: true,
    });
    expect([...patched.json().practitionerIds].sort()).toEqual([f.practitionerId, f.secondId].sort());
  });
});

describe('rooms (owner)', () => {
  it('creates, renames and removes rooms; a room service needs a free room of its kind', async () => {
    const created = await owner.post(settings('/rooms'), { name: 'Massage room', kind: 'massage' });
    expect(created.statusCode).toBe(201);
    expect((await owner.post(settings('/rooms'), { name: 'Massage room', kind: 'massage' })).statusCode).toBe(409);
    expect((await owner.patch(settings(`/rooms/${created.json().id}`), { name: 'Blue room' })).json().name).toBe('Blue room');
    const service = await owner.post(settings('/services'), { name: 'Needs a gym', slug: 'gym', kind: 'massage', durationMin: 30, priceMinor: 100, practitionerIds: [f.secondId], roomKind: 'gym' });
    const date = localDate(localSlot(f.timeZone, 2, '09:00'), f.timeZone);
    expect(await slotsOn(service.json().id, date)).toEqual([]);
    expect((await owner.delete(settings(`/rooms/${created.json().id}`))).statusCode).toBe(204);
    expect((await reception.get(settings('/rooms'))).json().items.map((r: { name: string }) => r.name)).toEqual(['Room 1', 'Room 2']);
  });
});

describe('working hours, time off, extra hours and closures', () => {
  it('replaces the weekly hours; a break is a gap, and each weekday may differ', async () => {
    const res = await owner.request('PUT', settings(`/practitioners/${f.secondId}/hours`), {
      days: [
        { weekday: 1, intervals: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '15:00' }] },
        { weekday: 2, intervals: [{ start: '12:00', end: '20:00' }] },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().days).toHaveLength(2);
    const monday = localDate(localSlot(f.timeZone, 1, '09:00'), f.timeZone);
    const tuesday = localDate(localSlot(f.timeZone, 2, '09:00'), f.timeZone);
    const mon = await slotsOn(f.services.massage, monday);
    expect(mon[0]).toBe('08:00');
    expect(mon).not.toContain('11:30');
    expect(mon.at(-1)).toBe('14:00');
    expect((await slotsOn(f.services.massage, tuesday))[0]).toBe('12:00');
  });

  it('refuses overlapping intervals, bad times and repeated weekdays with 400', async () => {
    const put = (days: unknown) => owner.request('PUT', settings(`/practitioners/${f.secondId}/hours`), { days });
    expect((await put([{ weekday: 1, intervals: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }])).statusCode).toBe(400);
    expect((await put([{ weekday: 1, intervals: [{ start: '9am', end: '12:00' }] }])).statusCode).toBe(400);
    expect((await put([{ weekday: 1, intervals: [{ start: '12:00', end: '09:00' }] }])).statusCode).toBe(400);
    expect((await put([{ weekday: 1, intervals: [] }, { weekday: 1, intervals: [] }])).statusCode).toBe(400);
    expect((await pat.request('PUT', settings(`/practitioners/${f.practitionerId}/hours`), { days: [] })).statusCode).toBe(403);
  });

  it('lets a practitioner take time off, and only the owner add extra hours', async () => {
    const tuesday = localDate(localSlot(f.timeZone, 2, '09:00', 10), f.timeZone);
    const off = await pat.post(settings(`/practitioners/${f.practitionerId}/exceptions`), { kind: 'time_off', startDate: tuesday, start: '09:00', end: '13:00', note: 'Dentist' });
    expect(off.statusCode).toBe(201);
    const slots = await slotsOn(f.services.consultation, tuesday, f.practitionerId);
    expect(slots[0]).toBe('14:00');
    expect((await pat.post(settings(`/practitioners/${f.practitionerId}/exceptions`), { kind: 'extra_hours', startDate: tuesday, start: '18:00', end: '20:00' })).statusCode).toBe(403);
    expect((await owner.post(settings(`/practitioners/${f.practitionerId}/exceptions`), { kind: 'extra_hours', startDate: tuesday, start: '18:00', end: '20:00' })).statusCode).toBe(201);
    expect((await slotsOn(f.services.consultation, tuesday, f.practitionerId))).toContain('19:15');
    expect((await pat.post(settings(`/practitioners/${f.secondId}/exceptions`), { kind: 'time_off', startDate: tuesday })).statusCode).toBe(403);
    const list = (await pat.get(settings(`/practitioners/${f.practitionerId}/exceptions`))).json().items;
    expect(list).toHaveLength(2);
    expect((await pat.delete(settings(`/practitioners/${f.practitionerId}/exceptions/${off.json().id}`))).statusCode).toBe(204);
  });

  it('closes the clinic on a bank holiday for everyone', async () => {
    const wednesday = localDate(localSlot(f.timeZone, 3, '09:00', 10), f.timeZone);
    expect((await owner.post(settings('/closures'), { date: wednesday, name: 'Bank holiday' })).statusCode).toBe(201);
    expect(await slotsOn(f.services.consultation, wednesday)).toEqual([]);
    expect((await reception.get(settings('/closures'))).json().items).toEqual([{ date: wednesday, name: 'Bank holiday' }]);
    expect((await reception.post(settings('/closures'), { date: wednesday, name: 'x' })).statusCode).toBe(403);
    expect((await owner.delete(settings(`/closures/${wednesday}`))).statusCode).toBe(204);
    expect((await slotsOn(f.services.consultation, wednesday)).length).toBeGreaterThan(0);
  });
});

describe('booking settings', () => {
  it('changes the slot step and the minimum notice for online booking', async () => {
    const res = await owner.patch(settings('/booking'), { slotStepMin: 30, minimumNoticeMin: 60 * 24 * 10 });
    expect(res.json()).toMatchObject({ slotStepMin: 30, minimumNoticeMin: 14400, horizonDays: 84 });
    const soon = localDate(localSlot(f.timeZone, 4, '09:00', 3), f.timeZone);
    expect(await slotsOn(f.services.consultation, soon)).toEqual([]);
    const later = localDate(localSlot(f.timeZone, 4, '09:00', 12), f.timeZone);
    const slots = await slotsOn(f.services.consultation, later);
    expect(slots.every((s) => s.endsWith(':00') || s.endsWith(':30'))).toBe(true);
    expect((await owner.patch(settings('/booking'), { slotStepMin: 7 })).statusCode).toBe(400);
    expect((await owner.patch(settings('/booking'), { widgetOrigins: ['javascript:alert(1)'] })).statusCode).toBe(400);
    await owner.patch(settings('/booking'), { slotStepMin: 15, minimumNoticeMin: 120 });
  });
});
