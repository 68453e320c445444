import { useCallback, useEffect, useRef, useState } from 'react';
import { LazyPointChart, preloadPointChart } from '../../../components/point-chart/index.tsx';
import { OutcomeSummary, type Progress } from '../outcomes/outcome-summary.tsx';
import { AskNowPanel } from '../outcomes/ask-now-panel.tsx';
import { Link, useParams } from 'react-router';
import { Check, CircleAlert, CloudOff, LoaderCircle, Lock } from 'lucide-react';
import type { Note, NoteSession } from '../../../../features/notes/notes.schema.ts';
import { SIDE_LABELS } from '../../../../domain/protocols/protocols.ts';
import { describeNoteField } from '../../../../domain/notes/templates.ts';
import { ADVERSE_EVENT_KIND_LABELS, ADVERSE_EVENT_SEVERITY_LABELS } from '../../../../domain/notes/adverse-event-register.ts';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { formatWhen, localDate } from '../../../lib/clinic-time.ts';
import { RoleGate } from '../../role-gate.tsx';
import type { ClinicContext, Role } from '../../session.tsx';
import { usePageTitle } from '../../use-page-title.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Loading } from '../../../components/loading.tsx';
import { TextAreaField } from '../../../components/field.tsx';
import { bodyFrom, draftFrom, EVENT_LABELS, NoteEditor, SEVERITY_LABELS, type DraftState } from './note-editor.tsx';
import { ProgressPhotosPanel } from '../outcomes/progress-photos-panel.tsx';

const CLINICAL_ROLES: readonly Role[] = ['owner', 'practitioner'];
const AUTOSAVE_MS = 800;
const RETRY_MS = 5000;

/** The session note of an appointment, opened from the day list or the diary. */
export function SessionNotePage() {
  usePageTitle('Session note');
  const { bookingId = '' } = useParams();
  return <RoleGate roles={CLINICAL_ROLES}>{(clinic) => <SessionNote key={bookingId} clinic={clinic} bookingId={bookingId} />}</RoleGate>;
}

type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'invalid' | 'stale';

/** Unsaved edits survive a lost connection or a closed tab: kept in this browser until the server has them. */
const storageKey = (bookingId: string) => `yintang:note-draft:${bookingId}`;

function SessionNote({ clinic, bookingId }: { clinic: ClinicContext; bookingId: string }) {
  // The chart's code is fetched while the note loads, so it is drawn with the note.
  useEffect(preloadPointChart, []);
  const path = `/clinics/${clinic.slug}/bookings/${bookingId}/note`;
  const session = useApi<NoteSession>(path);
  if (session.error !== undefined) {
    return (
      <>
        <PageHeader title="Session note" />
        <Alert tone="error">{errorMessage(session.error)}</Alert>
        <p className="mt-4"><Link to="/app">Back to today</Link></p>
      </>
    );
  }
  if (!session.data) return <Loading label="Opening the note…" />;
  return <NoteScreen clinic={clinic} path={path} bookingId={bookingId} initial={session.data} />;
}

