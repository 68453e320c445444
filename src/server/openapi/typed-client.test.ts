import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildTestApp, type TestContext } from '../test-app.ts';
import { addClientWithAccount, createClinicFixture, PASSWORD, type ClinicFixture } from '../../features/booking/booking.test-helpers.ts';

/**
 * A developer's view of the contract: types generated with openapi-typescript (its Node
 * API) from the live /api/openapi.json of a server listening on a port, a flow written
 * against them with openapi-fetch type-checked by the TypeScript compiler, then run
 * against that server: list services, read availability, book, reschedule, cancel.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const flowFile = path.join(here, 'typed-client', 'booking-flow.ts');

/** What the flow reports. The flow is imported by path so the repository's type check does not follow it (see its header). */
interface FlowResult {
  services: string[];
  slots: number;
  booked: { id: string; status: string; start: string; expected: string };
  refused: { status: number; problem: string | null };
  moved: { status: number; start: string | null; expected: string };
  cancelled: { status: number; bookingStatus: string | null };
  mine: { id: string; status: string }[];
}
type BookingFlow = (baseUrl: string, clinicSlug: string, account: { email: string; password: string }) => Promise<FlowResult>;

let t: TestContext;
let f: ClinicFixture;
let baseUrl: string;
let dir: string;
beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000' });
  f = await createClinicFixture(t, { slug: 'typed-client-clinic' });
  await addClientWithAccount(t, f, 'Tia Typed', 'tia.typed@example.com');
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  dir = mkdtempSync(path.join(tmpdir(), 'yintang-typed-client-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

describe('a client generated from GET /api/openapi.json with openapi-typescript and openapi-fetch', () => {
  it('generates types for every operation, and the booking flow written against them compiles', async () => {
    const document = await (await fetch(`${baseUrl}/api/openapi.json`)).json();
    const source = astToString(await openapiTS(document));
    expect(source).toContain('"/api/v1/clinics/{clinicSlug}/bookings/{bookingId}/reschedule"');
    expect(source).toContain('postClinicsBookings');
    writeFileSync(path.join(dir, 'yintang-api.gen.ts'), source);
    copyFileSync(flowFile, path.join(dir, 'booking-flow.ts'));
    // And a mistake an integrator could make, which the generated types must catch.
    writeFileSync(path.join(dir, 'mistakes.ts'), [
      "import createClient from 'openapi-fetch';",
      "import type { paths } from './yintang-api.gen.ts';",
      "const api = createClient<paths>({ baseUrl: 'http://localhost' });",
      "void api.GET('/api/v1/clinics/{clinicSlug}/servicez', { params: { path: { clinicSlug: 'x' } } });",
      "void api.POST('/api/v1/clinics/{clinicSlug}/bookings', { params: { path: { clinicSlug: 'x' } }, body: { serviceId: 'x', begins: 'x' } });",
    ].join('\n'));
    const require = createRequire(import.meta.url);
    const program = ts.createProgram([path.join(dir, 'booking-flow.ts'), path.join(dir, 'mistakes.ts')], {
      strict: true, noUncheckedIndexedAccess: true, noEmit: true, skipLibCheck: true,
      target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true, verbatimModuleSyntax: true, lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], types: [],
      // The temporary folder has no node_modules of its own.
      paths: { 'openapi-fetch': [path.dirname(require.resolve('openapi-fetch/package.json'))] },
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${path.basename(d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors.filter((e) => !e.startsWith('mistakes.ts'))).toEqual([]);
    // The misspelt path and the unknown body field.
    expect(errors.filter((e) => e.startsWith('mistakes.ts')).length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('books, reschedules and cancels through the typed client, and types the problem answer', async () => {
    const { bookingFlow } = (await import(/* @vite-ignore */ flowFile)) as { bookingFlow: BookingFlow };
    const result = await bookingFlow(baseUrl, f.slug, { email: 'tia.typed@example.com', password: PASSWORD });
    expect(result.services).toEqual(['Free consultation', 'Facial acupuncture', 'Sports massage']);
    expect(result.slots).toBeGreaterThan(1);
    expect(result.booked).toMatchObject({ status: 'confirmed', start: result.booked.expected });
    expect(result.refused).toEqual({ status: 422, problem: expect.stringContaining('/problems/') });
    expect(result.moved).toEqual({ status: 200, start: result.moved.expected, expected: result.moved.expected });
    expect(result.cancelled).toEqual({ status: 200, bookingStatus: 'cancelled' });
    expect(result.mine).toContainEqual({ id: result.booked.id, status: 'cancelled' });
  }, 60_000);
});
