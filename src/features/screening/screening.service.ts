import { and, asc, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import type { ServiceContext } from '../scheduling/availability.service.ts';
import { todayIn } from '../scheduling/clinic-time.ts';
import type { SCREENING_DECISIONS} from '../../data/schema/index.ts';
import { careTeam, clients, screeningDecisions, screeningRuleSets } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound, type FieldError } from '../../server/errors.ts';
import { refused, type Actor, type Requester } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { canSeeClinicalRecord } from '../../domain/access/access-rules.ts';
import { DEFAULT_INTAKE_FORM, formatCalendarDate, type TreatmentCategory } from '../../domain/intake/index.ts';
import {
  DEFAULT_RULES, ruleIssuesAgainstForm, ruleSetSchema, screen, SCREENING_LEVELS, type Finding, type ScreeningLevel, type ScreeningResult,
} from '../../domain/screening/index.ts';
import { sqlState, UNIQUE_VIOLATION } from '../booking/db-errors.ts';
import {
  currentRules, latestAnswersOf, loadScreeningInputs, ruleVersions, rulesAtVersion, rulesFor, type DecisionRow,
} from './screening.repository.ts';
import type { DecisionBody, PutRulesBody } from './screening.schema.ts';

/**
 * Contraindication screening for a clinic: its versioned rule set, screening a client's
 * latest answers for a service and date, practitioners' decisions on findings, and the
 * checks the booking paths make. Findings and decisions are health data: only the client's
 * practitioners and the owner see them (audited); reception sees levels only.
 */

type Decision = (typeof SCREENING_DECISIONS)[number];

const ownerOnly = (actor: Actor) => {
  if (actor.role !== 'owner') throw refused(actor, 'Only the owner can see and change the screening rules.');
};

// ── Rule sets ─────────────────────────────────────────────────────────────────────────

export async function getRules(ctx: AppContext, actor: Actor) {
  ownerOnly(actor);
  const q = ctx.database.db;
  const [current, versions] = await Promise.all([currentRules(q, actor.clinicId), ruleVersions(q, actor.clinicId)]);
  return {
    version: current.version,
    rules: [...current.rules],
    versions: versions.length > 0
      ? versions.map((v) => ({ version: v.version, note: v.note, createdAt: v.createdAt.toISOString(), createdByName: v.createdBy ? v.createdByName : null }))
      : [{ version: 1, note: 'Yintang’s default rules', createdAt: null, createdByName: null }],
  };
}

export async function getRulesVersion(ctx: AppContext, actor: Actor, version: number) {
  ownerOnly(actor);
  const rules = await rulesAtVersion(ctx.database.db, actor.clinicId, version);
  if (!rules) throw notFound('That version of the rules');
  return { version, rules: [...rules] };
}

/**
 * Saves the clinic's rules as a new version. Each rule already in the set keeps its source
 * (wording, thresholds, levels and whether it is on may change); the rules must read only
 * questions the intake form asks. Audited `screening.rules_changed` with the rule ids changed.
 */
