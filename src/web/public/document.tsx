import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute canonical address of the page, when it has one. */
  canonical?: string;
  stylesheets?: string[];
  /** Web fonts the stylesheet will ask for, fetched with it so text is not laid out twice. */
  fonts?: string[];
  /** An absolute image address for link previews (Open Graph), with its text alternative. */
  image?: { url: string; alt: string; width?: number; height?: number };
  /** schema.org objects, written as JSON-LD. */
  jsonLd?: object[];
}

/** Serialises JSON for a <script> element: `<` is escaped so text can never close the tag. */
const safeJson = (value: object) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The HTML document around every server-rendered page. */
export function renderDocument(page: ReactElement, meta: PageMeta): string {
  const doc = (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title === 'Yintang' ? meta.title : `${meta.title} · Yintang`}</title>
        <meta name="description" content={meta.description} />
        {meta.canonical && <link rel="canonical" href={meta.canonical} />}
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:type" content="website" />
        {meta.canonical && <meta property="og:url" content={meta.canonical} />}
        {meta.image && <meta property="og:image" content={meta.image.url} />}
        {meta.image && <meta property="og:image:alt" content={meta.image.alt} />}
        {meta.image?.width && <meta property="og:image:width" content={String(meta.image.width)} />}
        {meta.image?.height && <meta property="og:image:height" content={String(meta.image.height)} />}
        <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Ccircle cx='16' cy='16' r='12' fill='%232f6f5e'/%3E%3C/svg%3E" />
        {(meta.fonts ?? []).map((href) => <link key={href} rel="preload" href={href} as="font" type="font/woff2" crossOrigin="anonymous" />)}
        {(meta.stylesheets ?? []).map((href) => <link key={href} rel="stylesheet" href={href} />)}
        {(meta.jsonLd ?? []).map((obj, i) => (
          <script key={i} type="application/ld+json" dangerouslySetInnerHTML={{ __html: safeJson(obj) }} />
        ))}
      </head>
      <body>{page}</body>
    </html>
  );
  return '<!doctype html>' + renderToStaticMarkup(doc);
}
