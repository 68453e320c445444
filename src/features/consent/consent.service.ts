import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../data/db.ts';
import { bookings, careTeam, clients, clinics, consents, consentTemplates, services, users } from '../../data/schema/index.ts';
import { canSeeClientContact, canSeeClinicalRecord } from '../../domain/access/access-rules.ts';
import { consentStatus, type ConsentStatus } from '../../domain/consent/consent-status.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../server/errors.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { renderMarkdown } from '../content/markdown.ts';
import { formatWhen } from '../scheduling/clinic-time.ts';
import { PdfWriter } from '../common/pdf.ts';
import {
  CONSENT_FORMS, CONSENT_KINDS, DEFAULT_CONSENT_TEXTS, FORM_LABELS, isConsentForm, isConsentKind, type ConsentForm, type ConsentKind,
} from './consent-defaults.ts';
import type { MyConsent, SignedConsent, signBody, StaffConsentView, TemplateKindSummary, TemplateVersion, templateBody } from './consent.schema.ts';

/**
 * Consent forms: each clinic's texts per treatment kind, versioned, and the clients'
 * signatures. Signatures are health data: the client, the owner and the practitioners who
 * treat the client read them; reception sees only whether each form is signed. Every read
 * and write is audited, with identifiers only.
 */

/** SHA-256 of the exact Markdown a client is shown, hex. */
export const consentTextHash = (body: string) => createHash('sha256').update(body, 'utf8').digest('hex');

/** Consent texts render with the content pages' Markdown pipeline (sanitised), headings from h2. */
export const renderConsentText = (body: string) => renderMarkdown(body, { minHeadingLevel: 2 });

/** Gives a clinic Yintang's default text as version 1 of every form it does not have yet. */
export async function ensureTemplates(q: Queryable, clinicId: string) {
  await q.insert(consentTemplates).values(CONSENT_FORMS.map((kind) => ({
    clinicId, serviceKind: kind, version: 1, title: DEFAULT_CONSENT_TEXTS[kind].title, body: DEFAULT_CONSENT_TEXTS[kind].body,
    textHash: consentTextHash(DEFAULT_CONSENT_TEXTS[kind].body), material: true,
  }))).onConflictDoNothing();
}

type TemplateRow = typeof consentTemplates.$inferSelect;
type ConsentRow = typeof consents.$inferSelect;

async function allTemplates(q: Queryable, clinicId: string) {
  await ensureTemplates(q, clinicId);
  const rows = await q.select({ t: consentTemplates, createdByName: users.name }).from(consentTemplates)
    .leftJoin(users, eq(users.id, consentTemplates.createdBy))
    .where(eq(consentTemplates.clinicId, clinicId)).orderBy(asc(consentTemplates.serviceKind), desc(consentTemplates.version));
  const byKind = new Map<ConsentForm, { t: TemplateRow; createdByName: string | null }[]>();
  for (const r of rows) {
    if (!isConsentForm(r.t.serviceKind)) continue;
    byKind.set(r.t.serviceKind, [...(byKind.get(r.t.serviceKind) ?? []), r]);
  }
  return byKind;
}

const toVersion = ({ t, createdByName }: { t: TemplateRow; createdByName: string | null }): TemplateVersion => ({
  version: t.version, title: t.title, body: t.body, html: renderConsentText(t.body), textHash: t.textHash, material: t.material,
  createdAt: t.createdAt.toISOString(), createdByName,
});

const toSigned = (c: ConsentRow, title: string): SignedConsent => ({
  id: c.id, kind: c.serviceKind as ConsentForm, label: FORM_LABELS[c.serviceKind as ConsentForm], version: c.templateVersion, title, textHash: c.textHash,
  typedName: c.typedName, signedAt: c.signedAt.toISOString(),
  signature: c.signaturePng ? `data:image/png;base64,${c.signaturePng.toString('base64')}` : null,
});

/** The latest signature of each kind (not withdrawn), newest first overall. */
async function signaturesOf(q: Queryable, clinicId: string, clientId: string) {
  return q.select({ c: consents, title: consentTemplates.title }).from(consents)
    .innerJoin(consentTemplates, and(eq(consentTemplates.clinicId, consents.clinicId), eq(consentTemplates.serviceKind, consents.serviceKind), eq(consentTemplates.version, consents.templateVersion)))
    .where(and(eq(consents.clinicId, clinicId), eq(consents.clientId, clientId), isNull(consents.withdrawnAt)))
    .orderBy(desc(consents.signedAt));
}