export async function putRules(ctx: AppContext, actor: Actor, body: PutRulesBody) {
  ownerOnly(actor);
  const q = ctx.database.db;
  const current = await currentRules(q, actor.clinicId);
  if (body.baseVersion !== undefined && body.baseVersion !== current.version) {
    throw new AppError(409, 'stale', 'Changed by someone else', `The rules were saved as version ${current.version} since you opened them. Reload to see the latest.`);
  }
  const parsed = ruleSetSchema.safeParse({ version: current.version + 1, rules: body.rules });
  if (!parsed.success) {
    throw badRequest('Some rules are not valid.', parsed.error.issues.map((i) => ({ field: ['body', ...i.path].join('.'), message: i.message })));
  }
  const rules = parsed.data.rules;
  const errors: FieldError[] = [];
  const before = new Map(current.rules.map((r) => [r.id, r]));
  const defaults = new Map(DEFAULT_RULES.rules.map((r) => [r.id, r]));
  rules.forEach((r, i) => {
    const kept = before.get(r.id) ?? defaults.get(r.id);
    if (kept && kept.source !== r.source) errors.push({ field: `body.rules.${i}.source`, message: 'A rule keeps its source; add a new rule to cite another' });
  });
  for (const issue of ruleIssuesAgainstForm(rules, DEFAULT_INTAKE_FORM)) errors.push({ field: ['body', ...issue.path].join('.'), message: issue.message });
  if (errors.length > 0) throw badRequest('Some rules are not valid.', errors);

  const changed = rules.filter((r) => JSON.stringify(before.get(r.id)) !== JSON.stringify(r)).map((r) => r.id);
  const removed = current.rules.filter((r) => !rules.some((n) => n.id === r.id)).map((r) => r.id);
  try {
    await ctx.database.transaction(async (tx) => {
      const stored = await tx.select({ version: screeningRuleSets.version }).from(screeningRuleSets).where(eq(screeningRuleSets.clinicId, actor.clinicId)).limit(1);
      if (stored.length === 0) {
        await tx.insert(screeningRuleSets).values({ clinicId: actor.clinicId, version: 1, rules: DEFAULT_RULES.rules as unknown[], note: 'Yintang’s default rules' });
      }
      await tx.insert(screeningRuleSets).values({ clinicId: actor.clinicId, version: current.version + 1, rules: rules as unknown[], note: body.note ?? null, createdBy: actor.userId });
      await recordAudit(tx, actor, {
        action: 'screening.rules_changed', entityType: 'screening_rules', entityId: null,
        details: { version: current.version + 1, changed: changed.slice(0, 50), removed: removed.slice(0, 50) },
      });
    });
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw new AppError(409, 'stale', 'Changed by someone else', 'Someone saved the rules at the same moment. Reload to see the latest.');
    throw error;
  }
  return getRules(ctx, actor);
}

// ── Screening a client ────────────────────────────────────────────────────────────────

export interface ClientScreening extends ScreeningResult {
  responseId: string | null;
  decisions: DecisionRow[];
}

/**
 * Screens a client's latest submitted answers with the clinic's current rules for a
 * service kind and an appointment date (or instant). One query; the engine is pure. A
 * client without answers has no findings. Callers decide who may see the result.
 */
export async function screenClient(q: Queryable, clinic: { id: string; timeZone: string }, clientId: string, serviceKind: TreatmentCategory, appointment: string | number): Promise<ClientScreening> {
  const inputs = await loadScreeningInputs(q, clinic.id, clientId);
  if (!inputs.answers) return { findings: [], summary: emptySummary(appointment, clinic.timeZone), responseId: null, decisions: [] };
  const rules = await rulesFor(q, clinic.id, inputs.ruleVersion);
  const result = screen({ rules, answers: inputs.answers, form: DEFAULT_INTAKE_FORM, treatmentCategory: serviceKind, appointmentDate: appointment, timeZone: clinic.timeZone });
  return { ...result, responseId: inputs.responseId, decisions: inputs.decisions.filter((d) => d.serviceKind === serviceKind) };
}

function emptySummary(appointment: string | number, timeZone: string) {
  return screen({ rules: [], answers: {}, form: DEFAULT_INTAKE_FORM, treatmentCategory: 'consultation', appointmentDate: appointment, timeZone }).summary;
}

const blocking = (f: Finding) => f.level === 'refer' || f.level === 'wait';

/** Refer and wait findings without a practitioner's clearance for this service kind. */
function unclearedBlocking(s: ClientScreening) {
  const cleared = new Set(s.decisions.filter((d) => d.decision === 'cleared').map((d) => d.ruleId));
  return s.findings.filter((f) => blocking(f) && !cleared.has(f.ruleId));
}

