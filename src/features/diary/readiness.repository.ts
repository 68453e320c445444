import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { clients } from '../../data/schema/index.ts';

/**
 * "Before the visit" facts of many clients at once, in ONE set-based query (no query per
 * booking): whether each has submitted the health questions (or started them) and, per
 * treatment kind, the latest consent version they signed (not withdrawn) and whether a
 * later version of that form was marked as a material change (they sign again).
 * Statuses only: no answers and no signatures are read.
 */

export interface ConsentFact {
  kind: string;
  /** The latest version signed and not withdrawn. */
  version: number;
  /** A later version of the form is a material change: sign again. */
  signAgain: boolean;
}

export interface ClientReadinessFacts {
  questions: 'complete' | 'started' | 'missing';
  consents: ConsentFact[];
}

interface Row {
  id: string;
  submitted: boolean;
  started: boolean;
  consents: ConsentFact[] | string | null;
}

export async function readinessFactsOf(q: Queryable, clinicId: string, clientIds: readonly string[]): Promise<Map<string, ClientReadinessFacts>> {
  const out = new Map<string, ClientReadinessFacts>();
  if (clientIds.length === 0) return out;
  const rows: Row[] = await q.select({
    id: clients.id,
    submitted: sql<boolean>`exists (select 1 from form_responses r
      where r.clinic_id = clients.clinic_id and r.client_id = clients.id and r.status = 'submitted')`,
    started: sql<boolean>`exists (select 1 from form_responses r
      where r.clinic_id = clients.clinic_id and r.client_id = clients.id and r.status = 'draft'
        and (r.answers <> '{}'::jsonb or r.paper_received_at is not null))`,
    consents: sql<ConsentFact[] | string | null>`(select coalesce(json_agg(json_build_object(
        'kind', k.service_kind, 'version', k.signed,
        'signAgain', exists (select 1 from consent_templates t
          where t.clinic_id = clients.clinic_id and t.service_kind = k.service_kind and t.material and t.version > k.signed))), '[]'::json)
      from (select c.service_kind, max(c.template_version) as signed from consents c
        where c.clinic_id = clients.clinic_id and c.client_id = clients.id and c.withdrawn_at is null
        group by c.service_kind) k)`,
  }).from(clients).where(and(eq(clients.clinicId, clinicId), inArray(clients.id, [...clientIds])));
  for (const r of rows) {
    const consents = typeof r.consents === 'string' ? (JSON.parse(r.consents) as ConsentFact[]) : (r.consents ?? []);
    out.set(r.id, {
      questions: r.submitted ? 'complete' : r.started ? 'started' : 'missing',
      consents: consents.map((c) => ({ kind: c.kind, version: Number(c.version), signAgain: Boolean(c.signAgain) })),
    });
  }
  return out;
}
