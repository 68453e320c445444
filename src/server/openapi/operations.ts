/**
 * What the contract says about who may call each operation, kept in one table rather than
 * in every route file: operations anyone may call, operations that work with or without a
 * session, and the operations an API key may call with which scope. Everything else needs
 * a signed-in session. The contract test calls every operation without credentials and
 * checks the answer is one the contract lists (a "public" operation answering 401 fails it).
 */

/** `METHOD /path` as the OpenAPI document spells it (`{param}`). */
export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Operations that need no sign-in at all. */
export const PUBLIC_OPERATIONS = new Set([
  'GET /health',
  'POST /api/v1/auth/sign-up',
  'POST /api/v1/auth/verify-email',
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/password/forgot',
  'POST /api/v1/auth/password/reset',
  'GET /api/v1/clinics',
  'GET /api/v1/clinics/{clinicSlug}',
  'GET /api/v1/invitations/{token}',
  'GET /api/v1/directory',
  'GET /api/v1/clinics/{clinicSlug}/services',
  'GET /api/v1/clinics/{clinicSlug}/practitioners',
  'GET /api/v1/clinics/{clinicSlug}/availability',
  'GET /api/v1/clinics/{clinicSlug}/booking-links/{token}',
  'POST /api/v1/clinics/{clinicSlug}/booking-links/{token}/confirm',
  'POST /api/v1/clinics/{clinicSlug}/booking-links/{token}/cancel',
  'POST /api/v1/clinics/{clinicSlug}/booking-links/{token}/reschedule',
  'GET /api/v1/clinics/{clinicSlug}/calendar-feeds/{token}',
  'GET /api/v1/clinics/{clinicSlug}/reviews',
  'GET /api/v1/clinics/{clinicSlug}/questionnaires/by-token/{token}',
  'POST /api/v1/clinics/{clinicSlug}/questionnaires/by-token/{token}',
  'GET /widget/clinics/{clinicSlug}',
]);

/** Operations anyone may call that answer differently to a signed-in user. */
export const OPTIONAL_SESSION_OPERATIONS = new Set([
  'GET /api/v1/auth/session',
  'POST /api/v1/auth/sign-in/two-factor',
  'POST /api/v1/invitations/accept',
  'POST /api/v1/clinics/{clinicSlug}/bookings',
]);

/** What an API key may be allowed to do. Never clinical data: no scope reaches notes, intake or outcomes. */
export const API_KEY_SCOPES = ['diary:read', 'bookings:write', 'clients:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Plain words for each scope, for the settings screen and the README. */
export const API_KEY_SCOPE_LABELS: Record<ApiKeyScope, string> = {
  'diary:read': 'Read the diary: services, practitioners, free times and bookings (no health details)',
  'bookings:write': 'Book, move, cancel and mark bookings',
  'clients:read': "Read clients' contact details (never clinical data)",
};

/** Operations an API key may call, by the scope they need (OpenAPI paths). */
const API_KEY_OPERATIONS: Record<string, ApiKeyScope> = {
  'GET /api/v1/clinics/{clinicSlug}/diary': 'diary:read',
  'GET /api/v1/clinics/{clinicSlug}/diary/free-times': 'diary:read',
  'GET /api/v1/clinics/{clinicSlug}/bookings/{bookingId}': 'diary:read',
  'GET /api/v1/clinics/{clinicSlug}/settings/services': 'diary:read',
  'POST /api/v1/clinics/{clinicSlug}/diary/bookings': 'bookings:write',
  'PATCH /api/v1/clinics/{clinicSlug}/bookings/{bookingId}': 'bookings:write',
  'POST /api/v1/clinics/{clinicSlug}/bookings/{bookingId}/cancel': 'bookings:write',
  'POST /api/v1/clinics/{clinicSlug}/bookings/{bookingId}/status': 'bookings:write',
  'GET /api/v1/clinics/{clinicSlug}/clients': 'clients:read',
  'GET /api/v1/clinics/{clinicSlug}/clients/{clientId}': 'clients:read',
};

/** The scope an API key needs for an operation, or null when keys may not call it. */
export function apiKeyScopeOf(method: string, path: string): ApiKeyScope | null {
  return API_KEY_OPERATIONS[operationKey(method, path)] ?? null;
}

/** The same for a Fastify route (`/api/v1/clinics/:clinicSlug/...`). */
export function apiKeyScopeOfRoute(method: string, routeUrl: string): ApiKeyScope | null {
  return apiKeyScopeOf(method, routeUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}'));
}