/** The problem for an online booking the screening refuses, or null. The message is kind and never names a condition. */
export function onlineRefusal(s: ClientScreening, serviceName: string): AppError | null {
  const open = unclearedBlocking(s);
  if (open.some((f) => f.level === 'refer')) {
    return new AppError(409, 'screening-refer', 'Please call the clinic',
      `From your health answers, we would like to talk with you before you book ${serviceName.toLowerCase()}. Please call the clinic and we will help you find what suits you. This is not a judgement about your health.`,
      { errors: [{ field: 'serviceId', message: 'Please call the clinic to book this' }] });
  }
  const waits = open.filter((f) => f.level === 'wait' && f.earliestDate);
  if (waits.length > 0) {
    const earliest = waits.map((f) => f.earliestDate!).sort().at(-1)!;
    return new AppError(409, 'screening-wait', 'A little later, please',
      `From your health answers, the earliest date we can offer ${serviceName.toLowerCase()} is ${formatCalendarDate(earliest)}. Please choose that day or later.`,
      { earliestDate: earliest, errors: [{ field: 'start', message: `On or after ${formatCalendarDate(earliest)}` }] });
  }
  return null;
}

/** Staff booking: refer or wait findings need a practitioner's recorded decision first. */
export function staffRefusal(s: ClientScreening): AppError | null {
  const open = unclearedBlocking(s);
  if (open.length === 0) return null;
  return new AppError(409, 'screening-decision-required', 'A practitioner decides first',
    'This client’s health answers need a practitioner’s decision before this treatment can be booked. Ask their practitioner to record it, then book.',
    { levels: [...new Set(open.map((f) => f.level))], ruleIds: open.map((f) => f.ruleId) });
}

/** What a signed-in client is offered online for a service kind: the earliest date (a wait), or to call the clinic (a refer). */
export interface OnlineScreening {
  earliestDate: string | null;
  callClinic: boolean;
}

/**
 * What online booking offers a signed-in client for a service kind, screening as of
 * `today`: a wait finding moves the earliest date; a refer finding (not cleared by a
 * practitioner) means "please call the clinic" instead of times.
 */
export async function onlineScreening(q: Queryable, clinic: { id: string; timeZone: string }, clientId: string, serviceKind: TreatmentCategory, today: string): Promise<OnlineScreening> {
  const s = await screenClient(q, clinic, clientId, serviceKind, today);
  const open = unclearedBlocking(s);
  const waits = open.filter((f) => f.level === 'wait' && f.earliestDate);
  return { earliestDate: waits.length > 0 ? waits.map((f) => f.earliestDate!).sort().at(-1)! : null, callClinic: open.some((f) => f.level === 'refer') };
}

/** The earliest date a signed-in client may be offered for a service kind (null: no limit). */
export async function earliestOnlineDate(q: Queryable, clinic: { id: string; timeZone: string }, clientId: string, serviceKind: TreatmentCategory, today: string) {
  return (await onlineScreening(q, clinic, clientId, serviceKind, today)).earliestDate;
}

// ── Staff views of a client's screening ───────────────────────────────────────────────

async function clientAccess(q: Queryable, actor: Actor, clientId: string) {
  const [client] = await q.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId))).limit(1);
  if (!client) throw notFound('The client');
  const team = await q.select({ p: careTeam.practitionerId }).from(careTeam).where(and(eq(careTeam.clinicId, actor.clinicId), eq(careTeam.clientId, clientId)));
  const full = canSeeClinicalRecord(actor, { id: clientId, careTeam: team.map((t) => t.p) });
  if (!full && actor.role === 'practitioner') throw notFound('The client');
  return { full };
}

/**
 * A client's findings for a service kind and date: the client's practitioners and the
 * owner see them in full (audited `screening.read`); reception sees the levels only.
 */
