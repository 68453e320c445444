import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { ReactElement } from 'react';
import { renderDocument, type PageMeta } from '../web/public/document.tsx';
import { NotFoundPage } from '../web/public/pages/not-found-page.tsx';
import { FaultPage } from '../web/public/pages/fault-page.tsx';

/** Where `vite build` puts the browser files. */
export const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/client');

interface ManifestEntry {
  file: string;
  css?: string[];
  assets?: string[];
}

/**
 * What every public page's head links to: the site's stylesheet, and the Latin subset of
 * its web font. Preloaded, the font arrives with the stylesheet instead of after the first
 * layout, so the text is not laid out again (and moved) once it lands. The other subsets
 * (Cyrillic, Greek, …) are left to the browser: it fetches them only for pages that use them.
 */
export function publicHeadAssets(manifest: Record<string, ManifestEntry>): { stylesheets: string[]; fonts: string[] } {
  const site = manifest['public/site.css'];
  if (!site) return { stylesheets: [], fonts: [] };
  const latinFont = (site.assets ?? []).filter((file) => /\/inter-latin-wght-normal-[^/]*\.woff2$/.test(file));
  return { stylesheets: ['/' + site.file], fonts: latinFont.map((file) => '/' + file) };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Server-renders a public page with the shared layout. */
    renderPage(reply: FastifyReply, page: ReactElement, meta: PageMeta, status?: number): FastifyReply;
    /** The HTML `renderPage` would send, for a page cache. */
    renderHtml(page: ReactElement, meta: PageMeta): string;
    renderNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply;
    /** The calm page for a database that is away (503) or a full disk (507). */
    renderFault(reply: FastifyReply, fault: 'unavailable' | 'disk-full', status: number): FastifyReply;
  }
}

/** The placeholder Vite writes as every tag's nonce (`html.cspNonce` in vite.config.ts). */
export const CSP_NONCE_PLACEHOLDER = 'YT_CSP_NONCE';

/**
 * The app's index.html with this answer's nonces in place of the build's placeholder:
 * script tags get the script nonce; stylesheet links and the `csp-nonce` meta tag (read by
 * Vite's loader for the styles and preloads it adds later) get the style nonce.
 */
export function withCspNonces(html: string, nonce: { script: string; style: string } | null | undefined): string {
  if (!nonce) return html;
  return html
    .replace(/<script\b[^>]*>/g, (tag) => tag.replaceAll(CSP_NONCE_PLACEHOLDER, nonce.script))
    .replaceAll(CSP_NONCE_PLACEHOLDER, nonce.style);
}

/**
 * Serves the built browser files: hashed assets cached for a year, the app shell for
 * every /app address (the SPA routes inside), and the stylesheet for server-rendered pages.
 */
export async function registerWeb(app: FastifyInstance) {
  const manifestFile = path.join(clientDir, '.vite/manifest.json');
  const manifest: Record<string, ManifestEntry> = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
  const { stylesheets, fonts } = publicHeadAssets(manifest);

  if (existsSync(path.join(clientDir, 'assets'))) {
    await app.register(fastifyStatic, {
      root: path.join(clientDir, 'assets'),
      prefix: '/assets/',
      // Every file name carries a content hash, so it can be cached for good.
      immutable: true,
      maxAge: '365d',
      preCompressed: false,
      wildcard: true,
    });
  }

  const appHtmlFile = path.join(clientDir, 'app/index.html');
  const appHtml = existsSync(appHtmlFile) ? readFileSync(appHtmlFile, 'utf8') : undefined;
  const sendApp = async (_request: FastifyRequest, reply: FastifyReply) => {
    // The app shows personal data from its first screen: nothing of it may be stored.
    reply.header('Cache-Control', 'no-store');
    if (!appHtml) {
      return reply.status(503).type('text/html; charset=utf-8')
        .send('<!doctype html><title>Yintang</title><p>The app has not been built yet. Run <code>npm run build</code>, then reload.</p>');
    }
    return reply.type('text/html; charset=utf-8').send(withCspNonces(appHtml, reply.cspNonce));
  };
  // The shell's script and stylesheet tags carry this answer's nonce.
  app.get('/app', { schema: { hide: true }, config: { cspNonce: true } }, sendApp);
  app.get('/app/*', { schema: { hide: true }, config: { cspNonce: true } }, sendApp);

  app.decorate('renderHtml', function renderHtml(page: ReactElement, meta: PageMeta) {
    return renderDocument(page, { ...meta, stylesheets, fonts });
  });
  app.decorate('renderPage', function renderPage(reply: FastifyReply, page: ReactElement, meta: PageMeta, status = 200) {
    return reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-cache')
      .send(renderDocument(page, { ...meta, stylesheets, fonts }));
  });
  app.decorate('renderNotFound', function renderNotFound(_request: FastifyRequest, reply: FastifyReply) {
    return app.renderPage(reply, NotFoundPage(), { title: 'Page not found', description: 'This page does not exist.' }, 404);
  });
  app.decorate('renderFault', function renderFault(reply: FastifyReply, fault: 'unavailable' | 'disk-full', status: number) {
    const title = fault === 'disk-full' ? 'Saving is paused' : 'Back in a moment';
    return app.renderPage(reply, FaultPage({ fault }), { title, description: 'The clinic’s system is briefly unavailable.' }, status)
      .header('Cache-Control', 'no-store');
  });
}
