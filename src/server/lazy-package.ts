import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded on its first use instead of when the server starts: the SDKs for
 * images, PDFs and card payments each take tens to hundreds of milliseconds to load, and
 * most starts never use them.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
