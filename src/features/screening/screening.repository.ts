import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { formResponses, screeningRuleSets, users } from '../../data/schema/index.ts';
import { DEFAULT_RULES, ruleSetSchema, type ScreeningRule } from '../../domain/screening/index.ts';
import type { Answers } from '../../domain/intake/index.ts';
import { runPrepared } from '../scheduling/prepared-query.ts';

/**
 * Reads and writes of screening rule sets, decisions and the answers screening reads.
 * A clinic that never changed its rules screens with the defaults (version 1, not stored);
 * its first change stores the defaults as version 1 and the change as version 2.
 */

export interface CurrentRules {
  version: number;
  rules: readonly ScreeningRule[];
}

const DEFAULT_SET: CurrentRules = { version: 1, rules: DEFAULT_RULES.rules };

/** Parsed rule sets by clinic and version: a stored version never changes, so it is parsed once. */
const parsed = new Map<string, readonly ScreeningRule[]>();
const MAX_CACHED = 500;

export function parseStoredRules(clinicId: string, version: number, rules: unknown[]): readonly ScreeningRule[] {
  const key = `${clinicId}:${version}`;
  let hit = parsed.get(key);
  if (!hit) {
    hit = ruleSetSchema.parse({ version, rules }).rules;
    if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, hit);
  }
  return hit;
}

/** The clinic's current rules (the defaults until it changes them). */
export async function currentRules(q: Queryable, clinicId: string): Promise<CurrentRules> {
  const [row] = await q.select({ version: screeningRuleSets.version, rules: screeningRuleSets.rules }).from(screeningRuleSets)
    .where(eq(screeningRuleSets.clinicId, clinicId)).orderBy(desc(screeningRuleSets.version)).limit(1);
  if (!row) return DEFAULT_SET;
  return { version: row.version, rules: parseStoredRules(clinicId, row.version, row.rules) };
}

/** A stored version's rules, or the defaults for version 1 when nothing is stored. */
export async function rulesAtVersion(q: Queryable, clinicId: string, version: number): Promise<readonly ScreeningRule[] | null> {
  const [row] = await q.select({ rules: screeningRuleSets.rules }).from(screeningRuleSets)
    .where(and(eq(screeningRuleSets.clinicId, clinicId), eq(screeningRuleSets.version, version))).limit(1);
  if (row) return parseStoredRules(clinicId, version, row.rules);
  return version === 1 ? DEFAULT_RULES.rules : null;
}

/** Every version of the clinic's rules, newest first, with who saved it (null: Yintang's defaults), without the rules themselves. */
export async function ruleVersions(q: Queryable, clinicId: string) {
  return q.select({
    version: screeningRuleSets.version, note: screeningRuleSets.note, createdBy: screeningRuleSets.createdBy, createdByName: users.name, createdAt: screeningRuleSets.createdAt,
  })
    .from(screeningRuleSets).leftJoin(users, eq(users.id, screeningRuleSets.createdBy))
    .where(eq(screeningRuleSets.clinicId, clinicId)).orderBy(desc(screeningRuleSets.version));
}

export interface DecisionRow {
  ruleId: string;
  serviceKind: string;
  decision: string;
}

/** What screening needs about one client, in ONE query: the rule-set version, the latest submitted answers and the decisions on them. */
export interface ScreeningInputs {
  ruleVersion: number | null;
  responseId: string | null;
  answers: Answers | null;
  decisions: DecisionRow[];
}

interface InputsRow {
  rule_version: number | null;
  response_id: string | null;
  answers: Answers | null;
  decisions: DecisionRow[] | string | null;
}

/**
 * The booking path's one extra query: the current rule-set version (its rules are parsed
 * from the cache; `rulesAtVersion` only on a miss), the client's latest submitted answers
 * and the decisions recorded on them.
 */
export async function loadScreeningInputs(q: Queryable, clinicId: string, clientId: string): Promise<ScreeningInputs> {
  const rows = await runPrepared<InputsRow>(q, sql`
    select
      (select max(version) from screening_rule_sets where clinic_id = ${clinicId}) as rule_version,
      r.id as response_id, r.answers,
      (select coalesce(json_agg(json_build_object('ruleId', d.rule_id, 'serviceKind', d.service_kind, 'decision', d.decision) order by d.decided_at), '[]'::json)
         from screening_decisions d where d.clinic_id = ${clinicId} and d.response_id = r.id) as decisions
    from (select 1) one
    left join lateral (
      select id, answers from form_responses
      where clinic_id = ${clinicId} and client_id = ${clientId} and status = 'submitted'
      order by submitted_at desc, version desc limit 1
    ) r on true`);
  const row = rows[0]!;
  const decisions = typeof row.decisions === 'string' ? (JSON.parse(row.decisions) as DecisionRow[]) : (row.decisions ?? []);
  return { ruleVersion: row.rule_version === null ? null : Number(row.rule_version), responseId: row.response_id, answers: row.answers, decisions: row.response_id ? decisions : [] };
}

/** Rules for a version read by `loadScreeningInputs` (null: the defaults). */
export async function rulesFor(q: Queryable, clinicId: string, version: number | null): Promise<readonly ScreeningRule[]> {
  if (version === null) return DEFAULT_RULES.rules;
  const hit = parsed.get(`${clinicId}:${version}`);
  if (hit) return hit;
  return (await rulesAtVersion(q, clinicId, version)) ?? DEFAULT_RULES.rules;
}

/** The latest submitted answers of many clients and the decisions on them, in ONE query (the diary's flags). */
export async function latestAnswersOf(q: Queryable, clinicId: string, clientIds: readonly string[]) {
  if (clientIds.length === 0) return new Map<string, { responseId: string; answers: Answers; decisions: DecisionRow[] }>();
  const rows = await q.selectDistinctOn([formResponses.clientId], {
    clientId: formResponses.clientId, responseId: formResponses.id, answers: formResponses.answers,
    decisions: sql<DecisionRow[] | string>`(select coalesce(json_agg(json_build_object('ruleId', d.rule_id, 'serviceKind', d.service_kind, 'decision', d.decision)), '[]'::json)
      from screening_decisions d where d.clinic_id = form_responses.clinic_id and d.response_id = form_responses.id)`,
  }).from(formResponses)
    .where(and(eq(formResponses.clinicId, clinicId), inArray(formResponses.clientId, [...clientIds]), eq(formResponses.status, 'submitted')))
    .orderBy(formResponses.clientId, desc(formResponses.submittedAt), desc(formResponses.version));
  return new Map(rows.map((r) => [r.clientId, {
    responseId: r.responseId, answers: r.answers as Answers,
    decisions: typeof r.decisions === 'string' ? (JSON.parse(r.decisions) as DecisionRow[]) : r.decisions,
  }]));
}