function NoteScreen({ clinic, path, bookingId, initial }: { clinic: ClinicContext; path: string; bookingId: string; initial: NoteSession }) {
  const [session, setSession] = useState(initial);
  const [note, setNote] = useState<Note | null>(initial.note);
  const b = session.booking;
  const tz = b.timeZone;
  const writable = session.canWrite && note?.status !== 'signed';

  return (
    <>
      <PageHeader
        eyebrow={<Link to="/app">Today</Link>}
        title={`${b.clientName} · ${b.serviceName ?? 'Session'}`}
        description={<p>{formatWhen(b.startsAt, tz)}{b.practitionerName ? ` · with ${b.practitionerName}` : ''}</p>}
        actions={note?.status === 'signed' ? <span className="badge"><Lock aria-hidden="true" className="mr-1 inline size-4" />Signed</span> : null}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="order-2 lg:order-1">
          {writable
            ? <DraftNote clinic={clinic} path={path} bookingId={bookingId} session={session} note={note} onNote={setNote} />
            : note
              ? <SignedNote clinic={clinic} path={path} session={session} note={note} onNote={setNote} />
              : <Alert tone="info">No note has been written for this appointment yet. Only its practitioner writes it.</Alert>}
        </div>
        <aside aria-label="About this client" className="order-1 flex flex-col gap-4 lg:order-2">
          <Findings clinic={clinic} session={session} onAcknowledged={(ruleId) => setSession((s) => ({
            ...s, findings: s.findings.map((f) => (f.ruleId === ruleId ? { ...f, acknowledged: true } : f)), reviewOutstanding: Math.max(0, s.reviewOutstanding - 1),
          }))} />
          <IntakeChanges session={session} />
          <OutcomeScores clinic={clinic} clientId={session.booking.clientId} />
          <AskNowPanel clinic={clinic} bookingId={bookingId} />
          <PreviousNotes session={session} />
        </aside>
      </div>
      <div className="mt-6"><ProgressPhotosPanel clinic={clinic} clientId={session.booking.clientId} bookingId={bookingId} /></div>
    </>
  );
}

/** The draft: autosaves as the practitioner types, keeps unsaved edits in this browser, retries, then signs. */
function DraftNote({ clinic, path, bookingId, session, note, onNote }: {
  clinic: ClinicContext; path: string; bookingId: string; session: NoteSession; note: Note | null; onNote: (n: Note) => void;
}) {
  const key = storageKey(bookingId);
  const [draft, setDraft] = useState<DraftState>(() => {
    try {
      const kept = JSON.parse(localStorage.getItem(key) ?? 'null') as { revision: number; draft: DraftState } | null;
      if (kept && kept.revision === (note?.revision ?? 0)) return kept.draft;
    } catch { /* a damaged copy is ignored */ }
    return draftFrom(note, session.template);
  });
  const [state, setState] = useState<SaveState>('idle');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [signError, setSignError] = useState<{ code: string; details: string[] }>();
  const [signing, setSigning] = useState(false);
  const revision = useRef(note?.revision ?? 0);
  const latest = useRef(draft);
  const saving = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const first = useRef(true);

  const save = useCallback(async (): Promise<void> => {
    if (saving.current) {
      await saving.current;
      return save();
    }
    const sent = latest.current;
    const work = (async () => {
      setState('saving');
      try {
        const saved = await api.put<Note>(path, { ...bodyFrom(sent), baseRevision: revision.current || undefined });
        revision.current = saved.revision;
        onNote(saved);
        setErrors({});
        if (latest.current === sent) {
          localStorage.removeItem(key);
          setState('saved');
        } else {
          localStorage.setItem(key, JSON.stringify({ revision: revision.current, draft: latest.current }));
        }
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) {
          setErrors(error.fieldErrors);
          setState('invalid');
        } else if (error instanceof ApiError && error.code === 'note-stale') {
          setState('stale');
        } else {
          // No connection or a server hiccup: the edits are kept here; try again shortly.
          setState('offline');
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void save(), RETRY_MS);
        }
      }
    })();
    saving.current = work;
    try {
      await work;
    } finally {
      saving.current = null;
    }
  }, [path, key, onNote]);

  useEffect(() => {
    latest.current = draft;
    if (first.current) {
      first.current = false;
      // Edits kept from a lost connection are sent at once.
      if (localStorage.getItem(key)) void save();
      return;
    }
    localStorage.setItem(key, JSON.stringify({ revision: revision.current, draft }));
    setState('pending');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  }, [draft, key, save]);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function sign() {
    setSignError(undefined);
    setSigning(true);
    clearTimeout(timer.current);
    try {
      await save();
      const signed = await api.post<Note>(`${path}/sign`, { baseRevision: revision.current });
      localStorage.removeItem(key);
      onNote(signed);
    } catch (error) {
      if (error instanceof ApiError) {
        const problems = (error.problem as { problems?: { code: string; detail: string }[] }).problems;
        setSignError({ code: error.code, details: problems?.map((p) => p.detail) ?? [errorMessage(error)] });
        if (error.code === 'needles-unreconciled') document.getElementById('discrepancy')?.scrollIntoView({ block: 'center' });
      } else {
        setSignError({ code: 'unknown', details: [errorMessage(error)] });
      }
    } finally {
      setSigning(false);
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <SaveIndicator state={state} />
      {Object.keys(errors).length > 0 && <Alert tone="caution">Some parts are not saved yet. Check the fields marked below.</Alert>}
      <NoteEditor clinic={clinic} session={session} draft={draft} onChange={setDraft} errors={errors} />
      <section aria-labelledby="sign-heading" className="panel flex flex-col gap-3">
        <h2 id="sign-heading" className="text-lg font-semibold">Sign the note</h2>
        <p className="muted">Once signed, the note is locked. Corrections are added as amendments, with the reason.</p>
        {signError && (
          <Alert tone="error" title={signError.code === 'needles-unreconciled' ? 'The needle counts differ'
            : signError.code === 'review-outstanding' ? 'A health flag needs your review' : 'Not signed yet'}>
            {signError.details.map((d) => <p key={d}>{d}</p>)}
          </Alert>
        )}
        <div><Button onClick={() => void sign()} pending={signing}>Sign the note</Button></div>
      </section>
    </div>
  );
}

