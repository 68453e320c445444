import { describe, expect, it } from 'vitest';
import { canSeeClientContact, canSeeClinicalRecord, seesWholeClientList, type Viewer } from './access-rules.ts';

const client = { id: 'c1', careTeam: ['p1'] };
const viewer = (role: Viewer['role'], extra: Partial<Viewer> = {}): Viewer => ({ role, userId: 'u', clientId: null, seesAllClients: false, ...extra });

describe('clinical record access', () => {
  it('lets the owner see every clinical record', () => expect(canSeeClinicalRecord(viewer('owner'), client)).toBe(true));
  it('never lets reception see clinical content', () => expect(canSeeClinicalRecord(viewer('reception', { seesAllClients: true }), client)).toBe(false));
  it('lets a practitioner see clients they treat', () => expect(canSeeClinicalRecord(viewer('practitioner', { userId: 'p1' }), client)).toBe(true));
  it('hides clients a practitioner does not treat', () => expect(canSeeClinicalRecord(viewer('practitioner', { userId: 'p2' }), client)).toBe(false));
  it('lets the owner widen a practitioner to all clients', () =>
    expect(canSeeClinicalRecord(viewer('practitioner', { userId: 'p2', seesAllClients: true }), client)).toBe(true));
  it('lets a client see only their own record', () => {
    expect(canSeeClinicalRecord(viewer('client', { clientId: 'c1' }), client)).toBe(true);
    expect(canSeeClinicalRecord(viewer('client', { clientId: 'c2' }), client)).toBe(false);
  });
});

describe('contact details access', () => {
  it('lets reception see contact details', () => expect(canSeeClientContact(viewer('reception'), client)).toBe(true));
  it('hides other clients from a client', () => expect(canSeeClientContact(viewer('client', { clientId: 'c9' }), client)).toBe(false));
  it('lists the whole client list only for owner, reception and widened practitioners', () => {
    expect(seesWholeClientList(viewer('owner'))).toBe(true);
    expect(seesWholeClientList(viewer('reception'))).toBe(true);
    expect(seesWholeClientList(viewer('practitioner'))).toBe(false);
    expect(seesWholeClientList(viewer('practitioner', { seesAllClients: true }))).toBe(true);
    expect(seesWholeClientList(viewer('client'))).toBe(false);
  });
});