function statusByKind(templates: Map<ConsentForm, { t: TemplateRow }[]>, signed: { c: ConsentRow }[]) {
  const out = new Map<ConsentForm, { status: ConsentStatus; latest: ConsentRow | null }>();
  for (const kind of CONSENT_FORMS) {
    const latest = signed.filter((s) => s.c.serviceKind === kind).sort((a, b) => b.c.templateVersion - a.c.templateVersion)[0]?.c ?? null;
    const versions = (templates.get(kind) ?? []).map(({ t }) => ({ version: t.version, material: t.material }));
    out.set(kind, { status: consentStatus(versions, latest?.templateVersion ?? null), latest });
  }
  return out;
}

/** The kinds of treatment the clinic offers (active services), in the order of CONSENT_KINDS. */
async function offeredKinds(q: Queryable, clinicId: string): Promise<ConsentKind[]> {
  const rows = await q.selectDistinct({ kind: services.kind }).from(services).where(and(eq(services.clinicId, clinicId), eq(services.active, true)));
  const offered = new Set(rows.map((r) => r.kind));
  return CONSENT_KINDS.filter((k) => offered.has(k));
}

// ---------------------------------------------------------------- owner: the texts

export async function listTemplates(ctx: AppContext, actor: Actor): Promise<{ items: TemplateKindSummary[] }> {
  return ctx.database.transaction(async (tx) => {
    const templates = await allTemplates(tx, actor.clinicId);
    const counts = await tx.select({ kind: consents.serviceKind, n: sql<number>`count(distinct ${consents.clientId})::int` }).from(consents)
      .where(eq(consents.clinicId, actor.clinicId)).groupBy(consents.serviceKind);
    return {
      items: CONSENT_FORMS.map((kind) => {
        const versions = templates.get(kind)!;
        return {
          kind, label: FORM_LABELS[kind], signedCount: counts.find((c) => c.kind === kind)?.n ?? 0,
          current: toVersion(versions[0]!),
          versions: versions.map((v) => ({ version: v.t.version, title: v.t.title, textHash: v.t.textHash, material: v.t.material, createdAt: v.t.createdAt.toISOString(), createdByName: v.createdByName })),
        };
      }),
    };
  });
}

/** One version of a form, with its text (the owner reading the history). */
export async function getTemplateVersion(ctx: AppContext, actor: Actor, kind: ConsentForm, version: number): Promise<TemplateVersion> {
  const templates = await allTemplates(ctx.database.db, actor.clinicId);
  const row = templates.get(kind)?.find((v) => v.t.version === version);
  if (!row) throw notFound('That version of the consent form');
  return toVersion(row);
}

/** Saves the owner's text as the next version; `material` asks everyone who signed before to sign again. */
export async function saveTemplate(ctx: AppContext, actor: Actor, kind: ConsentForm, body: z.infer<typeof templateBody>): Promise<TemplateVersion> {
  return ctx.database.transaction(async (tx) => {
    const templates = await allTemplates(tx, actor.clinicId);
    const current = templates.get(kind)![0]!.t;
    if (current.body === body.body && current.title === body.title) {
      throw new AppError(409, 'consent-unchanged', 'Nothing changed', 'This text is the same as the current version, so no new version was saved.');
    }
    const [row] = await tx.insert(consentTemplates).values({
      clinicId: actor.clinicId, serviceKind: kind, version: current.version + 1, title: body.title, body: body.body,
      textHash: consentTextHash(body.body), material: body.material, createdBy: actor.userId,
    }).onConflictDoNothing().returning();
    if (!row) throw new AppError(409, 'consent-changed-meanwhile', 'Changed meanwhile', 'Someone saved this consent form a moment ago. Reload it and make your change again.');
    await recordAudit(tx, actor, { action: 'consent.template_changed', entityType: 'consent_template', entityId: kind, details: { version: row.version, material: row.material } });
    return toVersion({ t: row, createdByName: actor.name });
  });
}

// ---------------------------------------------------------------- client: reading and signing

/**
 * Each kind the clinic offers (or the client signed), whether the client must sign it,
 * and whether they have a visit of that kind booked. No text, no audit: callers audit.
 */
