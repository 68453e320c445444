import { useEffect, useState } from 'react';
import { Eye, FileText, History, RotateCcw, Save } from 'lucide-react';
import type { z } from 'zod';
import type { contentPage, contentPageList } from '../../../features/content/content-pages.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatWhen } from '../../lib/clinic-time.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/field.tsx';

type ContentPage = z.infer<typeof contentPage>;
type ContentPageList = z.infer<typeof contentPageList>;

/** The owner edits the clinic's treatment pages: Markdown, a preview rendered (and sanitised) by the server, and every save kept as a version. */
export function ContentPagesPage() {
  usePageTitle('Treatment pages');
  return <RoleGate roles={['owner']}>{(clinic) => <ContentPages clinic={clinic} />}</RoleGate>;
}

function ContentPages({ clinic }: { clinic: ClinicContext }) {
  const list = useApi<ContentPageList>(`/clinics/${clinic.slug}/content-pages`);
  const [slug, setSlug] = useState('facial-acupuncture');
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Treatment pages"
        description={<p>The pages about each treatment on your public site. They start from Yintang’s default text, written to UK advertising rules; edit them in Markdown. Every save is kept, so you can undo.</p>} />
      {list.error !== undefined && <Alert tone="error">{errorMessage(list.error)}</Alert>}
      {list.data && (
        <SelectField label="Page" value={slug} onChange={(e) => setSlug(e.target.value)} className="mb-6 max-w-md">
          {list.data.items.map((p) => (
            <option key={p.slug} value={p.slug}>{p.treatment}{p.source === 'clinic' ? ` (your version ${p.version})` : ' (default)'}{p.offered ? '' : ' · not offered'}</option>
          ))}
        </SelectField>
      )}
      <Editor key={slug} clinic={clinic} slug={slug} onSaved={list.reload} />
    </>
  );
}

function Editor({ clinic, slug, onSaved }: { clinic: ClinicContext; slug: string; onSaved: () => void }) {
  const page = useApi<ContentPage>(`/clinics/${clinic.slug}/content-pages/${slug}`);
  const [draft, setDraft] = useState<{ title: string; description: string; markdown: string }>();
  const [preview, setPreview] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const data = page.data;

  useEffect(() => {
    if (data) setDraft({ title: data.title, description: data.description, markdown: data.markdown });
  }, [data]);

  async function run(work: () => Promise<ContentPage | { html: string }>, done?: string) {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    try {
      const result = await work();
      if ('html' in result) setPreview(result.html);
      else {
        setPreview(undefined);
        page.reload();
        onSaved();
      }
      if (done) setMessage(done);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (!data || !draft) return page.error !== undefined ? <Alert tone="error">{errorMessage(page.error)}</Alert> : <Loading label="Loading the page…" />;
  const base = `/clinics/${clinic.slug}/content-pages/${slug}`;
  return (
    <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="flex min-w-0 flex-col gap-5">
        <p className="muted">
          {data.source === 'clinic' ? `Your clinic shows your version ${data.version}.` : 'Your clinic shows Yintang’s default text.'}{' '}
          <a href={`/clinics/${clinic.slug}/treatments/${slug}`} target="_blank" rel="noopener">View the public page</a> (it may take up to five minutes to update).
        </p>
        {message && <Alert tone="success">{message}</Alert>}
        {error && <Alert tone="error">{error}</Alert>}
        <TextField label="Title" value={draft.title} maxLength={200} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
        <TextField label="Description" hint="One or two sentences for search results and sharing." value={draft.description} maxLength={400}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        <TextAreaField label="Page text (Markdown)" rows={20} value={draft.markdown} onChange={(e) => setDraft({ ...draft, markdown: e.target.value })}
          hint="## for a section heading, **bold**, - for a list, [words](https://address) for a link. A line with only {{prices}} shows your prices there. Scripts and embedded frames are removed." />
        <div className="flex flex-wrap gap-3">
          <Button variant="secondary" pending={busy} onClick={() => void run(() => api.post(`/clinics/${clinic.slug}/content-pages/preview`, { markdown: draft.markdown }))}>
            <Eye aria-hidden="true" className="size-5" />Preview
          </Button>
          <Button pending={busy} onClick={() => void run(() => api.post(`${base}/versions`, { ...draft, baseVersion: data.versions[0]?.version ?? null }), 'Saved and published as a new version.')}>
            <Save aria-hidden="true" className="size-5" />Save and publish
          </Button>
          {data.source === 'clinic' && (
            <Button variant="ghost" pending={busy} onClick={() => void run(() => api.post(`${base}/use-default`), 'Your clinic shows the default text again. Your versions are kept.')}>
              <RotateCcw aria-hidden="true" className="size-5" />Use the default text
            </Button>
          )}
        </div>
        {preview !== undefined && (
          <section aria-labelledby="preview-heading" className="panel">
            <h2 id="preview-heading" className="flex items-center gap-2 text-xl"><Eye aria-hidden="true" className="size-5 text-jade-700" />Preview</h2>
            {/* Rendered and sanitised by the server, exactly as the public page will be. */}
            <div className="prose-calm mt-4" dangerouslySetInnerHTML={{ __html: preview }} />
          </section>
        )}
      </div>
      <aside aria-labelledby="versions-heading" className="panel self-start">
        <h2 id="versions-heading" className="flex items-center gap-2 text-lg"><History aria-hidden="true" className="size-5 text-jade-700" />Versions</h2>
        {data.versions.length === 0 ? <p className="muted mt-2">No saved versions yet.</p> : (
          <ul className="mt-3 flex flex-col gap-3">
            {data.versions.map((v) => (
              <li key={v.version} className="flex flex-col gap-1 border-b border-line pb-3 last:border-0">
                <p className="flex items-center gap-2 font-medium"><FileText aria-hidden="true" className="size-4" />Version {v.version}{v.published && <span className="badge">Shown</span>}</p>
                <p className="muted text-sm">{formatWhen(v.createdAt, 'Europe/London')}{v.createdBy ? ` · ${v.createdBy}` : ''}</p>
                {!v.published && (
                  <Button variant="ghost" className="self-start" pending={busy}
                    onClick={() => void run(() => api.post(`${base}/versions/${v.version}/restore`), `Version ${v.version} is shown again, saved as the newest version.`)}>
                    Restore<span className="sr-only"> version {v.version}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </aside>
    </div>
  );
}
