import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../data/demo/demo-data.ts';
import { users } from '../../data/schema/index.ts';
import { servicesGivenBy } from '../../domain/scheduling/practitioner-services.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';

let t: TestContext;
const ids = { priya: '', tom: '', mei: '', helen: '' };
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
  const people = await t.database.db.select({ id: users.id, email: users.email }).from(users);
  const id = (email: string) => people.find((p) => p.email === email)!.id;
  ids.priya = id('priya@jadeleaf.example');
  ids.tom = id('tom@jadeleaf.example');
  ids.mei = id('owner@jadeleaf.example');
  ids.helen = id('owner@willowtree.example');
});
afterAll(() => t.close());

const bookPage = (query = '') => t.client().get(`/clinics/jade-leaf-bath/book${query}`, { accept: 'text/html' });
/** The treatments listed on the server-rendered page, in order. */
const listed = (html: string) => [...html.matchAll(/<h3 class="text-lg">([^<]+)<\/h3>/g)].map((m) => m[1]);

describe('servicesGivenBy', () => {
  const services = [{ id: 'a', practitionerIds: ['p1', 'p2'] }, { id: 'b', practitionerIds: ['p2'] }];
  it('keeps the services the practitioner gives, or all when none is asked for', () => {
    expect(servicesGivenBy(services, 'p1').map((s) => s.id)).toEqual(['a']);
    expect(servicesGivenBy(services, 'p2').map((s) => s.id)).toEqual(['a', 'b']);
    expect(servicesGivenBy(services, null).map((s) => s.id)).toEqual(['a', 'b']);
    expect(servicesGivenBy(services, 'nobody')).toEqual([]);
  });
});

// Issue 13 bug 8: booking from a practitioner's profile showed every service and "any practitioner".
describe('GET /clinics/{slug}/book?practitioner=…', () => {
  it('lists every treatment when no practitioner is asked for', async () => {
    const res = await bookPage();
    expect(res.statusCode).toBe(200);
    expect(listed(res.body)).toHaveLength(6);
    expect(res.body).not.toContain('Booking with');
  });

  it('names the practitioner and lists only the treatments they give', async () => {
    const res = await bookPage(`?practitioner=${ids.priya}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Booking with <strong>Priya Shah</strong>');
    expect(res.body).toContain('Treatments with Priya Shah');
    expect(listed(res.body)).toEqual(['Sports massage (30 minutes)', 'Sports massage (60 minutes)']);
    expect(res.body).toContain('href="/clinics/jade-leaf-bath/book"');

    const tom = await bookPage(`?practitioner=${ids.tom}`);
    expect(listed(tom.body)).not.toContain('Sports massage (30 minutes)');
    expect(listed(tom.body)).toContain('Knee pain assessment and treatment');
    // Issue 13 bug 10: Tom gives facial acupuncture, but his certificate is not yet verified.
    expect(listed(tom.body)).not.toContain('Facial acupuncture session');
    const mei = await bookPage(`?practitioner=${ids.mei}`);
    expect(listed(mei.body)).toContain('Facial acupuncture session');
  });

  it('ignores a practitioner of another clinic, or an odd value, and lists every treatment', async () => {
    for (const q of [`?practitioner=${ids.helen}`, '?practitioner=not-an-id', '?practitioner=']) {
      const res = await bookPage(q);
      expect(res.statusCode, q).toBe(200);
      expect(listed(res.body), q).toHaveLength(6);
      expect(res.body, q).not.toContain('Booking with');
    }
  });
});

// Issue 13 bug 5: the waiting list's e-mail link opens booking at a service and a day, with the freed time first.
describe('GET /clinics/{slug}/book?service=…&date=…&time=…', () => {
  it('opens on the service (by id or slug), the day and the time', async () => {
    const res = await bookPage('?service=sports-massage-60&date=2027-03-03&time=14:30');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/data-testid="book-preselected"[^>]*>Free times for <strong>Sports massage \(60 minutes\)<\/strong> from <strong>Wednesday 3 March 2027<\/strong>, with <strong>14:30<\/strong> first/);
    expect(res.body).toMatch(/id="booking-widget"[^>]*data-service="[0-9a-f-]{36}" data-date="2027-03-03" data-time="14:30"/);
  });

  it('ignores an unknown service and odd dates or times, never an error page', async () => {
    const unknown = await bookPage('?service=nothing-like-it&date=2027-03-03&time=14:30');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).not.toContain('book-preselected');
    expect(unknown.body).not.toContain('data-service=');
    const odd = await bookPage('?service=sports-massage-60&date=2027-13-45&time=25:00');
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toMatch(/Free times for <strong>Sports massage \(60 minutes\)<\/strong>\./);
    expect(odd.body).toMatch(/data-service="[0-9a-f-]{36}"/);
    expect(odd.body).not.toMatch(/data-date=|data-time=/);
  });
});
