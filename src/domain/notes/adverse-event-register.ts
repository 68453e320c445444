import { ADVERSE_EVENT_KINDS, ADVERSE_EVENT_SEVERITIES, type AdverseEventKind, type AdverseEventSeverity } from './note-kinds.ts';

/**
 * The adverse event register's figures: how many events of each type and severity, and the
 * rate per 100 sessions, where the sessions are the signed notes of the same period (and
 * practitioner, when the register is filtered by one). Pure: the caller counts.
 */

/** Words for the register's codes, shared by the API, the CSV, the PDF and the screen. */
export const ADVERSE_EVENT_KIND_LABELS: Record<AdverseEventKind, string> = {
  bruising: 'Bruising', bleeding: 'Bleeding', pain: 'Pain', fainting: 'Fainting', 'needle-left-in': 'Needle left in', other: 'Other',
};
export const ADVERSE_EVENT_SEVERITY_LABELS: Record<AdverseEventSeverity, string> = { mild: 'Mild', moderate: 'Moderate', serious: 'Serious' };

export interface RegisterTotals {
  events: number;
  /** Signed notes in the period: the denominator. */
  sessions: number;
  byKind: Record<AdverseEventKind, number>;
  bySeverity: Record<AdverseEventSeverity, number>;
  /** Events per 100 sessions, to one decimal place; null when there were no sessions. */
  ratePer100: number | null;
  /** Serious events, which call for the reporting steps. */
  serious: number;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Events per 100 sessions, rounded half up to one decimal; null with no sessions to divide by. */
export function ratePer100(events: number, sessions: number): number | null {
  if (!Number.isInteger(events) || !Number.isInteger(sessions) || events < 0 || sessions < 0) throw new RangeError('Counts must be whole and not negative');
  if (sessions === 0) return null;
  // Integer arithmetic first (events × 1000 / sessions), so 1/3 → 33.3 and 1/8 → 12.5 exactly.
  return Math.round((events * 1000) / sessions) / 10;
}

export function registerTotals(events: readonly { kind: AdverseEventKind; severity: AdverseEventSeverity }[], sessions: number): RegisterTotals {
  const byKind = zeros(ADVERSE_EVENT_KINDS);
  const bySeverity = zeros(ADVERSE_EVENT_SEVERITIES);
  for (const e of events) {
    byKind[e.kind] += 1;
    bySeverity[e.severity] += 1;
  }
  return { events: events.length, sessions, byKind, bySeverity, ratePer100: ratePer100(events.length, sessions), serious: bySeverity.serious };
}

/**
 * What to do after a serious adverse event. From ../shared/reference/practice.md §4: needles
 * are medical devices, device incidents in England and Wales go to the MHRA Yellow Card
 * scheme, and the device is kept because the manufacturer may need it; the lot number makes
 * the report possible. Caring for the client first and telling the insurer are common
 * practice (the codes require indemnity insurance), not a quoted rule.
 */
export const SERIOUS_EVENT_STEPS: readonly { title: string; detail: string; link: string | null }[] = [
  { title: 'Look after the client first', detail: 'Make sure they have the care they need: first aid, their GP, NHS 111, or 999 in an emergency.', link: null },
  { title: 'Report it to the MHRA Yellow Card scheme', detail: 'Acupuncture needles are medical devices. Report an incident involving a needle or other device, with the needle brand, size and lot number from the session note.', link: 'https://yellowcard.mhra.gov.uk/medicaldevices' },
  { title: 'Keep the needle and its packaging', detail: 'Set them aside safely (in a sharps container kept apart): the manufacturer may need them to investigate.', link: null },
  { title: 'Tell your insurer and your professional body', detail: 'Your indemnity insurer and professional association (for example the British Acupuncture Council) expect to hear of serious incidents.', link: null },
  { title: 'Keep the record complete', detail: 'If anything was learned after the note was signed, add it as an amendment so the original stays.', link: null },
];