/** A calm, small save status that sits in the flow (never over the content) and is read out politely. */
function SaveIndicator({ state }: { state: SaveState }) {
  const text: Record<SaveState, string> = {
    idle: 'Changes save as you type',
    pending: 'Saving…',
    saving: 'Saving…',
    saved: 'Saved',
    offline: 'Not saved yet: no connection. Your changes are kept on this device and we will keep trying.',
    invalid: 'Not saved yet: check the fields marked below',
    stale: 'This note was changed in another window. Reload the page to carry on there.',
  };
  const Icon = state === 'saved' ? Check : state === 'offline' ? CloudOff : state === 'invalid' || state === 'stale' ? CircleAlert : state === 'idle' ? Check : LoaderCircle;
  return (
    <p role="status" aria-live="polite" className={`flex items-center gap-2 text-sm ${state === 'offline' || state === 'invalid' || state === 'stale' ? 'text-amber-800' : 'muted'}`}>
      <Icon aria-hidden="true" className={`size-4 shrink-0 ${state === 'saving' || state === 'pending' ? 'animate-spin motion-reduce:animate-none' : ''}`} />
      <span>{text[state]}</span>
    </p>
  );
}

const changeLabel = (field: string, session: NoteSession) => {
  if (field.startsWith('fields.')) return session.template.fields.find((f) => `fields.${f.key}` === field)?.label ?? field.slice(7);
  return ({ points: 'Points', needleBrand: 'Needle brand', needleSize: 'Needle size', needleLot: 'Lot number', needlesIn: 'Count in', needlesOut: 'Count out', discrepancy: 'Discrepancy record' } as Record<string, string>)[field] ?? field;
};
const shown = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (Array.isArray(v)) return v.map((p: { pointCode: string; side: keyof typeof SIDE_LABELS; needles: number }) => `${p.pointCode} ${SIDE_LABELS[p.side]?.toLowerCase() ?? ''}`).join(', ');
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).join(' · ');
  return String(v);
};

