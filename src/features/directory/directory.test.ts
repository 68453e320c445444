import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { seedDemo } from '../../data/demo/demo-data.ts';
import { clinics, memberships, qualifications, reviews, servicePractitioners, services, users } from '../../data/schema/index.ts';
import { clinicVersions } from '../scheduling/clinic-versions.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
});
afterAll(() => t.close());

const find = (query: string) => t.client().get(`/find${query}`, { accept: 'text/html' });
/** The clinic names of the result cards, in order. */
const resultNames = (html: string) => [...html.matchAll(/<h2 class="text-xl"><a href="\/clinics\/[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);

describe('GET /find', () => {
  it('lists every clinic by name, with its practitioners, when nothing is asked', async () => {
    const res = await find('');
    expect(res.statusCode).toBe(200);
    expect(resultNames(res.body)).toEqual(['Jade Leaf Acupuncture', 'Willow Tree Clinic']);
    expect(res.body).toContain('Mei Lin Chen');
    expect(res.body).toContain('<strong>2 clinics</strong>');
    // One small script: "Use my location", hidden until it runs; the page works without it.
    expect([...res.body.matchAll(/<script(?! type="application\/ld\+json")/g)]).toHaveLength(1);
    // From this origin, as the content security policy allows, not inline.
    expect(res.body).toContain('<script type="module" src="/find/locate.js"></script>');
    const script = await t.client().get('/find/locate.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toContain('navigator.geolocation.getCurrentPosition');
    expect(res.body).toMatch(/<p class="mt-2" hidden="" data-locate="">/);
  });

  it('finds clinics by a town the gazetteer knows, nearest first with distances', async () => {
    const res = await find('?where=bath');
    expect(resultNames(res.body)).toEqual(['Jade Leaf Acupuncture', 'Willow Tree Clinic']);
    expect(res.body).toContain('by distance from Bath, nearest first');
    expect(res.body).toContain('0.6 miles away');
  });

  // Issue 13 bug 9.
  it('honours "within 5 miles" of a town', async () => {
    const res = await find('?where=Bath&within=5');
    expect(resultNames(res.body)).toEqual(['Jade Leaf Acupuncture']);
    expect(res.body).toContain('within 5 miles of Bath, nearest first');
    expect(res.body).toContain('0.6 miles away');
  });

  it('lists the nearest clinics, with distances, from postcode districts that have no clinic', async () => {
    for (const where of ['LS1', 'BS1', 'SW1A']) {
      const res = await find(`?where=${where}`);
      expect(res.body, where).not.toContain('No clinics match your search');
      expect(resultNames(res.body), where).toHaveLength(2);
    }
    const leeds = await find('?where=LS1');
    expect(resultNames(leeds.body)).toEqual(['Willow Tree Clinic', 'Jade Leaf Acupuncture']);
    expect(leeds.body).toMatch(/>1\d miles away</);
    expect(leeds.body).toContain('measured from the centre of Leeds');
  });

  it('names the nearest clinics and their distance when none is within the distance asked for', async () => {
    const res = await find('?where=Leeds&within=5');
    expect(res.body).toContain('No clinics match your search');
    expect(res.body).toContain('The nearest clinics are:');
    expect(res.body).toMatch(/Willow Tree Clinic<\/a>, Harrogate, 1\d miles away/);
  });

  it('says which town it measured from when several share the name', async () => {
    const res = await find('?where=Newport');
    expect(res.body).toContain('We measured from Newport, Wales, the largest place of that name.');
  });

  it('sorts by distance from a postcode district placed at its clinics, showing miles', async () => {
    const res = await find('?where=HG1');
    expect(resultNames(res.body)).toEqual(['Willow Tree Clinic', 'Jade Leaf Acupuncture']);
    expect(res.body).toContain('under 0.1 miles away');
    expect(res.body).toMatch(/1[89]\d miles away/);
  });

  it('keeps only clinics within the distance asked for', async () => {
    expect(resultNames((await find('?where=BA1+1AA&within=50')).body)).toEqual(['Jade Leaf Acupuncture']);
  });

  it('sorts by distance from a point', async () => {
    expect(resultNames((await find('?near=53.9,-1.5')).body)).toEqual(['Willow Tree Clinic', 'Jade Leaf Acupuncture']);
  });

  it('filters by treatment, showing the price from and the practitioners who give it', async () => {
    const res = await find('?treatment=sports-massage');
    expect(res.body).toContain('Sports massage from');
    expect(res.body).toContain('£40.00');
    expect(res.body).toContain('Priya Shah');
    expect(res.body).not.toContain('Tom Hughes');
  });

  it('filters by a facial acupuncture qualification the clinic has verified', async () => {
    const res = await find('?verified=1');
    for (const name of ['Mei Lin Chen', 'Helen Marsh', 'David Okafor']) expect(res.body).toContain(name);
    expect(res.body).not.toContain('Tom Hughes');
    expect(res.body).not.toContain('Priya Shah');
  });

  it('explains an unknown town and names the towns that have clinics', async () => {
    const res = await find('?where=Atlantis');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No clinics match your search');
    expect(res.body).toContain('We could not find a clinic in “Atlantis”');
    expect(res.body).toContain('We have clinics in Bath, Harrogate.');
  });

  it('explains a postcode it cannot place, rather than guessing', async () => {
    const res = await find('?where=GY1+1AA');
    expect(res.body).toContain('We do not have any clinics in or near the postcode area GY yet');
  });

  it('answers a page past the last with a helpful 404 page', async () => {
    const res = await find('?treatment=facial-acupuncture&page=99');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('There is no page 99 of these results');
    expect(res.body).toContain('There is 1 page of results.');
    expect(res.body).toContain('href="/find?treatment=facial-acupuncture"');
  });

  it('never fails on odd, long, SQL-looking or HTML-looking input', async () => {
    const odd = [
      "?where=' OR '1'='1", "?where='; DROP TABLE clinics; --", '?where=<script>alert(1)</script>', '?where=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
      `?where=${'a'.repeat(5000)}`, `?where=${'%F0%9F%8C%BF'.repeat(300)}`, '?where=%00%01%02', '?where=%E0%A4%A', '?where=\\',
      '?treatment=botox', '?treatment[]=x', '?treatment=facial-acupuncture&treatment=knee-pain', '?where=a&where=b',
      '?near=999,999', '?near=abc', '?near=1e308,1e308', '?within=-5', '?within=NaN', '?within=1e999', '?verified=maybe',
      '?page=0', '?page=-1', '?page=abc', '?page=1.5', `?page=${'9'.repeat(400)}`, '?page=99999999', '?page[]=2',
      '?%3Cscript%3E=1', `?${'x'.repeat(3000)}=1`,
    ];
    for (const query of odd) {
      const res = await find(query);
      expect([200, 404], query).toContain(res.statusCode);
      expect(res.headers['content-type'], query).toContain('text/html');
      expect(res.body, query).not.toContain('<script>alert');
      expect(res.body, query).not.toContain('<img src=x');
    }
    const [row] = await t.database.db.select({ n: count() }).from(clinics);
    expect(row!.n).toBeGreaterThanOrEqual(2);
  });

  it('tells the visitor kindly which parts of the address it could not use', async () => {
    const res = await find('?treatment=botox&within=far&near=nowhere');
    expect(res.body).toContain('We do not have pages for that treatment');
    expect(res.body).toContain('We could not read the distance');
    expect(res.body).toContain('We could not read the map position');
  });

  it('echoes the search back into the form, escaped', async () => {
    const res = await find('?where=%22%3E%3Cb%3Ebold&treatment=knee-pain&verified=1&within=25');
    expect(res.body).toContain('value="&quot;&gt;&lt;b&gt;bold"');
    expect(res.body).toMatch(/<option value="knee-pain" selected="">/);
    expect(res.body).toMatch(/<option value="25" selected="">/);
    expect(res.body).toMatch(/name="verified" checked="" value="1"/);
  });
});

describe('GET /api/v1/directory', () => {
  it('is described in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    const op = doc.paths['/api/v1/directory'].get;
    expect(op.tags).toEqual(['Directory']);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['treatment', 'where', 'near', 'within', 'verified', 'limit', 'cursor']));
    expect(op.responses['200'].content['application/json'].schema.properties).toHaveProperty('items');
  });

  it('returns clinics with practitioners, prices, distances and absolute links', async () => {
    const res = await t.client().get('/api/v1/directory?where=BA1&treatment=facial-acupuncture');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.place).toMatchObject({ kind: 'postcode', label: 'BA1', precision: 'district' });
    const [first, second] = body.items;
    expect(first.clinic).toMatchObject({
      slug: 'jade-leaf-bath', url: 'http://yintang.test/clinics/jade-leaf-bath', currency: 'GBP',
      pricesFrom: { 'facial-acupuncture': 9500, 'sports-massage': 4000 },
    });
    expect(first.distanceKm).toBe(0);
    expect(second.distanceMiles).toBeGreaterThan(150);
    expect(first.practitioners.map((p: { name: string }) => p.name)).toEqual(['Mei Lin Chen', 'Tom Hughes']);
    expect(first.practitioners[0]).toMatchObject({ verifiedFacialQualification: true, treatments: expect.arrayContaining(['facial-acupuncture']) });
    expect(first.practitioners[0].url).toMatch(/^http:\/\/yintang\.test\/clinics\/jade-leaf-bath\/practitioners\/[0-9a-f-]{36}$/);
    // The demo's history holds reviews with their replies.
    expect(first.rating).toEqual({ average: expect.any(Number), count: expect.any(Number) });
    expect(first.rating.count).toBeGreaterThan(0);
  });

  it('places a town and a postcode district with no clinic, honouring the distance', async () => {
    const bath = (await t.client().get('/api/v1/directory?where=Bath&within=5')).json();
    expect(bath.place).toMatchObject({ kind: 'placed-town', label: 'Bath' });
    expect(bath.items.map((i: { clinic: { slug: string } }) => i.clinic.slug)).toEqual(['jade-leaf-bath']);
    const leeds = (await t.client().get('/api/v1/directory?where=LS1')).json();
    expect(leeds.place).toMatchObject({ kind: 'postcode', label: 'LS1', precision: 'post-town' });
    expect(leeds.items[0].distanceMiles).toBeGreaterThan(10);
    expect(leeds.items[0].distanceMiles).toBeLessThan(20);
  });

  it('pages with a cursor', async () => {
    const one = (await t.client().get('/api/v1/directory?limit=1')).json();
    expect(one.items.map((i: { clinic: { slug: string } }) => i.clinic.slug)).toEqual(['jade-leaf-bath']);
    expect(one.next).toEqual(expect.any(String));
    const two = (await t.client().get(`/api/v1/directory?limit=1&cursor=${one.next}`)).json();
    expect(two.items.map((i: { clinic: { slug: string } }) => i.clinic.slug)).toEqual(['willow-harrogate']);
    expect(two.next).toBeNull();
  });

  it('refuses bad input with problem+json naming the field', async () => {
    for (const [query, field] of [
      ['treatment=botox', 'querystring.treatment'], ['near=abc', 'querystring.near'], ['near=95,0', 'querystring.near'],
      ['limit=0', 'querystring.limit'], ['limit=500', 'querystring.limit'], ['cursor=bm9wZQ', 'querystring.cursor'],
      [`where=${'x'.repeat(101)}`, 'querystring.where'], ['within=-1', 'querystring.within'], ['verified=maybe', 'querystring.verified'],
    ]) {
      const res = await t.client().get(`/api/v1/directory?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type'], query).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field), query).toContain(field);
    }
  });

  it('answers SQL-looking and HTML-looking text as ordinary words', async () => {
    for (const where of ["' OR 1=1 --", '<script>alert(1)</script>', 'Bath; DROP TABLE clinics']) {
      const res = await t.client().get(`/api/v1/directory?where=${encodeURIComponent(where)}`);
      expect(res.statusCode, where).toBe(200);
      expect(res.json().total, where).toBe(0);
    }
  });
});

describe('paging through many clinics', () => {
  it('shows ten a page with page links, and a 404 page past the end', async () => {
    const [helen] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, 'owner@willowtree.example'));
    for (let i = 0; i < 23; i++) {
      const [c] = await t.database.db.insert(clinics).values({
        slug: `paging-${i}`, name: `Paging Clinic ${String(i).padStart(2, '0')}`, addressLine1: `${i} High Street`, town: 'Pageton',
        postcode: `PG1 ${i % 9}AA`, latitude: 52 + i / 100, longitude: -1, email: `p${i}@clinic.example`,
      }).returning({ id: clinics.id });
      const [s] = await t.database.db.insert(services).values({ clinicId: c!.id, slug: 'facial', name: 'Facial', kind: 'facial', durationMin: 60, priceMinor: 8000 + i }).returning({ id: services.id });
      await t.database.db.insert(memberships).values({ clinicId: c!.id, userId: helen!.id, role: 'practitioner' });
      await t.database.db.insert(servicePractitioners).values({ clinicId: c!.id, serviceId: s!.id, practitionerId: helen!.id });
      if (i % 2 === 0) await t.database.db.insert(qualifications).values({ clinicId: c!.id, userId: helen!.id, kind: 'qualification', awardingBody: 'X', title: 'Facial', isFacialAcupuncture: true, verifiedAt: new Date() });
    }
    const first = await find('?where=Pageton');
    expect(resultNames(first.body)).toHaveLength(10);
    expect(first.body).toContain('<strong>23 clinics</strong> in Pageton · page 1 of 3');
    expect(first.body).toContain('href="/find?where=Pageton&amp;page=2"');
    expect(first.body).toMatch(/aria-current="page"><span class="sr-only">Page <\/span>1<\/a>/);
    const third = await find('?where=Pageton&page=3');
    expect(resultNames(third.body)).toEqual(['Paging Clinic 20', 'Paging Clinic 21', 'Paging Clinic 22']);
    expect(third.body).toContain('rel="prev"');
    expect((await find('?where=Pageton&page=4')).statusCode).toBe(404);
    // 12 of the new clinics hold a verified facial qualification, and so do both demo clinics.
    const verified = await find('?where=PG1&verified=1');
    expect(verified.body).toContain('<strong>14 clinics</strong> near PG1, nearest first with a verified facial acupuncture qualification');
    expect(resultNames(verified.body)[0]).toMatch(/^Paging Clinic/);
  });
});

// The directory's index is kept per network directory version (migration 0043): what it
// searches must show at once, and a booking, which changes no search field, must keep it.
describe('the directory index, kept per directory version', () => {
  const jadeOf = async (query = '') => ((await t.client().get(`/api/v1/directory${query}`)).json() as { items: { clinic: { slug: string }; rating: { average: number; count: number } | null }[] })
    .items.find((i) => i.clinic.slug === 'jade-leaf-bath');

  it('keeps its version through a booking, and shows a hidden review, a renamed or deactivated practitioner at once', async () => {
    const versions = clinicVersions(t.database);
    const [jade] = await t.database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, 'jade-leaf-bath'));
    const directory = await versions.directory();
    const page = await versions.network();
    await t.database.db.execute(sql`update bookings set status = status where id = (select id from bookings where clinic_id = ${jade!.id} limit 1)`);
    expect(await versions.network()).not.toBe(page);
    expect(await versions.directory()).toBe(directory);

    expect((await jadeOf())?.rating).not.toBeNull();
    await t.database.db.update(reviews).set({ hiddenAt: new Date(), hiddenReason: 'test' }).where(eq(reviews.clinicId, jade!.id));
    expect(await versions.directory()).not.toBe(directory);
    expect((await jadeOf())?.rating).toBeNull();

    // Renaming Jade Leaf's owner moves her in the verified search's index of practitioners.
    await t.database.db.update(users).set({ name: 'Zoe Renamed' }).where(eq(users.email, 'owner@jadeleaf.example'));
    const verified = await find('?verified=1');
    expect(verified.body).toContain('Zoe Renamed');
    expect(verified.body).not.toContain('Mei Lin Chen');

    // With no active practitioner left, Jade Leaf no longer matches the verified search.
    expect(await jadeOf('?verified=1')).toBeDefined();
    await t.database.db.update(memberships).set({ deactivatedAt: new Date() }).where(eq(memberships.clinicId, jade!.id));
    expect(await jadeOf('?verified=1')).toBeUndefined();
  });
});
