/**
 * The one error type of the application. Services throw it; the error plugin turns it
 * into RFC 9457 problem+json at the edge.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Stable, machine-readable problem kind, e.g. `slot-taken`. */
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; retryAfterSec?: number; [key: string]: unknown } = {},
  ) {
    super(detail ?? title);
  }
}

export interface FieldError {
  /** JSON pointer-like path of the field, e.g. `client.email`. */
  field: string;
  message: string;
}

export const PROBLEM_BASE = 'https://yintang.app/problems/';

export const notFound = (what = 'The record') =>
  new AppError(404, 'not-found', 'Not found', `${what} was not found, or you do not have access to it.`);
export const unauthorized = () =>
  new AppError(401, 'unauthenticated', 'Sign-in required', 'Please sign in to continue.');
export const forbidden = (detail = 'Your role does not allow this.') => new AppError(403, 'forbidden', 'Not allowed', detail);
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError(400, 'validation', 'Invalid request', detail, errors ? { errors } : {});
export const conflict = (code: string, detail: string) => new AppError(409, code, 'Conflict', detail);
export const tooManyRequests = (retryAfterSec: number) =>
  new AppError(429, 'rate-limited', 'Too many attempts', `Please wait ${humanWait(retryAfterSec)} and try again.`, {
    retryAfterSec,
  });

function humanWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
