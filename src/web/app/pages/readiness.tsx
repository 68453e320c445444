import { useState } from 'react';
import type { z } from 'zod';
import type { clientScreeningResponse } from '../../../features/screening/screening.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatLongDay, formatPlainDay } from '../../lib/clinic-time.ts';
import type { ClinicContext } from '../session.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { Dialog } from './booking/dialog.tsx';
import type { DiaryEntry } from './booking/diary-actions.tsx';

/**
 * "Before the visit" on the diary and the day list: whether the client has answered the
 * health questions and signed the treatment's consent form, and their screening findings
 * by level. Each is a small badge with words (never colour alone). Reception sees these
 * too: statuses and levels, never what the answers or findings say.
 */

export type Readiness = NonNullable<DiaryEntry['readiness']>;
type Screening = z.infer<typeof clientScreeningResponse>;
type Finding = Screening['findings'][number];

interface Item {
  key: string;
  text: string;
  badge: string;
  /** Nothing to do (questions done, consent signed): left out where space is tight. */
  ok?: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The badges of one appointment, most pressing first. */
export function readinessItems(r: Readiness): Item[] {
  const items: Item[] = [];
  const { refer, wait, review, note } = r.findings;
  if (refer > 0) items.push({ key: 'refer', text: refer === 1 ? 'Refer flag' : `${refer} refer flags`, badge: 'badge badge-danger' });
  if (wait > 0) items.push({ key: 'wait', text: wait === 1 ? 'Wait flag' : `${wait} wait flags`, badge: 'badge badge-caution' });
  if (r.reviewOutstanding > 0) items.push({ key: 'review', text: `${plural(r.reviewOutstanding, 'flag')} to review`, badge: 'badge badge-caution' });
  else if (review > 0) items.push({ key: 'review', text: 'Flags reviewed', badge: 'badge' });
  if (r.questions !== 'complete') items.push({ key: 'questions', text: r.questions === 'started' ? 'Questions started' : 'Questions missing', badge: 'badge badge-caution' });
  else items.push({ key: 'questions', text: 'Questions done', badge: 'badge', ok: true });
  if (r.consent === 'missing') items.push({ key: 'consent', text: 'Consent missing', badge: 'badge badge-caution' });
  else if (r.consent === 'sign_again') items.push({ key: 'consent', text: 'Consent to re-sign', badge: 'badge badge-caution' });
  else if (r.consent === 'signed') items.push({ key: 'consent', text: 'Consent signed', badge: 'badge', ok: true });
  if (note > 0) items.push({ key: 'note', text: plural(note, 'note'), badge: 'badge badge-neutral' });
  return items;
}

/** The same, as words for a screen reader's label of a diary entry. */
export const readinessWords = (r: Readiness | null) => (r ? readinessItems(r).map((i) => i.text.toLowerCase()).join(', ') : '');

/** Whether the practitioner has something to open: findings of any level. */
export const hasFindings = (r: Readiness | null) => Boolean(r && r.findings.refer + r.findings.wait + r.findings.review + r.findings.note > 0);

/** Practitioners and the owner read and acknowledge findings; reception sees the badges only. */
export const canReviewFlags = (clinic: ClinicContext) => clinic.role === 'practitioner' || clinic.role === 'owner';

/**
 * The badges in a row. `small` for the diary's tight entries: only what needs doing (or
 * "Ready" when nothing does); the entry's label and its dialog say everything.
 */
export function ReadinessBadges({ readiness, small = false, className = '' }: { readiness: Readiness | null; small?: boolean; className?: string }) {
  if (!readiness) return null;
  const all = readinessItems(readiness);
  const shown = !small ? all : all.some((i) => !i.ok) ? all.filter((i) => !i.ok) : [{ key: 'ready', text: 'Ready', badge: 'badge' }];
  if (small) {
    // Inside the diary's entry buttons: phrasing content only, and the button's label already says it all.
    return (
      <span className={`flex flex-wrap gap-1 ${className}`} aria-hidden="true">
        {shown.map((i) => <span key={i.key} className={`${i.badge} px-1.5 py-0 text-xs leading-5`}>{i.text}</span>)}
      </span>
    );
  }
  return (
    <ul className={`flex flex-wrap gap-1 ${className}`} aria-label="Before the visit">
      {shown.map((i) => <li key={i.key} className={`${i.badge} text-sm`}>{i.text}</li>)}
    </ul>
  );
}

const LEVEL: Record<Finding['level'], { label: string; badge: string }> = {
  refer: { label: 'Refer', badge: 'badge badge-danger' },
  wait: { label: 'Wait', badge: 'badge badge-caution' },
  review: { label: 'Review', badge: 'badge badge-caution' },
  note: { label: 'Note', badge: 'badge badge-neutral' },
};

/**
 * "Review health flags": the client's findings for this appointment (the rule's wording
 * for the practitioner and its source), and a button to acknowledge each review flag.
 * Only the client's practitioners and the owner see the detail; the read is audited.
 */
export function HealthFlagsDialog({ clinic, entry, onClose, onReviewed }: {
  clinic: ClinicContext;
  entry: DiaryEntry | undefined;
  onClose: () => void;
  /** After an acknowledgement: refresh the badges. */
  onReviewed: () => void;
}) {
  const r = entry?.readiness;
  const path = entry?.client && r ? `/clinics/${clinic.slug}/clients/${entry.client.id}/screening?serviceKind=${r.serviceKind}&date=${r.date}` : null;
  const screening = useApi<Screening>(path);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  if (!entry || !r || !entry.client) return <Dialog open={false} onClose={onClose} title="">{null}</Dialog>;

  async function acknowledge(f: Finding) {
    setBusy(f.ruleId);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/clients/${entry!.client!.id}/screening/decisions`, { ruleId: f.ruleId, serviceKind: r!.serviceKind, date: r!.date, decision: 'acknowledged' });
      screening.reload();
      onReviewed();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  }

  const findings = screening.data?.findings ?? [];
  const open = findings.filter((f) => f.level === 'review' && f.decision === null);
  const done = (f: Finding) => f.decision === 'acknowledged' || f.decision === 'cleared';
  return (
    <Dialog open onClose={onClose} wide title={`Health flags: ${entry.client.name}`}
      description={<>For {entry.service?.name.toLowerCase() ?? 'this appointment'} on {formatLongDay(r.date)}. From the client’s latest health answers.</>}>
      {error && <Alert tone="error">{error}</Alert>}
      {screening.error !== undefined && <Alert tone="error">{errorMessage(screening.error)}</Alert>}
      {!screening.data && screening.error === undefined && <Loading label="Loading the health flags…" />}
      {screening.data && !screening.data.detail && (
        <Alert tone="info">Only the client’s practitioner and the owner can read what the flags say.</Alert>
      )}
      {screening.data?.detail && findings.length === 0 && <p>No flags for this appointment.</p>}
      {screening.data?.detail && findings.length > 0 && (
        <>
          <p role="status" className={open.length > 0 ? 'font-medium' : 'font-medium text-jade-700'}>
            {open.length > 0 ? `${plural(open.length, 'flag')} to review before the visit.` : 'Every flag that needs a review has been reviewed.'}
          </p>
          <ul className="flex flex-col gap-3">
            {findings.map((f) => (
              <li key={f.ruleId} className="rounded-lg border border-line p-4" aria-label={f.title}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h3 className="text-base font-semibold leading-snug">{f.title}</h3>
                  <span className="flex flex-wrap gap-1">
                    <span className={`${LEVEL[f.level].badge} text-sm`}>{LEVEL[f.level].label}</span>
                    {done(f) && <span className="badge text-sm">{f.decision === 'cleared' ? 'Cleared' : 'Reviewed'}</span>}
                  </span>
                </div>
                <p className="mt-2">{f.practitionerMessage}</p>
                {f.earliestDate && <p className="muted mt-1">Earliest date: {formatPlainDay(f.earliestDate)}.</p>}
                <p className="muted mt-2 text-sm"><span className="font-medium">Source:</span> {f.source}</p>
                {f.level === 'review' && f.decision === null && (
                  <Button className="mt-3" variant="primary" pending={busy === f.ruleId} aria-label={`Acknowledge: ${f.title}`} onClick={() => void acknowledge(f)}>
                    Acknowledge
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="flex justify-end">
        <Button variant="secondary" onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}
