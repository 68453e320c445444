import { sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import type { AmendedField, NeedleDiscrepancy, NotePoint } from '../../domain/notes/note-kinds.ts';
import type { Answers } from '../../domain/intake/index.ts';
import type { DecisionRow } from '../screening/screening.repository.ts';
import { runPrepared } from '../scheduling/prepared-query.ts';

/**
 * The reads of session notes. Opening a note is ONE statement (the benchmark's budget is
 * three queries with the actor and the audit row): the booking with its service, client and
 * practitioner, whether the viewer is on the client's care team, the note with its adverse
 * events and amendments, the client's last three other notes, the latest two submitted
 * health answers (for what changed) and the screening decisions on the latest.
 */

export interface StoredEvent {
  id: string;
  kind: string;
  severity: string;
  description: string;
  actionTaken: string;
  amendmentId: string | null;
}

export interface StoredAmendment {
  id: string;
  authorName: string | null;
  reason: string;
  changes: AmendedField[];
  createdAt: string;
}

export interface StoredNote {
  id: string;
  bookingId: string;
  template: string;
  status: 'draft' | 'signed';
  revision: number;
  fields: Record<string, string>;
  points: NotePoint[];
  protocolId: string | null;
  needleBrand: string | null;
  needleSize: string | null;
  needleLot: string | null;
  needlesIn: number | null;
  needlesOut: number | null;
  discrepancy: NeedleDiscrepancy | null;
  practitionerId: string;
  practitionerName: string | null;
  updatedAt: string;
  signedAt: string | null;
  signedByName: string | null;
  events: StoredEvent[];
  amendments: StoredAmendment[];
}

export interface PreviousNote {
  id: string;
  bookingId: string;
  startsAt: string;
  serviceName: string | null;
  template: string;
  status: 'draft' | 'signed';
  fields: Record<string, string>;
  points: NotePoint[];
  needlesIn: number | null;
  needlesOut: number | null;
  practitionerName: string | null;
  events: { kind: string; severity: string }[];
  amendments: { changes: AmendedField[] }[];
}

export interface NoteContext {
  bookingId: string;
  kind: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  clientId: string | null;
  clientName: string | null;
  practitionerId: string | null;
  practitionerName: string | null;
  serviceName: string | null;
  serviceKind: string | null;
  onCareTeam: boolean;
  note: StoredNote | null;
  previous: PreviousNote[];
  ruleVersion: number | null;
  responses: { id: string; answers: Answers; submittedAt: string }[];
  decisions: DecisionRow[];
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** The JSON of one note, its events and its amendments (with author names), for `n` a session_notes row. */
const noteJson = sql.raw(`json_build_object(
  'id', n.id, 'bookingId', n.booking_id, 'template', n.template, 'status', n.status, 'revision', n.revision,
  'fields', n.fields, 'points', n.points, 'protocolId', n.protocol_id, 'needleBrand', n.needle_brand, 'needleSize', n.needle_size,
  'needleLot', n.needle_lot, 'needlesIn', n.needles_in, 'needlesOut', n.needles_out, 'discrepancy', n.discrepancy,
  'practitionerId', n.practitioner_id, 'practitionerName', (select name from users where id = n.practitioner_id),
  'updatedAt', n.updated_at, 'signedAt', n.signed_at, 'signedByName', (select name from users where id = n.signed_by),
  'events', (select coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'severity', e.severity, 'description', e.description,
      'actionTaken', e.action_taken, 'amendmentId', e.amendment_id) order by e.created_at, e.id), '[]'::json)
    from adverse_events e where e.clinic_id = n.clinic_id and e.note_id = n.id),
  'amendments', (select coalesce(json_agg(json_build_object('id', a.id, 'authorName', u.name, 'reason', a.reason, 'changes', a.changes,
      'createdAt', a.created_at) order by a.created_at, a.id), '[]'::json)
    from note_amendments a left join users u on u.id = a.author_id where a.clinic_id = n.clinic_id and a.note_id = n.id)
)`);

interface ContextRow {
  booking_id: string;
  kind: string;
  status: string;
  starts_at: Date | string;
  ends_at: Date | string;
  client_id: string | null;
  client_name: string | null;
  practitioner_id: string | null;
  practitioner_name: string | null;
  service_name: string | null;
  service_kind: string | null;
  on_care_team: boolean;
  note: unknown;
  previous: unknown;
  rule_version: number | string | null;
  responses: unknown;
  decisions: unknown;
}

/** Everything opening a session note reads, in one statement; null when the booking is not the clinic's. */
export async function loadNoteContext(q: Queryable, clinicId: string, bookingId: string, viewerId: string): Promise<NoteContext | null> {
  const rows = await runPrepared<ContextRow>(q, sql`
    select b.id as booking_id, b.kind, b.status, b.starts_at, b.ends_at, b.client_id, c.name as client_name,
      b.practitioner_id, p.name as practitioner_name, s.name as service_name, s.kind as service_kind,
      exists (select 1 from care_team ct where ct.clinic_id = b.clinic_id and ct.client_id = b.client_id and ct.practitioner_id = ${viewerId}) as on_care_team,
      (select ${noteJson} from session_notes n where n.clinic_id = b.clinic_id and n.booking_id = b.id) as note,
      (select coalesce(json_agg(x.j order by x.starts_at desc), '[]'::json) from (
         select pb.starts_at, json_build_object('id', n.id, 'bookingId', n.booking_id, 'startsAt', pb.starts_at,
           'serviceName', (select name from services where clinic_id = n.clinic_id and id = pb.service_id),
           'template', n.template, 'status', n.status, 'fields', n.fields, 'points', n.points, 'needlesIn', n.needles_in, 'needlesOut', n.needles_out,
           'practitionerName', (select name from users where id = n.practitioner_id),
           'events', (select coalesce(json_agg(json_build_object('kind', e.kind, 'severity', e.severity)), '[]'::json) from adverse_events e where e.clinic_id = n.clinic_id and e.note_id = n.id),
           'amendments', (select coalesce(json_agg(json_build_object('changes', a.changes) order by a.created_at, a.id), '[]'::json) from note_amendments a where a.clinic_id = n.clinic_id and a.note_id = n.id)
         ) as j
         from session_notes n join bookings pb on pb.clinic_id = n.clinic_id and pb.id = n.booking_id
         where n.clinic_id = b.clinic_id and n.client_id = b.client_id and n.booking_id <> b.id
         order by pb.starts_at desc limit 3) x) as previous,
      (select max(version) from screening_rule_sets where clinic_id = b.clinic_id) as rule_version,
      (select coalesce(json_agg(json_build_object('id', r.id, 'answers', r.answers, 'submittedAt', r.submitted_at) order by r.submitted_at desc, r.version desc), '[]'::json) from (
         select id, answers, submitted_at, version from form_responses
         where clinic_id = b.clinic_id and client_id = b.client_id and status = 'submitted'
         order by submitted_at desc, version desc limit 2) r) as responses,
      (select coalesce(json_agg(json_build_object('ruleId', d.rule_id, 'serviceKind', d.service_kind, 'decision', d.decision)), '[]'::json)
         from screening_decisions d where d.clinic_id = b.clinic_id and d.response_id = (
           select id from form_responses where clinic_id = b.clinic_id and client_id = b.client_id and status = 'submitted'
           order by submitted_at desc, version desc limit 1)) as decisions
    from bookings b
    left join clients c on c.clinic_id = b.clinic_id and c.id = b.client_id
    left join users p on p.id = b.practitioner_id
    left join services s on s.clinic_id = b.clinic_id and s.id = b.service_id
    where b.clinic_id = ${clinicId} and b.id = ${bookingId}`);
  const r = rows[0];
  if (!r) return null;
  return {
    bookingId: r.booking_id, kind: r.kind, status: r.status, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at),
    clientId: r.client_id, clientName: r.client_name, practitionerId: r.practitioner_id, practitionerName: r.practitioner_name,
    serviceName: r.service_name, serviceKind: r.service_kind, onCareTeam: !!r.on_care_team,
    note: r.note ? json<StoredNote>(r.note) : null,
    previous: json<PreviousNote[]>(r.previous ?? []),
    ruleVersion: r.rule_version === null ? null : Number(r.rule_version),
    responses: json<{ id: string; answers: Answers; submittedAt: string }[]>(r.responses ?? []),
    decisions: json<DecisionRow[]>(r.decisions ?? []),
  };
}

/** One note with its events and amendments (after a write), or null. */
export async function loadNote(q: Queryable, clinicId: string, bookingId: string): Promise<StoredNote | null> {
  const result = await q.execute(sql`select ${noteJson} as note from session_notes n where n.clinic_id = ${clinicId} and n.booking_id = ${bookingId}`);
  const row = (result as unknown as { rows: { note: unknown }[] }).rows[0];
  return row ? json<StoredNote>(row.note) : null;
}
