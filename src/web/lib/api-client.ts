/**
 * A small typed wrapper around fetch for the JSON API at /api/v1. It sends the session
 * cookie (same origin only), attaches the session's CSRF token to every write, and turns
 * error answers (RFC 9457 problem+json) into an {@link ApiError}.
 *
 * @example
 *   const clinic = await api.post<ClinicDetail>('/clinics', body);
 */

/** A problem document, as the server answers every error (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

const NETWORK_PROBLEM: Problem = {
  type: 'about:network',
  title: 'No connection',
  status: 0,
  detail: 'We could not reach Yintang. Please check your internet connection and try again.',
};

const UNEXPECTED_PROBLEM = (status: number): Problem => ({
  type: 'about:unexpected',
  title: 'Something went wrong',
  status,
  detail: 'Something went wrong on our side. Please try again in a moment.',
});

/** An error answer from the API, carrying the problem document. */
export class ApiError extends Error {
  readonly status: number;
  /** Seconds to wait, from the Retry-After header of a 429 or 503. */
  readonly retryAfterSec: number | undefined;

  constructor(readonly problem: Problem, retryAfterSec?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.retryAfterSec = retryAfterSec;
  }

  /** The stable problem kind, e.g. `email-not-verified` from `https://…/problems/email-not-verified`. */
  get code(): string {
    return this.problem.type.split('/').pop() ?? this.problem.type;
  }

  /**
   * Field errors keyed by form field name. The server names fields by where they were
   * found (`body.email`, `querystring.q`); forms only know `email`.
   */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const field = e.field.replace(/^(body|querystring|params)\./, '');
      out[field] ??= e.message;
    }
    return out;
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token of the current session; the session provider calls this. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/**
 * Problems that mean the session itself changed under the app: it ran out
 * (`unauthenticated`), or the clinic now requires two-factor sign-in. The session
 * provider listens, reloads the session, and the app shows the right screen.
 */
const SESSION_PROBLEMS = new Set(['unauthenticated', 'two-factor-required']);
let onSessionProblem: (() => void) | undefined;

export function setSessionProblemListener(listener: (() => void) | undefined) {
  onSessionProblem = listener;
}

const API_BASE = '/api/v1';

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, extraHeaders?: Record<string, string>): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  // A form (with a file) declares its own multipart type and boundary; the browser sets it.
  const isForm = body instanceof FormData;
  // A body-less POST must not declare JSON, or the server rejects the empty body.
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(NETWORK_PROBLEM);
  }

  if (!response.ok) {
    const retryAfter = Number(response.headers.get('Retry-After'));
    let problem: Problem = UNEXPECTED_PROBLEM(response.status);
    if ((response.headers.get('Content-Type') ?? '').includes('json')) {
      try {
        const parsed = (await response.json()) as Partial<Problem>;
        if (parsed && typeof parsed.title === 'string') problem = { ...problem, ...parsed, status: response.status };
      } catch {
        // Keep the generic problem: the body was not the JSON it claimed to be.
      }
    }
    const error = new ApiError(problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    if (SESSION_PROBLEMS.has(error.code) && !path.startsWith('/auth/')) onSessionProblem?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The API, one method per HTTP verb; paths are relative to /api/v1. */
export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  /** `headers` for e.g. `If-Match` with the ETag of the version being changed. */
  patch: <T>(path: string, body: unknown, headers?: Record<string, string>) => request<T>('PATCH', path, body, undefined, headers),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  /** Sends a multipart form, e.g. with a photo: `form.append('photo', file)`. */
  putForm: <T>(path: string, form: FormData) => request<T>('PUT', path, form),
  /** Creates with a multipart form, e.g. a progress photo and its tag. */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A message for the person from any error: the problem's detail, or a calm generic one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  return 'Something went wrong. Please try again.';
}