export async function getClientScreening(ctx: AppContext, actor: Actor, clientId: string, query: { serviceKind: TreatmentCategory; date: string }) {
  const q = ctx.database.db;
  const { full } = await clientAccess(q, actor, clientId);
  const s = await screenClient(q, { id: actor.clinicId, timeZone: actor.timeZone }, clientId, query.serviceKind, query.date);
  const decided = new Map(s.decisions.map((d) => [d.ruleId, d.decision]));
  const levels = levelsOf(s.findings, s.decisions);
  if (!full) return { detail: false as const, answered: s.responseId !== null, levels, findings: [] };
  await recordAudit(q, actor, {
    action: 'screening.read', entityType: 'client', entityId: clientId,
    details: { serviceKind: query.serviceKind, findings: s.findings.length },
  });
  return {
    detail: true as const, answered: s.responseId !== null, levels,
    findings: s.findings.map((f) => ({
      ruleId: f.ruleId, title: f.title, level: f.level, message: f.message, practitionerMessage: f.practitionerMessage, source: f.source,
      earliestDate: f.earliestDate ?? null, decision: (decided.get(f.ruleId) ?? null) as Decision | null,
    })),
  };
}

/** Levels still open: review findings drop out once acknowledged, refer/wait once cleared. */
export function levelsOf(findings: readonly Finding[], decisions: readonly DecisionRow[]): ScreeningLevel[] {
  const done = new Set(decisions.filter((d) => d.decision === 'acknowledged' || d.decision === 'cleared').map((d) => d.ruleId));
  const open = new Set(findings.filter((f) => !done.has(f.ruleId)).map((f) => f.level));
  return SCREENING_LEVELS.filter((l) => open.has(l));
}

/**
 * A practitioner (of this client) or the owner records a decision on a finding of the
 * client's latest answers: `acknowledged` (a review flag), `cleared` (staff may book despite
 * a refer or wait finding) or `declined`. Audited `screening.decision_recorded`.
 */
export async function recordDecision(ctx: AppContext, actor: Actor, clientId: string, body: DecisionBody) {
  if (actor.role !== 'practitioner' && actor.role !== 'owner') throw refused(actor, 'Only the client’s practitioner or the owner records screening decisions.', { entityType: 'client', entityId: clientId });
  const q = ctx.database.db;
  const { full } = await clientAccess(q, actor, clientId);
  if (!full) throw notFound('The client');
  const s = await screenClient(q, { id: actor.clinicId, timeZone: actor.timeZone }, clientId, body.serviceKind, body.date);
  const finding = s.findings.find((f) => f.ruleId === body.ruleId);
  if (!s.responseId || !finding) {
    throw new AppError(422, 'no-such-finding', 'No such finding', 'This client’s latest answers give no such finding for that treatment and date.', { errors: [{ field: 'ruleId', message: 'Not a current finding' }] });
  }
  const row = await ctx.database.transaction(async (tx) => {
    const [inserted] = await tx.insert(screeningDecisions).values({
      clinicId: actor.clinicId, clientId, responseId: s.responseId!, ruleId: body.ruleId, serviceKind: body.serviceKind,
      decision: body.decision, note: body.note ?? null, decidedBy: actor.userId,
    }).returning();
    await recordAudit(tx, actor, {
      action: 'screening.decision_recorded', entityType: 'screening_decision', entityId: inserted!.id,
      details: { clientId, ruleId: body.ruleId, level: finding.level, decision: body.decision },
    });
    return inserted!;
  });
  return decisionView(row);
}

const decisionView = (d: typeof screeningDecisions.$inferSelect) => ({
  id: d.id, responseId: d.responseId, ruleId: d.ruleId, serviceKind: d.serviceKind, decision: d.decision, note: d.note,
  decidedBy: d.decidedBy, decidedAt: d.decidedAt.toISOString(),
});

/** Every decision on the client's answers, newest first (the client's practitioners and the owner; audited). */
export async function listDecisions(ctx: AppContext, actor: Actor, clientId: string) {
  const q = ctx.database.db;
  const { full } = await clientAccess(q, actor, clientId);
  if (!full) throw refused(actor, 'Reception sees screening levels, not decisions.', { entityType: 'client', entityId: clientId });
  const rows = await q.select().from(screeningDecisions)
    .where(and(eq(screeningDecisions.clinicId, actor.clinicId), eq(screeningDecisions.clientId, clientId)))
    .orderBy(desc(screeningDecisions.decidedAt), asc(screeningDecisions.ruleId));
  await recordAudit(q, actor, { action: 'screening.decisions_read', entityType: 'client', entityId: clientId, details: { count: rows.length } });
  return { items: rows.map(decisionView) };
}

