import createClient, { type Middleware } from 'openapi-fetch';
// Generated from the live /api/openapi.json by typed-client.test.ts, never committed: this
// file is type-checked against it there (the repository's tsconfig leaves this folder out).
import type { paths } from './yintang-api.gen.ts';

/**
 * What an integrator writes with a client generated from Yintang's OpenAPI document
 * (`openapi-typescript` + `openapi-fetch`): sign in as a client, list the services, read
 * the free times, book, reschedule and cancel. Every path, parameter, body and answer is
 * typed from the contract, so a wrong name fails to compile.
 */
export async function bookingFlow(baseUrl: string, clinicSlug: string, account: { email: string; password: string }) {
  // A browser keeps the session cookie and sends the CSRF token on writes; a server does it here.
  let cookie = '';
  let csrf = '';
  const session: Middleware = {
    onRequest({ request }) {
      if (cookie) request.headers.set('cookie', cookie);
      if (csrf && request.method !== 'GET') request.headers.set('x-csrf-token', csrf);
      return request;
    },
    onResponse({ response }) {
      const set = response.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('='));
      if (set.length) cookie = set.join('; ');
      return response;
    },
  };
  const api = createClient<paths>({ baseUrl });
  api.use(session);

  const signIn = await api.POST('/api/v1/auth/sign-in', { body: { email: account.email, password: account.password } });
  if (signIn.error) throw new Error(`sign-in: ${signIn.error.detail}`);
  const me = await api.GET('/api/v1/auth/session');
  csrf = me.data?.csrfToken ?? '';

  const params = { path: { clinicSlug } };
  const services = await api.GET('/api/v1/clinics/{clinicSlug}/services', { params });
  const consultation = services.data?.items.find((s) => s.kind === 'consultation');
  if (!consultation) throw new Error('no consultation offered');

  // Free times from three days ahead, past the cancellation window.
  const from = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const availability = await api.GET('/api/v1/clinics/{clinicSlug}/availability', { params: { ...params, query: { serviceId: consultation.id, from } } });
  const slots = availability.data?.slots ?? [];
  const [first, later] = [slots[0], slots.at(-1)];
  if (!first || !later || first.start === later.start) throw new Error('fewer than two free slots');

  const booked = await api.POST('/api/v1/clinics/{clinicSlug}/bookings', {
    params: { ...params, header: { 'idempotency-key': `typed-client-${first.start}` } },
    body: { serviceId: consultation.id, practitionerId: first.practitionerId, start: first.start },
  });
  if (!booked.data) throw new Error(`book: ${booked.error?.detail}`);

  const bookingParams = { path: { clinicSlug, bookingId: booked.data.id } };
  // A start that is not one of the clinic's slots: the contract types the problem answer too.
  const refused = await api.POST('/api/v1/clinics/{clinicSlug}/bookings/{bookingId}/reschedule', {
    params: bookingParams, body: { start: '2000-01-01T03:17:00.000Z' },
  });
  const moved = await api.POST('/api/v1/clinics/{clinicSlug}/bookings/{bookingId}/reschedule', {
    params: bookingParams, body: { start: later.start, practitionerId: later.practitionerId },
  });
  const cancelled = await api.POST('/api/v1/clinics/{clinicSlug}/bookings/{bookingId}/cancel', { params: bookingParams, body: {} });
  const mine = await api.GET('/api/v1/clinics/{clinicSlug}/me/bookings', { params });

  return {
    services: services.data?.items.map((s) => s.name) ?? [],
    slots: slots.length,
    booked: { id: booked.data.id, status: booked.data.status, start: booked.data.start, expected: first.start },
    refused: { status: refused.response.status, problem: refused.error?.type ?? null },
    moved: { status: moved.response.status, start: moved.data?.start ?? null, expected: later.start },
    cancelled: { status: cancelled.response.status, bookingStatus: cancelled.data?.status ?? null },
    mine: mine.data?.items.map((b) => ({ id: b.id, status: b.status })) ?? [],
  };
}
