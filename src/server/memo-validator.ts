import type { FastifyRouteSchemaDef, FastifySchemaValidationError } from 'fastify/types/schema.js';
import { validatorCompiler } from 'fastify-type-provider-zod';

/** Inputs remembered per route and part, so odd addresses cannot grow it without end. */
const MAX_REMEMBERED = 1_000;

/**
 * The app's validator compiler (Zod), remembering what it answered for the inputs it
 * accepted, by their JSON: for a route asked for the same address again and again (a
 * widget polling availability), validating the path and query string is the same work
 * with the same answer every time. Only for parts built from the URL (params, querystring),
 * which are plain strings, so the JSON names the input exactly. Refusals are not kept
 * (each gets the same 400 as ever), and what is kept is frozen: every request shares it.
 */
export function rememberingValidatorCompiler<S>(route: FastifyRouteSchemaDef<S>) {
  const validate = validatorCompiler(route as never) as (data: unknown) => { error?: Error | FastifySchemaValidationError[]; value?: unknown };
  const kept = new Map<string, ReturnType<typeof validate>>();
  return (data: unknown) => {
    const key = JSON.stringify(data);
    const hit = kept.get(key);
    if (hit) return hit;
    const result = validate(data);
    if ('value' in result && result.value !== null && typeof result.value === 'object') {
      Object.freeze(result.value);
      if (kept.size >= MAX_REMEMBERED) kept.delete(kept.keys().next().value!);
      kept.set(key, result);
    }
    return result;
  };
}