/** A signed note, read-only, with its amendments and "Amend" (the reason is required). */
function SignedNote({ clinic, path, session, note, onNote }: { clinic: ClinicContext; path: string; session: NoteSession; note: Note; onNote: (n: Note) => void }) {
  const [amending, setAmending] = useState(false);
  const [draft, setDraft] = useState<DraftState>(() => ({ ...draftFrom(note, session.template), adverseEvents: [] }));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string>();
  const tz = session.booking.timeZone;

  async function submit() {
    setError(undefined);
    setErrors({});
    if (!reason.trim()) {
      setErrors({ reason: 'Say why the note is being corrected' });
      return;
    }
    setPending(true);
    try {
      const { protocolId: _protocolId, ...body } = bodyFrom(draft);
      void _protocolId;
      const fields = Object.fromEntries(session.template.fields.map((f) => [f.key, draft.fields[f.key]?.trim() ?? '']));
      const amended = await api.post<Note>(`${path}/amendments`, { ...body, fields, reason, adverseEvents: body.adverseEvents });
      onNote(amended);
      setAmending(false);
      setReason('');
      setDraft({ ...draftFrom(amended, session.template), adverseEvents: [] });
      setMessage('The amendment is saved. The original note is kept.');
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  if (amending) {
    return (
      <div className="flex flex-col gap-6">
        <Alert tone="info" title="Amending a signed note">The original stays as signed. Your changes, your name and the reason are added to its history.</Alert>
        {error && <Alert tone="error">{error}</Alert>}
        <NoteEditor clinic={clinic} session={session} draft={draft} onChange={setDraft} errors={errors} lockedEvents={note.adverseEvents} />
        <section aria-labelledby="amend-heading" className="panel flex flex-col gap-3">
          <h2 id="amend-heading" className="text-lg font-semibold">Why is the note being corrected?</h2>
          <TextAreaField label="Reason" rows={2} value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
          <div className="flex flex-wrap gap-3">
            <Button onClick={() => void submit()} pending={pending}>Save the amendment</Button>
            <Button variant="secondary" onClick={() => { setAmending(false); setError(undefined); setErrors({}); }}>Cancel</Button>
          </div>
        </section>
      </div>
    );
  }

  const filled = session.template.fields.filter((f) => note.fields[f.key]);
  return (
    <div className="flex flex-col gap-6">
      <div aria-live="polite" className="empty:hidden">{message && <Alert tone="success">{message}</Alert>}</div>
      <article aria-labelledby="signed-heading" className="panel flex flex-col gap-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="signed-heading" className="text-lg font-semibold">{session.template.title}</h2>
          <p className="muted text-sm">Signed {note.signedAt ? formatWhen(note.signedAt, tz) : ''}{note.signedByName ? ` by ${note.signedByName}` : ''}</p>
        </div>
        <dl className="grid gap-3">
          {filled.length === 0 && <p className="muted">No notes written.</p>}
          {filled.map((f) => {
            const value = note.fields[f.key]!;
            const label = f.options?.find((o) => o.value === value)?.label ?? value;
            return <div key={f.key}><dt className="label">{f.label}</dt><dd className="whitespace-pre-line">{label}</dd></div>;
          })}
        </dl>
        {session.template.needles && (
          <>
            <h3 className="font-semibold">Points</h3>
            {note.points.length === 0 ? <p className="muted">None.</p> : (
              <ol aria-label="Points needled" className="flex flex-wrap gap-1.5">
                {note.points.map((p) => (
                  <li key={`${p.pointCode}-${p.side}`} className="rounded-md border border-line bg-jade-50 px-2 py-0.5 text-sm" title={p.label ?? p.pointCode}>
                    <span className="font-semibold">{p.pointCode}</span> {SIDE_LABELS[p.side].toLowerCase()}{p.needles > 1 ? `, ${p.needles} needles` : ''}
                  </li>
                ))}
              </ol>
            )}
            {note.points.length > 0 && (
              <details className="rounded-lg border border-line">
                <summary className="cursor-pointer rounded-lg px-3 py-2.5 font-medium hover:bg-jade-50">Show on the chart</summary>
                <div className="px-2 pb-3 sm:px-3">
                  <LazyPointChart readOnly label="Points of this session"
                    selected={note.points.map((p) => ({ code: p.pointCode, side: p.side, needles: p.needles }))} />
                </div>
              </details>
            )}
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
              <div><dt className="label">Needles</dt><dd>{[note.needleBrand, note.needleSize].filter(Boolean).join(', ') || '—'}</dd></div>
              <div><dt className="label">Lot</dt><dd>{note.needleLot ?? '—'}</dd></div>
              <div><dt className="label">Count in / out</dt><dd>{note.needlesIn ?? '—'} / {note.needlesOut ?? '—'}</dd></div>
            </dl>
            {note.discrepancy && (
              <div className="rounded-md bg-amber-50 p-3">
                <p className="font-medium">Discrepancy record</p>
                <p>Searched: {note.discrepancy.searched}</p>
                <p>Found: {note.discrepancy.found} ({note.discrepancy.recovered} recovered)</p>
              </div>
            )}
          </>
        )}
        <h3 className="font-semibold">Adverse events</h3>
        {note.adverseEvents.length === 0 ? <p className="muted">None recorded.</p> : (
          <ul aria-label="Adverse events" className="flex flex-col gap-2">
            {note.adverseEvents.map((e) => (
              <li key={e.id} className="rounded-md bg-jade-50 px-3 py-2">
                <span className="font-medium">{EVENT_LABELS[e.kind]}</span> · {SEVERITY_LABELS[e.severity].toLowerCase()}
                {e.description && <span>: {e.description}</span>}
                {e.actionTaken && <span className="muted block text-sm">Action taken: {e.actionTaken}</span>}
                {e.amendmentId && <span className="muted"> (added by amendment)</span>}
              </li>
            ))}
          </ul>
        )}
        {session.canWrite && (
          <div className="border-t border-line pt-3">
            <Button variant="secondary" onClick={() => { setMessage(undefined); setAmending(true); }}>Amend</Button>
          </div>
        )}
      </article>
      {note.amendments.length > 0 && (
        <section aria-labelledby="amendments-heading" className="panel flex flex-col gap-3">
          <h2 id="amendments-heading" className="text-lg font-semibold">Amendments</h2>
          <ol className="flex flex-col gap-4">
            {note.amendments.map((a) => (
              <li key={a.id} className="border-l-2 border-jade-300 pl-3">
                <p className="font-medium">{formatWhen(a.createdAt, tz)}{a.authorName ? ` · ${a.authorName}` : ''}</p>
                <p>Reason: {a.reason}</p>
                <ul className="mt-1 flex flex-col gap-1 text-sm">
                  {a.changes.map((c) => (
                    <li key={c.field}><span className="font-medium">{changeLabel(c.field, session)}:</span> <del className="muted">{shown(c.before)}</del> → {shown(c.after)}</li>
                  ))}
                  {a.changes.length === 0 && <li className="muted">Adverse event added.</li>}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

/** The screening findings for this treatment; review flags can be acknowledged here. */
function Findings({ clinic, session, onAcknowledged }: { clinic: ClinicContext; session: NoteSession; onAcknowledged: (ruleId: string) => void }) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const b = session.booking;
  if (session.findings.length === 0) return null;
  async function acknowledge(ruleId: string) {
    setBusy(ruleId);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/clients/${b.clientId}/screening/decisions`, {
        ruleId, serviceKind: b.serviceKind, date: localDate(b.startsAt, b.timeZone), decision: 'acknowledged',
      });
      onAcknowledged(ruleId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  }
  return (
    <section aria-labelledby="findings-heading" className="panel flex flex-col gap-3">
      <h2 id="findings-heading" className="font-semibold">Health flags</h2>
      {error && <Alert tone="error">{error}</Alert>}
      <ul className="flex flex-col gap-3">
        {session.findings.map((f) => (
          <li key={f.ruleId} className="flex flex-col gap-1">
            <p className="font-medium">{f.title} <span className="badge">{f.level}</span></p>
            <p className="text-sm">{f.practitionerMessage}</p>
            {f.level === 'review' && (f.acknowledged
              ? <p className="muted flex items-center gap-1 text-sm"><Check aria-hidden="true" className="size-4" />Reviewed</p>
              : session.canWrite && <div><Button variant="secondary" pending={busy === f.ruleId} onClick={() => void acknowledge(f.ruleId)}>Mark as reviewed</Button></div>)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function IntakeChanges({ session }: { session: NoteSession }) {
  const { changes, submittedAt } = session.intakeChanges;
  if (!submittedAt) return null;
  return (
    <section aria-labelledby="changes-heading" className="panel flex flex-col gap-2">
      <h2 id="changes-heading" className="font-semibold">Health answers</h2>
      {changes.length === 0
        ? <p className="muted text-sm">No changes since their previous answers.</p>
        : (
          <ul className="flex flex-col gap-1 text-sm">
            {changes.map((c) => (
              <li key={c.questionId}><span className="font-medium">{c.label ?? c.questionId}</span>: {c.change === 'added' ? 'newly answered' : c.change === 'removed' ? 'no longer answered' : `${shown(c.before)} → ${shown(c.after)}`}</li>
            ))}
          </ul>
        )}
    </section>
  );
}

/** The client's latest questionnaire scores and change from the start, when they have answered any. */
function OutcomeScores({ clinic, clientId }: { clinic: ClinicContext; clientId: string }) {
  const progress = useApi<Progress>(`/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/outcomes`);
  if (!progress.data?.measures.length) return null;
  return (
    <section aria-labelledby="scores-heading" className="panel flex flex-col gap-2">
      <h2 id="scores-heading" className="font-semibold">Scores</h2>
      <OutcomeSummary progress={progress.data} />
    </section>
  );
}

function PreviousNotes({ session }: { session: NoteSession }) {
  const tz = session.booking.timeZone;
  if (session.previousNotes.length === 0) return <section className="panel"><h2 className="font-semibold">Last sessions</h2><p className="muted text-sm">This is the first note for this client.</p></section>;
  return (
    <section aria-labelledby="previous-heading" className="panel flex flex-col gap-2">
      <h2 id="previous-heading" className="font-semibold">Last sessions</h2>
      {session.previousNotes.map((p) => (
        <details key={p.id} className="rounded-md border border-line px-3 py-2">
          <summary className="cursor-pointer font-medium">{formatWhen(p.startsAt, tz)} · {p.serviceName ?? ''}{p.status === 'draft' ? ' (draft)' : ''}</summary>
          <div className="mt-2 flex flex-col gap-1 text-sm">
            {Object.entries(p.fields).filter(([, v]) => v.trim() !== '').map(([k, v]) => {
              // Choices and clinician-rated grades in words, not their stored codes.
              const { label, text } = describeNoteField(p.template, k, v);
              return <p key={k}><span className="font-medium">{label}:</span> {text}</p>;
            })}
            {p.points.length > 0 && <p><span className="font-medium">Points:</span> {p.points.map((pt) => `${pt.pointCode} ${SIDE_LABELS[pt.side].toLowerCase()}`).join(', ')}</p>}
            {p.needlesIn !== null && <p><span className="font-medium">Needles:</span> {p.needlesIn} in, {p.needlesOut ?? '—'} out</p>}
            {p.adverseEvents.length > 0 && <p><span className="font-medium">Adverse events:</span> {p.adverseEvents.map((e) => `${ADVERSE_EVENT_KIND_LABELS[e.kind]} (${ADVERSE_EVENT_SEVERITY_LABELS[e.severity].toLowerCase()})`).join(', ')}</p>}
            {p.amended && <p className="muted">Amended after signing.</p>}
          </div>
        </details>
      ))}
    </section>
  );
}