export async function consentOverview(q: Queryable, clinicId: string, clientId: string) {
  const templates = await allTemplates(q, clinicId);
  const signed = await signaturesOf(q, clinicId, clientId);
  const status = statusByKind(templates, signed);
  const booked = await q.selectDistinct({ kind: services.kind }).from(bookings)
    .innerJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .where(and(eq(bookings.clinicId, clinicId), eq(bookings.clientId, clientId), inArray(bookings.status, ['held', 'confirmed', 'arrived']), gte(bookings.endsAt, new Date())));
  const bookedKinds = new Set(booked.map((b) => b.kind));
  const kinds = new Set<ConsentKind>([...(await offeredKinds(q, clinicId)), ...signed.map((s) => s.c.serviceKind).filter(isConsentKind)]);
  return CONSENT_KINDS.filter((k) => kinds.has(k)).map((kind) => {
    const s = status.get(kind)!;
    const signedRow = signed.find((r) => r.c.id === s.latest?.id);
    return { kind, label: FORM_LABELS[kind], status: s.status, needed: bookedKinds.has(kind), current: templates.get(kind)![0]!.t, signed: signedRow ?? null };
  });
}

/** The client's own forms: each kind the clinic offers, its current text, and whether they need to sign it. */
export async function myConsents(ctx: AppContext, actor: Actor): Promise<{ items: MyConsent[] }> {
  const clientId = actor.clientId;
  if (!clientId) throw notFound('Your client record');
  return ctx.database.transaction(async (tx) => {
    const overview = await consentOverview(tx, actor.clinicId, clientId);
    await recordAudit(tx, actor, { action: 'consent.read', entityType: 'client', entityId: clientId, details: { view: 'own' } });
    return {
      items: overview.map(({ current, signed, ...rest }) => ({
        ...rest,
        current: { version: current.version, title: current.title, html: renderConsentText(current.body), textHash: current.textHash },
        signed: signed ? toSigned(signed.c, signed.title) : null,
      })),
    };
  });
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_SIGNATURE_BYTES = 256 * 1024;

/** Records the client's signature of the exact version they were shown. */
export async function signConsent(ctx: AppContext, actor: Actor, body: z.infer<typeof signBody>): Promise<SignedConsent> {
  const clientId = actor.clientId;
  if (!clientId) throw notFound('Your client record');
  let png: Buffer | null = null;
  if (body.signaturePng) {
    png = Buffer.from(body.signaturePng, 'base64');
    if (png.length < PNG_MAGIC.length || !png.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) {
      throw badRequest('The signature must be a PNG image.', [{ field: 'body.signaturePng', message: 'The signature must be a PNG image' }]);
    }
    if (png.length > MAX_SIGNATURE_BYTES) throw badRequest('The signature image is too large.', [{ field: 'body.signaturePng', message: 'The signature image is too large' }]);
  }
  return ctx.database.transaction(async (tx) => {
    const templates = await allTemplates(tx, actor.clinicId);
    const current = templates.get(body.kind)![0]!.t;
    if (current.version !== body.version || current.textHash !== body.textHash) {
      throw new AppError(409, 'consent-text-changed', 'The text has changed', 'The clinic updated this consent form while you were reading it. Please read the new version and sign again.');
    }
    const [row] = await tx.insert(consents).values({
      clinicId: actor.clinicId, clientId, serviceKind: body.kind, templateVersion: current.version, textHash: current.textHash,
      typedName: body.typedName, signaturePng: png, signedBy: actor.userId, ip: actor.ip, userAgent: actor.userAgent,
    }).returning();
    await recordAudit(tx, actor, {
      action: 'consent.signed', entityType: 'consent', entityId: row!.id,
      details: { clientId, serviceKind: body.kind, version: current.version, drawn: png !== null },
    });
    return toSigned(row!, current.title);
  });
}

// ---------------------------------------------------------------- one form: status and withdrawal

/**
 * One form's standing for a client: its current text, the latest signature not withdrawn,
 * and whether it holds ('signed'), must be signed again, or is missing. No audit: callers audit.
 */
export async function formStatus(q: Queryable, clinicId: string, clientId: string, kind: ConsentForm) {
  const templates = await allTemplates(q, clinicId);
  const signed = (await signaturesOf(q, clinicId, clientId)).filter((s) => s.c.serviceKind === kind);
  const s = statusByKind(templates, signed).get(kind)!;
  return { status: s.status, signed: s.latest ? toSigned(s.latest, signed.find((r) => r.c.id === s.latest!.id)!.title) : null, current: templates.get(kind)![0]!.t };
}

/**
 * Withdraws every signature of one form of a client (marks them withdrawn, never deletes
 * them: the record that consent was given, and when it ended, is kept). Returns how many
 * signatures were standing. The caller audits and does what withdrawal means for the form.
 */
export async function withdrawForm(q: Queryable, clinicId: string, clientId: string, kind: ConsentForm, at: Date): Promise<number> {
  const rows = await q.update(consents).set({ withdrawnAt: at })
    .where(and(eq(consents.clinicId, clinicId), eq(consents.clientId, clientId), eq(consents.serviceKind, kind), isNull(consents.withdrawnAt)))
    .returning({ id: consents.id });
  return rows.length;
}

// ---------------------------------------------------------------- staff: who signed what

/**
 * Whether the actor may see this client at all (404 if not, as if it did not exist) and
 * whether they may see clinical content (the owner, their practitioners, the client).
 */
export async function clientAccess(q: Queryable, actor: Actor, clientId: string) {
  const [row] = await q.select().from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
  if (!row) throw notFound('The client');
  const team = await q.select({ p: careTeam.practitionerId }).from(careTeam).where(and(eq(careTeam.clinicId, actor.clinicId), eq(careTeam.clientId, clientId)));
  const ref = { id: clientId, careTeam: team.map((t) => t.p) };
  if (!canSeeClientContact(actor, ref)) throw notFound('The client');
  return { client: row, clinical: canSeeClinicalRecord(actor, ref) };
}

export async function clientConsents(ctx: AppContext, actor: Actor, clientId: string): Promise<StaffConsentView> {
  return ctx.database.transaction(async (tx) => {
    const { clinical } = await clientAccess(tx, actor, clientId);
    const templates = await allTemplates(tx, actor.clinicId);
    const signed = await signaturesOf(tx, actor.clinicId, clientId);
    const status = statusByKind(templates, signed);
    await recordAudit(tx, actor, { action: 'consent.read', entityType: 'client', entityId: clientId, details: { view: clinical ? 'full' : 'status' } });
    return {
      access: clinical ? 'full' : 'status',
      kinds: CONSENT_FORMS.map((kind) => {
        const s = status.get(kind)!;
        return { kind, label: FORM_LABELS[kind], status: s.status, signedAt: s.latest?.signedAt.toISOString() ?? null };
      }),
      signatures: clinical ? signed.map((s) => toSigned(s.c, s.title)) : [],
    };
  });
}

/** A signed consent as a PDF: the exact text, its hash, the signature, the typed name and the date in the clinic's time zone. */
export async function consentPdf(ctx: AppContext, actor: Actor, clientId: string, consentId: string): Promise<{ filename: string; pdf: Buffer }> {
  const found = await ctx.database.transaction(async (tx) => {
    const { client, clinical } = await clientAccess(tx, actor, clientId);
    if (!clinical) throw notFound('The consent form');
    const [row] = await tx.select({ c: consents, t: consentTemplates, clinicName: clinics.name }).from(consents)
      .innerJoin(consentTemplates, and(eq(consentTemplates.clinicId, consents.clinicId), eq(consentTemplates.serviceKind, consents.serviceKind), eq(consentTemplates.version, consents.templateVersion)))
      .innerJoin(clinics, eq(clinics.id, consents.clinicId))
      .where(and(eq(consents.clinicId, actor.clinicId), eq(consents.clientId, clientId), eq(consents.id, consentId)));
    if (!row) throw notFound('The consent form');
    await recordAudit(tx, actor, { action: 'consent.pdf_downloaded', entityType: 'consent', entityId: consentId, details: { clientId } });
    return { ...row, client };
  });
  const { c, t, clinicName, client } = found;
  const writer = new PdfWriter(`${t.title}: ${client.name}`, clinicName);
  writer.title(t.title, `${clinicName} · version ${t.version} of the ${FORM_LABELS[c.serviceKind as ConsentForm].toLowerCase()} consent form`);
  writer.fields([
    ['Client', client.name],
    ['Signed', `${formatWhen(c.signedAt.getTime(), actor.timeZone)} (${actor.timeZone})`],
    ['Typed name', c.typedName],
    ['Text version', String(t.version)],
    ['SHA-256 of the text', c.textHash],
  ]);
  writer.heading('Signature', 2);
  if (c.signaturePng) writer.image(c.signaturePng);
  else writer.paragraph('Signed by typing their name and ticking “I agree” (no drawn signature).', { muted: true });
  writer.rule();
  writer.heading('The text the client read and signed', 2);
  writer.markdown(t.body);
  const safeName = client.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'client';
  return { filename: `consent-${c.serviceKind}-v${t.version}-${safeName}.pdf`, pdf: await writer.finish() };
}
