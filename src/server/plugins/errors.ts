import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, PROBLEM_BASE, type FieldError } from '../errors.ts';
import { AccessDenied, recordDenial } from '../access.ts';
import { sqlState } from '../../features/booking/db-errors.ts';
import { classifyDatabaseFault, noteFault, noteWriteSucceeded, safeErrorSummary, type DatabaseFault } from '../../data/db-faults.ts';

/**
 * SQLSTATEs meaning the request carried text PostgreSQL cannot store: 22021 (invalid byte
 * sequence, e.g. a NUL character) and 22P05 (untranslatable character). The field schemas
 * refuse such text first; this is the last line of defence, a 400 rather than a 500.
 */
const BAD_CHARACTER_STATES = new Set(['22021', '22P05']);

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

/** Sends an RFC 9457 problem document. */
export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

export function problemFromAppError(error: AppError, instance: string): Problem {
  const { retryAfterSec: _retry, errors, ...extra } = error.extra;
  return {
    type: PROBLEM_BASE + error.code,
    title: error.title,
    status: error.status,
    detail: error.detail,
    instance,
    ...(errors ? { errors } : {}),
    ...extra,
  };
}

/**
 * Maps every error to problem+json at one edge: our AppError, request validation, the
 * parser's errors (bad JSON, too large, wrong media type) and anything unexpected, which
 * is logged and answered with a generic 500 that reveals nothing internal.
 */
export function registerErrorHandling(app: FastifyInstance) {
  // A write that went through shows the disk has room again (the owner's banner goes).
  app.addHook('onResponse', (request, reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400 && app.hasDecorator('ctx')) noteWriteSucceeded(app.ctx.database);
    done();
  });
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const instance = request.url.split('?')[0] ?? request.url;
    const fault = classifyDatabaseFault(error);
    if (fault) {
      if (app.hasDecorator('ctx')) noteFault(app.ctx.database, fault);
      // One line, with the driver's message only: never the SQL or its parameters.
      request.log.warn({ fault, err: safeErrorSummary(error) }, fault === 'disk-full' ? 'write refused: disk full' : 'database unavailable');
      return sendFault(app, request, reply, fault, instance);
    }
    if (error instanceof AccessDenied && !error.recorded) {
      // A refusal thrown inside a transaction: audited now that the transaction has rolled back.
      return recordDenial(app.ctx.database, error)
        .catch((failure: unknown) => request.log.error({ err: failure }, 'could not audit a refused access'))
        .then(() => sendProblem(reply, problemFromAppError(error, instance)));
    }
    if (error instanceof AppError) {
      if (error.extra.retryAfterSec !== undefined) reply.header('Retry-After', String(error.extra.retryAfterSec));
      return sendProblem(reply, problemFromAppError(error, instance));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldError[] = error.validation.map((v) => ({
        field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'is invalid',
      }));
      return sendProblem(reply, {
        type: PROBLEM_BASE + 'validation',
        title: 'Invalid request',
        status: 400,
        detail: 'Some fields are missing or invalid: ' + errors.map((e) => `${e.field} ${e.message}`).join('; '),
        instance,
        errors,
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: { message: error.message, code: error.code } }, 'response did not match its schema');
      return sendInternal(reply, instance);
    }
    if (BAD_CHARACTER_STATES.has(sqlState(error) ?? '')) {
      return sendProblem(reply, {
        type: PROBLEM_BASE + 'bad-characters',
        title: 'Bad request',
        status: 400,
        detail: 'The request holds characters that cannot be stored (such as a NUL character). Remove them and try again.',
        instance,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known: Record<string, [string, string]> = {
        FST_ERR_CTP_INVALID_JSON_BODY: ['malformed-json', 'The request body is not valid JSON.'],
        FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed-json', 'The request body is empty but JSON was declared.'],
        FST_ERR_CTP_BODY_TOO_LARGE: ['body-too-large', 'The request body is larger than the 1 MiB limit.'],
        FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported-media-type', 'Send the body as application/json.'],
      };
      const [code, detail] = known[error.code] ?? ['bad-request', 'The request could not be understood.'];
      return sendProblem(reply, { type: PROBLEM_BASE + code, title: 'Bad request', status, detail, instance });
    }
    // Log only the error's name and message; never bodies, which may carry health data.
    if (app.hasDecorator('ctx')) noteFault(app.ctx.database, undefined);
    request.log.error({ err: { type: error.name, message: error.message, code: error.code, stack: error.stack } }, 'unhandled error');
    return sendInternal(reply, instance);
  });
}

/** Seconds a client is asked to wait before trying again while the database is away. */
export const UNAVAILABLE_RETRY_AFTER_SEC = 30;

/** The problem document for a database fault: 503 while it is away, 507 while its disk is full. */
export function faultProblem(fault: DatabaseFault, instance: string): Problem {
  if (fault === 'disk-full') {
    return {
      type: PROBLEM_BASE + 'disk-full',
      title: 'Disk full',
      status: 507,
      detail: 'The clinic\'s system has run out of disk space, so nothing new can be saved right now. Nothing you sent was saved; ' +
        'you can still look things up. Please try again later or contact the clinic. (For the clinic: free space on the ' +
        'computer or server that runs Yintang, for example by deleting old files; saving works again straight away, with no restart.)',
      instance,
    };
  }
  return {
    type: PROBLEM_BASE + 'unavailable',
    title: 'Briefly unavailable',
    status: 503,
    detail: 'The clinic\'s system is briefly unavailable; please try again in a minute. Nothing you sent was saved.',
    instance,
  };
}

function sendFault(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, fault: DatabaseFault, instance: string) {
  if (fault === 'unavailable') reply.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SEC));
  reply.header('Cache-Control', 'no-store');
  const problem = faultProblem(fault, instance);
  const wantsHtml = !request.url.startsWith('/api/') && !request.url.startsWith('/health') && (request.headers.accept ?? '').includes('text/html');
  if (wantsHtml && app.hasDecorator('renderFault')) return app.renderFault(reply, fault, problem.status);
  return sendProblem(reply, problem);
}

function sendInternal(reply: FastifyReply, instance: string) {
  return sendProblem(reply, {
    type: PROBLEM_BASE + 'internal',
    title: 'Something went wrong',
    status: 500,
    detail: 'Something went wrong on our side. Please try again; if it keeps happening, contact the clinic.',
    instance,
  });
}
