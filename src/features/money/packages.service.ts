import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { bookings, clientPackages, clients, invoiceLines, packageCredits, packageTypes, services } from '../../data/schema/index.ts';
import type { Queryable, Tx } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import { notFound } from '../../server/errors.ts';
import { notOwnRecord, type Actor, type Requester } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { drawsCredit, packageToDraw, sessionValue } from '../../domain/money/packages.ts';
import { billingOf } from './billing.service.ts';
import { moneyProblem } from './invoices.service.ts';
import type { clientPackage, packageTypeBody } from './money.schema.ts';

type Held = typeof clientPackages.$inferSelect;

// ── Package types (the owner's catalogue) ─────────────────────────────────────────────

async function serviceNames(q: Queryable, clinicId: string) {
  const rows = await q.select({ id: services.id, name: services.name }).from(services).where(eq(services.clinicId, clinicId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The clinic's packages; clients and the online shop see only active ones. */
export async function listPackageTypes(ctx: AppContext, actor: Actor) {
  const q = ctx.database.db;
  const rows = await q.select().from(packageTypes).where(eq(packageTypes.clinicId, actor.clinicId)).orderBy(desc(packageTypes.active), asc(packageTypes.name));
  const names = await serviceNames(q, actor.clinicId);
  const billing = await billingOf(q, actor.clinicId);
  return {
    currency: billing.currency,
    items: rows.filter((r) => actor.role !== 'client' || r.active).map((r) => ({
      id: r.id, name: r.name, sessions: r.sessions, priceMinor: r.priceMinor, validityMonths: r.validityMonths, serviceIds: r.serviceIds,
      services: r.serviceIds.map((id) => ({ id, name: names.get(id) ?? 'A former service' })), active: r.active, sellOnline: r.sellOnline,
    })),
  };
}

async function checkServices(q: Queryable, clinicId: string, ids: string[]) {
  const found = await q.select({ id: services.id }).from(services).where(and(eq(services.clinicId, clinicId), inArray(services.id, ids)));
  if (found.length !== new Set(ids).size) throw moneyProblem('unknown-service', 'Choose services of this clinic.', 'serviceIds');
}

/** The owner defines a package; prices are the owner's alone. Audited. */
export async function savePackageType(ctx: AppContext, actor: Actor, body: z.infer<typeof packageTypeBody>, packageTypeId?: string) {
  const values = { ...body, serviceIds: [...new Set(body.serviceIds)] };
  await ctx.database.transaction(async (tx) => {
    await checkServices(tx, actor.clinicId, values.serviceIds);
    let id = packageTypeId;
    if (id) {
      const done = await tx.update(packageTypes).set(values).where(and(eq(packageTypes.clinicId, actor.clinicId), eq(packageTypes.id, id))).returning({ id: packageTypes.id });
      if (done.length === 0) throw notFound('The package');
    } else {
      id = (await tx.insert(packageTypes).values({ clinicId: actor.clinicId, ...values }).returning({ id: packageTypes.id }))[0]!.id;
    }
    await recordAudit(tx, actor, { action: packageTypeId ? 'package_type.update' : 'package_type.create', entityType: 'package_type', entityId: id, details: { sessions: body.sessions, priceMinor: body.priceMinor } });
  });
  return listPackageTypes(ctx, actor);
}

// ── A client's packages ───────────────────────────────────────────────────────────────

const remainingOf = (p: Held) => p.sessionsTotal - p.sessionsUsed;

async function packageViews(q: Queryable, clinicId: string, rows: Held[], now: number): Promise<z.infer<typeof clientPackage>[]> {
  if (rows.length === 0) return [];
  const names = await serviceNames(q, clinicId);
  const credits = await q.select().from(packageCredits).where(and(eq(packageCredits.clinicId, clinicId), inArray(packageCredits.clientPackageId, rows.map((r) => r.id)))).orderBy(asc(packageCredits.at));
  return rows.map((p) => ({
    id: p.id, clientId: p.clientId, name: p.name, sessionsTotal: p.sessionsTotal, sessionsUsed: p.sessionsUsed, remaining: remainingOf(p), priceMinor: p.priceMinor,
    currency: p.currency, purchasedAt: p.purchasedAt.toISOString(), expiresAt: p.expiresAt.toISOString(), expired: p.expiresAt.getTime() < now, status: p.status,
    invoiceId: p.invoiceId, services: p.serviceIds.map((id) => ({ id, name: names.get(id) ?? 'A former service' })),
    history: credits.filter((c) => c.clientPackageId === p.id).map((c) => ({ delta: c.delta, reason: c.reason, at: c.at.toISOString(), bookingId: c.bookingId })),
  }));
}

/** A client's packages with balance, expiry and history (desk staff and practitioners; the client through `myPackages`). */
export async function clientPackagesOf(ctx: AppContext, actor: Actor, clientId: string) {
  const q = ctx.database.db;
  const [c] = await q.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
  if (!c) throw notFound('The client');
  const rows = await q.select().from(clientPackages).where(and(eq(clientPackages.clinicId, actor.clinicId), eq(clientPackages.clientId, clientId))).orderBy(desc(clientPackages.purchasedAt));
  return { timeZone: actor.timeZone, items: await packageViews(q, actor.clinicId, rows, nowOf(ctx)) };
}

export async function myPackages(ctx: AppContext, actor: Actor) {
  if (!actor.clientId) return [];
  return (await clientPackagesOf(ctx, actor, actor.clientId)).items.filter((p) => p.status !== 'transferred');
}

async function lockHeld(tx: Tx, clinicId: string, clientPackageId: string) {
  const [p] = await tx.select().from(clientPackages).where(and(eq(clientPackages.clinicId, clinicId), eq(clientPackages.id, clientPackageId))).for('update');
  return p ?? null;
}

/** Uses one session: only while sessions are left (the row's check and this condition both guard it). */
async function useOne(tx: Tx, who: { clinicId: string; userId: string | null }, p: Held, bookingId: string | null, reason: 'attended' | 'late_cancel' | 'no_show' | 'desk') {
  const [done] = await tx.update(clientPackages).set({ sessionsUsed: sql`${clientPackages.sessionsUsed} + 1` })
    .where(and(eq(clientPackages.clinicId, who.clinicId), eq(clientPackages.id, p.id), lt(clientPackages.sessionsUsed, clientPackages.sessionsTotal)))
    .returning({ id: clientPackages.id });
  if (!done) return false;
  await tx.insert(packageCredits).values({ clinicId: who.clinicId, clientPackageId: p.id, bookingId, delta: -1, reason, by: who.userId });
  return true;
}

/** Whether a visit already drew a session (and did not get it back). */
async function drawnFor(tx: Tx, clinicId: string, bookingId: string) {
  const rows = await tx.select({ id: packageCredits.clientPackageId, delta: packageCredits.delta }).from(packageCredits)
    .where(and(eq(packageCredits.clinicId, clinicId), eq(packageCredits.bookingId, bookingId)));
  const net = rows.reduce((s, r) => s + r.delta, 0);
  return net < 0 ? rows[0]!.id : null;
}

/**
 * The front desk's hook: a visit marked completed (or a no-show, or cancelled late when
 * the clinic's policy says so) draws one session from the client's package that covers
 * its service, if they hold one. A visit draws at most once. Called in the status change's
 * transaction; audited there.
 */
export async function drawForBooking(tx: Tx, clinicId: string, who: Actor | Requester, bookingId: string, outcome: 'completed' | 'no_show' | 'late_cancel') {
  const [b] = await tx.select().from(bookings).where(and(eq(bookings.clinicId, clinicId), eq(bookings.id, bookingId)));
  if (!b?.clientId || !b.serviceId) return null;
  const billing = await billingOf(tx, clinicId);
  if (!drawsCredit(outcome, billing)) return null;
  if (await drawnFor(tx, clinicId, bookingId)) return null;
  const held = await tx.select().from(clientPackages).where(and(eq(clientPackages.clinicId, clinicId), eq(clientPackages.clientId, b.clientId), eq(clientPackages.status, 'active')));
  const p = packageToDraw(held.map((h) => ({ ...h, remaining: remainingOf(h) })), b.serviceId, b.startsAt);
  if (!p) return null;
  const reason = outcome === 'completed' ? 'attended' : outcome;
  if (!(await useOne(tx, { clinicId, userId: who.userId }, p, bookingId, reason))) return null;
  await recordAudit(tx, who, { action: 'package.credit_draw', entityType: 'client_package', entityId: p.id, clinicId, details: { bookingId, reason } });
  return p.id;
}

/** Undoing a completed or no-show status gives back the session it drew. */
export async function restoreForBooking(tx: Tx, actor: Actor, bookingId: string) {
  const packageId = await drawnFor(tx, actor.clinicId, bookingId);
  if (!packageId) return;
  await giveBack(tx, actor, packageId, bookingId);
}

async function giveBack(tx: Tx, actor: Actor, clientPackageId: string, bookingId: string | null) {
  await tx.update(clientPackages).set({ sessionsUsed: sql`greatest(${clientPackages.sessionsUsed} - 1, 0)` })
    .where(and(eq(clientPackages.clinicId, actor.clinicId), eq(clientPackages.id, clientPackageId)));
  await tx.insert(packageCredits).values({ clinicId: actor.clinicId, clientPackageId, bookingId, delta: 1, reason: 'restored', by: actor.userId });
  await recordAudit(tx, actor, { action: 'package.credit_restore', entityType: 'client_package', entityId: clientPackageId, details: { bookingId } });
}

/**
 * Pays (part of) an invoice with one session of the client's package: the package must be
 * the invoice's client's, active, unexpired, and cover a service on the invoice, and the
 * amount at most that service's price. A visit whose session was already drawn on
 * attendance is not drawn twice.
 */
export async function drawForPayment(tx: Tx, actor: Actor, inv: { id: string; clientId: string; bookingId: string | null }, clientPackageId: string, amountMinor: number, _paymentId: string, now: Date, field: string) {
  const p = await lockHeld(tx, actor.clinicId, clientPackageId);
  if (!p || p.clientId !== inv.clientId) throw moneyProblem('unknown-package', 'That package is not this client’s.', field);
  if (p.status !== 'active' || p.expiresAt.getTime() < now.getTime()) throw moneyProblem('package-not-usable', 'That package has expired or is no longer active.', field);
  const lines = await tx.select().from(invoiceLines).where(and(eq(invoiceLines.clinicId, actor.clinicId), eq(invoiceLines.invoiceId, inv.id), eq(invoiceLines.kind, 'service')));
  const covered = lines.filter((l) => l.refId && p.serviceIds.includes(l.refId));
  if (covered.length === 0) throw moneyProblem('package-not-for-this', 'That package does not cover a service on this invoice.', field);
  if (amountMinor > Math.max(...covered.map((l) => l.unitPriceMinor))) throw moneyProblem('bad-amount', 'A package session pays at most the price of one session.', field);
  const already = inv.bookingId ? await drawnFor(tx, actor.clinicId, inv.bookingId) : null;
  if (already !== p.id) {
    if (!(await useOne(tx, { clinicId: actor.clinicId, userId: actor.userId }, p, inv.bookingId, 'desk'))) throw moneyProblem('package-used-up', 'That package has no sessions left.', field);
    await recordAudit(tx, actor, { action: 'package.credit_draw', entityType: 'client_package', entityId: p.id, details: { invoiceId: inv.id, reason: 'desk' } });
  }
  return p.id;
}

/** A fully refunded package payment gives its session back. */
export async function restoreForPayment(tx: Tx, actor: Actor, clientPackageId: string, _paymentId: string) {
  await giveBack(tx, actor, clientPackageId, null);
}

/**
 * Moves a package's remaining sessions to another client of the clinic (the owner only):
 * a new package for them with the same expiry and the sessions' share of the price; the
 * old one is marked transferred. Recorded in both histories and audited.
 */
export async function transferPackage(ctx: AppContext, actor: Actor, clientPackageId: string, toClientId: string, reason?: string) {
  const id = await ctx.database.transaction(async (tx) => {
    const p = await lockHeld(tx, actor.clinicId, clientPackageId);
    if (!p) throw notFound('The package');
    if (p.status !== 'active' || remainingOf(p) === 0) throw moneyProblem('package-not-usable', 'Only an active package with sessions left can be transferred.');
    if (toClientId === p.clientId) throw moneyProblem('same-client', 'Choose another client.', 'toClientId');
    const [to] = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, toClientId)));
    if (!to) throw moneyProblem('unknown-client', 'There is no such client at this clinic.', 'toClientId');
    const left = remainingOf(p);
    const [created] = await tx.insert(clientPackages).values({
      clinicId: actor.clinicId, packageTypeId: p.packageTypeId, clientId: to.id, name: p.name, sessionsTotal: left, priceMinor: left * sessionValue(p.priceMinor, p.sessionsTotal),
      currency: p.currency, serviceIds: p.serviceIds, invoiceId: p.invoiceId, purchasedAt: new Date(nowOf(ctx)), expiresAt: p.expiresAt,
    }).returning({ id: clientPackages.id });
    await tx.update(clientPackages).set({ sessionsUsed: p.sessionsTotal, status: 'transferred', transferredTo: created!.id })
      .where(and(eq(clientPackages.clinicId, actor.clinicId), eq(clientPackages.id, p.id)));
    await tx.insert(packageCredits).values([
      { clinicId: actor.clinicId, clientPackageId: p.id, delta: -left, reason: 'transferred_out', by: actor.userId },
      { clinicId: actor.clinicId, clientPackageId: created!.id, delta: left, reason: 'transferred_in', by: actor.userId },
    ]);
    await recordAudit(tx, actor, { action: 'package.transfer', entityType: 'client_package', entityId: p.id, details: { from: p.clientId, to: to.id, sessions: left, newPackageId: created!.id, reason: reason ?? null } });
    return created!.id;
  });
  return { id };
}

