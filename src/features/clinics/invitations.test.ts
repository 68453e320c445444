import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { auditLog, invitations } from '../../data/schema/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../../data/demo/demo-data.ts';
import { buildTestApp, tokenFromEmail, type TestContext, type TestClient } from '../../server/test-app.ts';

let t: TestContext;
let owner: TestClient;
const base = '/api/v1/clinics/jade-leaf-bath/invitations';

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
  owner = t.client();
  await owner.signIn('owner@jadeleaf.example', DEMO_PASSWORD);
});
afterAll(() => t.close());

async function invite(email: string, role = 'practitioner') {
  const res = await owner.post(base, { email, role });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function latestToken(email: string) {
  const [mail] = await t.emailsTo(email);
  return tokenFromEmail(mail!.text, '/app/accept-invite');
}

const previewStatus = async (token: string) => (await t.client().get(`/api/v1/invitations/${token}`)).statusCode;

describe('pending invitations', () => {
  it('lists the invitations waiting to be accepted, with who sent them and until when the link works', async () => {
    const id = await invite('waiting.one@example.com', 'reception');
    const list = (await owner.get(base)).json();
    expect(list.items[0]).toEqual({
      id, email: 'waiting.one@example.com', role: 'reception', invitedByName: expect.any(String),
      sentAt: expect.any(String), expiresAt: expect.any(String), expired: false,
    });
    expect(Date.parse(list.items[0].expiresAt) - Date.parse(list.items[0].sentAt)).toBeGreaterThan(6.9 * 86_400_000);
  });

  it('marks an invitation whose link ran out as expired, and leaves accepted ones out', async () => {
    const expiredId = await invite('ran.out@example.com');
    await t.database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(invitations.id, expiredId));
    const acceptedId = await invite('joined@example.com');
    const token = await latestToken('joined@example.com');
    expect((await t.client().post('/api/v1/invitations/accept', { token, name: 'Jo Ined', password: 'a very good password' })).statusCode).toBe(200);

    const items = (await owner.get(base)).json().items as { id: string; expired: boolean }[];
    expect(items.find((i) => i.id === expiredId)?.expired).toBe(true);
    expect(items.map((i) => i.id)).not.toContain(acceptedId);
    expect((await owner.post(`${base}/${acceptedId}/resend`)).statusCode).toBe(404);
  });

  it('sends an invitation again with a new link; the old link stops working', async () => {
    const id = await invite('send.again@example.com');
    const oldToken = await latestToken('send.again@example.com');
    await t.database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(invitations.id, id));

    const res = await owner.post(`${base}/${id}/resend`);
    expect(res.statusCode, res.body).toBe(200);
    expect(Date.parse(res.json().expiresAt)).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    const mails = await t.emailsTo('send.again@example.com');
    expect(mails).toHaveLength(2);
    const newToken = await latestToken('send.again@example.com');
    expect(newToken).not.toBe(oldToken);
    expect(await previewStatus(oldToken)).toBe(404);
    expect(await previewStatus(newToken)).toBe(200);
    expect((await owner.get(base)).json().items.find((i: { id: string }) => i.id === id).expired).toBe(false);
  });

  it('withdraws an invitation: its link stops working and it leaves the list', async () => {
    const id = await invite('changed.mind@example.com');
    const token = await latestToken('changed.mind@example.com');
    const res = await owner.delete(`${base}/${id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(await previewStatus(token)).toBe(404);
    expect((await owner.get(base)).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await owner.delete(`${base}/${id}`)).statusCode).toBe(404);
  });

  it('audits sending, sending again and withdrawing, with the role only', async () => {
    const rows = await t.database.db.select().from(auditLog).where(and(like(auditLog.action, 'member.invite%'), eq(auditLog.entityType, 'invitation')));
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['member.invite', 'member.invite_resent', 'member.invite_withdrawn']) expect(actions).toContain(a);
    expect(JSON.stringify(rows.map((r) => r.details))).not.toContain('@example.com');
  });

  it('is for the owner of the clinic only', async () => {
    const id = await invite('owner.only@example.com');
    for (const who of ['priya@jadeleaf.example', 'reception@jadeleaf.example']) {
      const staff = t.client();
      await staff.signIn(who, DEMO_PASSWORD);
      expect((await staff.get(base)).statusCode).toBe(403);
      expect((await staff.post(`${base}/${id}/resend`)).statusCode).toBe(403);
      expect((await staff.delete(`${base}/${id}`)).statusCode).toBe(403);
    }
    const otherOwner = t.client();
    await otherOwner.signIn('owner@willowtree.example', DEMO_PASSWORD);
    expect((await otherOwner.get(base)).statusCode).toBe(404);
    expect((await otherOwner.post(`/api/v1/clinics/willow-harrogate/invitations/${id}/resend`)).statusCode).toBe(404);
    expect((await otherOwner.delete(`/api/v1/clinics/willow-harrogate/invitations/${id}`)).statusCode).toBe(404);
    expect((await t.emailsTo('owner.only@example.com'))).toHaveLength(1);
    expect((await owner.get(base)).json().items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it('answers a malformed invitation id with 400 problem+json', async () => {
    const res = await owner.post(`${base}/not-a-uuid/resend`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
