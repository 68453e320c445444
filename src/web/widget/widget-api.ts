import type { z } from 'zod';
import type { availabilityResponse, publicPractitionerList, publicServiceList } from '../../features/scheduling/scheduling.schema.ts';
import type { bookingCreated } from '../../features/booking/booking.schema.ts';
import type { WidgetClinic } from '../../features/booking-widget/booking-widget.schema.ts';

/**
 * The widget's own small fetch wrapper (it does not load the app's): the public booking
 * API of one clinic, from this site or from the clinic's own website (CORS). It never
 * sends cookies, so a booking from the widget is always the visitor's own details and no
 * signed-in session is used behind their back.
 */

export type Service = z.infer<typeof publicServiceList>['items'][number];
export type Practitioner = z.infer<typeof publicPractitionerList>['items'][number];
export type Availability = z.infer<typeof availabilityResponse>;
export type Slot = Availability['slots'][number];
export type BookingCreated = z.infer<typeof bookingCreated>;
export type { WidgetClinic };

export interface Problem {
  status: number;
  /** The last part of the problem type, e.g. `slot-taken`. */
  code: string;
  title: string;
  detail: string;
  errors: { field: string; message: string }[];
  retryAfterSec?: number;
  consultationServiceId?: string | null;
}

export class WidgetError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

const offline: Problem = {
  status: 0, code: 'network', title: 'No connection', errors: [],
  detail: 'We could not reach the booking service. Please check your internet connection and try again.',
};

export function createApi(origin: string, clinicSlug: string) {
  const base = `${origin}/api/v1/clinics/${encodeURIComponent(clinicSlug)}`;

  async function request<T>(url: string, init?: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, { credentials: 'omit', ...init, headers: { Accept: 'application/json', ...init?.headers } });
    } catch {
      throw new WidgetError(offline);
    }
    if (response.ok) return (await response.json()) as T;
    let body: Record<string, unknown> = {};
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch {
      // Not JSON: keep the generic wording below.
    }
    const retry = Number(response.headers.get('Retry-After'));
    throw new WidgetError({
      status: response.status,
      code: String(body.type ?? '').split('/').pop() ?? '',
      title: String(body.title ?? 'Something went wrong'),
      detail: typeof body.detail === 'string' ? body.detail : 'Something went wrong on our side. Please try again in a moment.',
      errors: Array.isArray(body.errors) ? (body.errors as Problem['errors']) : [],
      retryAfterSec: Number.isFinite(retry) && retry > 0 ? retry : undefined,
      consultationServiceId: typeof body.consultationServiceId === 'string' ? body.consultationServiceId : null,
    });
  }

  return {
    clinic: () => request<WidgetClinic>(`${origin}/widget/clinics/${encodeURIComponent(clinicSlug)}`),
    services: () => request<{ items: Service[] }>(`${base}/services`),
    practitioners: () => request<{ items: Practitioner[] }>(`${base}/practitioners`),
    availability: (q: { serviceId: string; practitionerId?: string; from: string; to: string }) => {
      const params = new URLSearchParams({ serviceId: q.serviceId, from: q.from, to: q.to });
      if (q.practitionerId) params.set('practitionerId', q.practitionerId);
      return request<Availability>(`${base}/availability?${params}`);
    },
    book: (body: { serviceId: string; practitionerId: string | null; start: string; client: { name: string; email: string; phone?: string } }, idempotencyKey: string) =>
      request<BookingCreated>(`${base}/bookings`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(body),
      }),
  };
}

export type WidgetApi = ReturnType<typeof createApi>;

/** A key that makes a retried request (a double tap, a flaky connection) book only once. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