/** Removes refunded sessions from a package (the money side is the caller's credit note and refund). */
export async function removeSessions(tx: Tx, actor: Actor, clientPackageId: string, sessions: number) {
  const p = await lockHeld(tx, actor.clinicId, clientPackageId);
  if (!p) throw notFound('The package');
  if (p.status !== 'active') throw moneyProblem('package-not-usable', 'This package is no longer active.');
  if (sessions > remainingOf(p)) throw moneyProblem('too-many-sessions', `Only ${remainingOf(p)} sessions are left on this package.`, 'sessions');
  const used = p.sessionsUsed + sessions;
  await tx.update(clientPackages).set({ sessionsUsed: used, status: used === p.sessionsTotal ? 'refunded' : 'active' })
    .where(and(eq(clientPackages.clinicId, actor.clinicId), eq(clientPackages.id, p.id)));
  await tx.insert(packageCredits).values({ clinicId: actor.clinicId, clientPackageId: p.id, delta: -sessions, reason: 'refunded', by: actor.userId });
  return p;
}

/** The client may see only their own packages. */
export function assertOwnPackage(actor: Actor, p: { clientId: string; id: string }) {
  if (actor.role === 'client' && actor.clientId !== p.clientId) throw notOwnRecord(actor, 'client_package', p.id, 'The package');
}