// ── The diary's flags ─────────────────────────────────────────────────────────────────

/** What the diary shows of one appointment's screening: levels and counts, never wording. */
export interface DiaryScreening {
  /** Open levels: a review drops out once acknowledged, refer/wait once cleared. */
  levels: ScreeningLevel[];
  /** Every finding of the client's latest answers for this treatment and date, by level. */
  counts: Record<ScreeningLevel, number>;
  /** Review findings not yet acknowledged by a practitioner. */
  reviewOutstanding: number;
}

/**
 * Screening per booking for the diary and day list: ONE query for the latest answers (and
 * decisions) of every client in view, then the pure engine per booking.
 */
export async function diaryScreening(q: Queryable, clinic: { id: string; timeZone: string }, entries: readonly { id: string; clientId: string | null; serviceKind: string | null; start: Date }[]) {
  const clientIds = [...new Set(entries.flatMap((e) => (e.clientId && e.serviceKind ? [e.clientId] : [])))];
  const out = new Map<string, DiaryScreening>();
  if (clientIds.length === 0) return out;
  const [answers, rules] = await Promise.all([latestAnswersOf(q, clinic.id, clientIds), currentRules(q, clinic.id)]);
  for (const e of entries) {
    const a = e.clientId ? answers.get(e.clientId) : undefined;
    if (!a || !e.serviceKind) continue;
    const kind = e.serviceKind as TreatmentCategory;
    const { findings } = screen({ rules: rules.rules, answers: a.answers, form: DEFAULT_INTAKE_FORM, treatmentCategory: kind, appointmentDate: e.start.getTime(), timeZone: clinic.timeZone });
    const decisions = a.decisions.filter((d) => d.serviceKind === kind);
    const acknowledged = new Set(decisions.filter((d) => d.decision === 'acknowledged' || d.decision === 'cleared').map((d) => d.ruleId));
    const counts = Object.fromEntries(SCREENING_LEVELS.map((l) => [l, findings.filter((f) => f.level === l).length])) as Record<ScreeningLevel, number>;
    out.set(e.id, {
      levels: levelsOf(findings, decisions), counts,
      reviewOutstanding: findings.filter((f) => f.level === 'review' && !acknowledged.has(f.ruleId)).length,
    });
  }
  return out;
}

/** Open screening levels per booking (see `diaryScreening`). */
export async function diaryFlags(q: Queryable, clinic: { id: string; timeZone: string }, entries: readonly { id: string; clientId: string | null; serviceKind: string | null; start: Date }[]) {
  const all = await diaryScreening(q, clinic, entries);
  return new Map([...all].filter(([, s]) => s.levels.length > 0).map(([id, s]) => [id, s.levels]));
}

/**
 * For the public availability: when a signed-in client (e-mail confirmed) asks, what their
 * screening allows for the service (a later earliest date, or a call to the clinic), else
 * undefined. Visitors are screened at booking or confirmation instead.
 */
export function signedInWait(ctx: AppContext, requester: Requester) {
  const session = requester.sessionUser;
  if (!session || !session.emailVerified) return undefined;
  return async (sc: ServiceContext): Promise<OnlineScreening | null> => {
    const [own] = await ctx.database.db.select({ id: clients.id }).from(clients)
      .where(and(eq(clients.clinicId, sc.clinic.id), eq(clients.userId, session.userId))).limit(1);
    if (!own) return null;
    return onlineScreening(ctx.database.db, sc.clinic, own.id, sc.service.kind, todayIn(sc.clinic.timeZone));
  };
}
