import { users } from '../../data/schema/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../../data/demo/demo-data.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';

/** Test support only: the demo clinics, with Jade Leaf's owner and Tom (a practitioner) signed in. */
export interface StaffProfilesFixture {
  t: TestContext;
  owner: TestClient;
  tom: TestClient;
  /** Tom and Priya practise at Jade Leaf; Helen owns Willow Tree, another clinic. */
  ids: { tom: string; priya: string; helen: string };
}

export async function staffProfilesFixture(): Promise<StaffProfilesFixture> {
  const t = await buildTestApp();
  await seedDemo(t.database);
  const people = await t.database.db.select({ id: users.id, email: users.email }).from(users);
  const idOf = (email: string) => people.find((p) => p.email === email)!.id;
  const ids = { tom: idOf('tom@jadeleaf.example'), priya: idOf('priya@jadeleaf.example'), helen: idOf('owner@willowtree.example') };
  const owner = t.client();
  await owner.signIn('owner@jadeleaf.example', DEMO_PASSWORD);
  const tom = t.client();
  await tom.signIn('tom@jadeleaf.example', DEMO_PASSWORD);
  return { t, owner, tom, ids };
}
