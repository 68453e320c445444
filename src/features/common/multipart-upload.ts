import { badRequest, type AppError } from '../../server/errors.ts';

/**
 * The problem for a multipart upload that failed while it was read: too large (the
 * caller's own 413, which names its limit), more than one file or too many parts, or a
 * body cut short. Never a 500.
 */
export function uploadReadProblem(error: unknown, field: string, tooLarge: () => AppError): AppError {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return badRequest('Send one photo at a time.', [{ field, message: 'Send one file only' }]);
  }
  return badRequest('The upload was cut short or could not be read. Please try again.');
}
