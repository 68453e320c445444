import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { bookings, clientPackages, clients, clinics, invoiceLines, invoices, packageTypes, payments, services, vouchers } from '../../data/schema/index.ts';
import type { Queryable, Tx } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { notOwnRecord, type Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { documentNumber, invoiceTotals, priceLine, type Line } from '../../domain/money/money.ts';
import { creditRefusal, invoiceState, outstandingOf, paidOf, type InvoiceLedger } from '../../domain/money/ledger.ts';
import { packageExpiry } from '../../domain/money/packages.ts';
import { printedCode, voucherCode } from '../../domain/money/voucher-code.ts';
import { DateTime } from 'luxon';
import { billingOf, takeNumber, type Billing } from './billing.service.ts';
import type { creditNoteBody, invoiceView, saleBody } from './money.schema.ts';

type InvoiceRow = typeof invoices.$inferSelect;

/** A refusal of bad money input: 422 with the field, nothing written. */
export const moneyProblem = (code: string, detail: string, field?: string) =>
  new AppError(422, code, 'Check the amounts', detail, field ? { errors: [{ field, message: detail }] } : {});

/** The clinic charges in one currency; anything else is refused. */
export function assertCurrency(billing: { currency: string }, currency: string | undefined) {
  if (currency !== undefined && currency !== billing.currency) {
    throw moneyProblem('wrong-currency', `This clinic charges in ${billing.currency}, not ${currency}.`, 'currency');
  }
}

export interface PlannedLine extends Line {
  kind: 'service' | 'package' | 'voucher' | 'credit';
  refId: string | null;
}

/**
 * Sells services, packages and gift vouchers to a client in one invoice: the lines at the
 * clinic's current prices, the client's packages and vouchers created, the number taken
 * last (so the counter row is locked for as short a time as possible), all in one
 * transaction with its audit row. A repeated `Idempotency-Key` returns the first invoice.
 */
export async function sell(ctx: AppContext, actor: Actor, body: z.infer<typeof saleBody>, idempotencyKey?: string, options: { online?: boolean; invoiceId?: string; then?: (tx: Tx, invoiceId: string) => Promise<void> } = {}) {
  if (idempotencyKey) {
    const [done] = await ctx.database.db.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.clinicId, actor.clinicId), eq(invoices.idempotencyKey, idempotencyKey)));
    if (done) return { invoiceId: done.id, created: false };
  }
  const now = new Date(nowOf(ctx));
  const invoiceId = await ctx.database.transaction(async (tx) => {
    const billing = await billingOf(tx, actor.clinicId);
    assertCurrency(billing, body.currency);
    const [client] = await tx.select().from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, body.clientId)));
    if (!client) throw moneyProblem('unknown-client', 'There is no such client at this clinic.', 'clientId');
    const lines: PlannedLine[] = [];
    const after: ((invoiceId: string) => Promise<unknown>)[] = [];
    let bookingId: string | null = null;
    for (const [i, item] of body.items.entries()) {
      if (item.kind === 'service') {
        const svc = await serviceOf(tx, actor.clinicId, item.serviceId, `items.${i}.serviceId`);
        if (item.bookingId) {
          const [b] = await tx.select({ id: bookings.id }).from(bookings)
            .where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, item.bookingId), eq(bookings.clientId, client.id), eq(bookings.serviceId, svc.id)));
          if (!b) throw moneyProblem('unknown-booking', 'That visit is not this client’s booking of this service.', `items.${i}.bookingId`);
          bookingId ??= b.id;
        }
        lines.push({ ...priceLine({ description: svc.name, quantity: item.quantity, unitPriceMinor: svc.priceMinor }, billing.rateBp), kind: 'service', refId: svc.id });
      } else if (item.kind === 'package') {
        const [type] = await tx.select().from(packageTypes).where(and(eq(packageTypes.clinicId, actor.clinicId), eq(packageTypes.id, item.packageTypeId), eq(packageTypes.active, true)));
        if (!type || (options.online && !type.sellOnline)) throw moneyProblem('unknown-package', 'There is no such package on sale at this clinic.', `items.${i}.packageTypeId`);
        lines.push({ ...priceLine({ description: `${type.name} (${type.sessions} sessions, valid ${type.validityMonths} months)`, quantity: 1, unitPriceMinor: type.priceMinor }, billing.rateBp), kind: 'package', refId: type.id });
        // Bought online, the package is the client's once the card payment arrives (see stripe.service).
        if (!options.online) after.push((invoiceId) => holdPackage(tx, actor, actor.clinicId, billing, type, client.id, invoiceId, now));
      } else {
        const svc = item.serviceId ? await serviceOf(tx, actor.clinicId, item.serviceId, `items.${i}.serviceId`) : null;
        const value = svc ? svc.priceMinor : item.amountMinor!;
        if (value <= 0) throw moneyProblem('free-voucher', 'A voucher for a free service has no value to sell.', `items.${i}.serviceId`);
        // A multi-purpose voucher carries no VAT when sold; VAT is due when it is spent
        // (HMRC VAT Notice 700/7, the vouchers rules from 2019).
        lines.push({ ...priceLine({ description: svc ? `Gift voucher: ${svc.name}` : 'Gift voucher', quantity: 1, unitPriceMinor: value }, 0), kind: 'voucher', refId: svc?.id ?? null });
        after.push((invoiceId) => issueVoucher(tx, actor, actor.clinicId, billing, { serviceId: svc?.id ?? null, value, recipientName: item.recipientName || null, invoiceId, clientId: client.id, now }));
      }
    }
    const number = await takeNumber(tx, actor.clinicId, 'invoice');
    const id = await insertDocument(tx, actor, billing, {
      kind: 'invoice', number, numberText: documentNumber(billing.invoicePrefix, number), client, lines, bookingId, idempotencyKey: idempotencyKey ?? null, issuedAt: now, id: options.invoiceId,
    });
    for (const run of after) await run(id);
    await options.then?.(tx, id);
    return id;
  });
  return { invoiceId, created: true };
}

/** Gives a client the package an invoice sold them, from the sale's moment. Audited. */
export async function holdPackage(tx: Tx, who: Actor | null, clinicId: string, billing: Billing, type: typeof packageTypes.$inferSelect, clientId: string, invoiceId: string, now: Date) {
  const [held] = await tx.insert(clientPackages).values({
    clinicId, packageTypeId: type.id, clientId, name: type.name, sessionsTotal: type.sessions, priceMinor: type.priceMinor,
    currency: billing.currency, serviceIds: type.serviceIds, invoiceId, purchasedAt: now, expiresAt: packageExpiry(now, type.validityMonths, billing.timeZone),
  }).returning({ id: clientPackages.id });
  await recordAudit(tx, who, { action: 'package.sell', entityType: 'client_package', entityId: held!.id, clinicId, details: { clientId, invoiceId, sessions: type.sessions, priceMinor: type.priceMinor } });
  return held!.id;
}

/** Issues a gift voucher an invoice sold, with an unguessable code and the clinic's validity from `now`. Audited. */
export async function issueVoucher(tx: Tx, who: Actor | null, clinicId: string, billing: Billing, v: {
  serviceId: string | null; value: number; recipientName: string | null; invoiceId: string; clientId: string; now: Date;
}) {
  const code = voucherCode((n) => randomBytes(n));
  const [row] = await tx.insert(vouchers).values({
    clinicId, code, kind: v.serviceId ? 'treatment' : 'value', serviceId: v.serviceId, initialMinor: v.value, balanceMinor: v.value, currency: billing.currency,
    recipientName: v.recipientName, invoiceId: v.invoiceId, purchaserClientId: v.clientId, issuedAt: v.now,
    expiresAt: DateTime.fromJSDate(v.now).setZone(billing.timeZone).plus({ months: billing.voucherValidityMonths }).endOf('day').toJSDate(),
  }).returning({ id: vouchers.id, code: vouchers.code, expiresAt: vouchers.expiresAt });
  await recordAudit(tx, who, { action: 'voucher.sell', entityType: 'voucher', entityId: row!.id, clinicId, details: { clientId: v.clientId, invoiceId: v.invoiceId, valueMinor: v.value } });
  return row!;
}

async function serviceOf(q: Queryable, clinicId: string, serviceId: string, field: string) {
  const [svc] = await q.select().from(services).where(and(eq(services.clinicId, clinicId), eq(services.id, serviceId)));
  if (!svc) throw moneyProblem('unknown-service', 'There is no such service at this clinic.', field);
  return svc;
}

/** Who issues a document: someone signed in, or no one (an online payment's webhook or return page). */
type Issuer = Actor | { clinicId: string; userId: null };

/**
 * The invoice of a visit paid (in part) online when it was booked: the service at its
 * price, issued inside the payment's transaction by no one at the desk. Audited.
 */
export async function issueVisitInvoice(tx: Tx, clinicId: string, billing: Billing, client: { id: string; name: string; email: string }, svc: { id: string; name: string; priceMinor: number }, bookingId: string, now: Date) {
  const number = await takeNumber(tx, clinicId, 'invoice');
  return insertDocument(tx, { clinicId, userId: null }, billing, {
    kind: 'invoice', number, numberText: documentNumber(billing.invoicePrefix, number), client, bookingId, issuedAt: now,
    lines: [{ ...priceLine({ description: svc.name, quantity: 1, unitPriceMinor: svc.priceMinor }, billing.rateBp), kind: 'service', refId: svc.id }],
  });
}

export async function insertDocument(tx: Tx, actor: Issuer, billing: Billing, d: {
  kind: 'invoice' | 'credit_note'; number: number; numberText: string; client: { id: string; name: string; email: string }; lines: PlannedLine[];
  bookingId?: string | null; idempotencyKey?: string | null; correctsInvoiceId?: string; reason?: string; vatRateBp?: number; issuedAt: Date; id?: string;
}) {
  const totals = invoiceTotals(d.lines);
  const [row] = await tx.insert(invoices).values({
    ...(d.id ? { id: d.id } : {}), clinicId: actor.clinicId, kind: d.kind, number: d.number, numberText: d.numberText, clientId: d.client.id, correctsInvoiceId: d.correctsInvoiceId ?? null,
    bookingId: d.bookingId ?? null, currency: billing.currency, ...totals, vatRateBp: d.vatRateBp ?? billing.rateBp, seller: billing.seller,
    buyer: { name: d.client.name, email: d.client.email }, reason: d.reason ?? null, issuedAt: d.issuedAt, issuedBy: actor.userId, idempotencyKey: d.idempotencyKey ?? null,
  }).returning({ id: invoices.id });
  if (d.lines.length > 0) {
    await tx.insert(invoiceLines).values(d.lines.map((l, position) => ({
      clinicId: actor.clinicId, invoiceId: row!.id, position, kind: l.kind, description: l.description, refId: l.refId, quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor, totalMinor: l.totalMinor, vatMinor: l.vatMinor,
    })));
  }
  await recordAudit(tx, 'role' in actor ? actor : null, {
    action: d.kind === 'invoice' ? 'invoice.issue' : 'credit_note.issue', entityType: 'invoice', entityId: row!.id, clinicId: actor.clinicId,
    details: { number: d.numberText, clientId: d.client.id, totalMinor: totals.totalMinor, ...(d.correctsInvoiceId ? { corrects: d.correctsInvoiceId } : {}) },
  });
  return row!.id;
}

/** The ledger of an invoice, read inside `q` (lock the invoice first when about to change it). */
export async function ledgerOf(q: Queryable, clinicId: string, invoice: InvoiceRow): Promise<InvoiceLedger & { rows: (typeof payments.$inferSelect)[] }> {
  const rows = await q.select().from(payments).where(and(eq(payments.clinicId, clinicId), eq(payments.invoiceId, invoice.id))).orderBy(asc(payments.recordedAt));
  const credits = await q.select({ total: invoices.totalMinor }).from(invoices).where(and(eq(invoices.clinicId, clinicId), eq(invoices.correctsInvoiceId, invoice.id)));
  return {
    totalMinor: invoice.totalMinor,
    creditedMinor: credits.reduce((s, c) => s + c.total, 0),
    payments: rows.filter((p) => p.kind === 'payment').map((p) => ({
      id: p.id, amountMinor: p.amountMinor, refundedMinor: rows.filter((r) => r.refundOf === p.id).reduce((s, r) => s + r.amountMinor, 0),
    })),
    rows,
  };
}

/** The invoice, locked for the rest of the transaction: payments, refunds and credit notes of one invoice queue here. */
export async function lockInvoice(tx: Tx, clinicId: string, invoiceId: string) {
  const [inv] = await tx.select().from(invoices).where(and(eq(invoices.clinicId, clinicId), eq(invoices.id, invoiceId))).for('update');
  if (!inv) throw notFound('The invoice');
  return inv;
}

/**
 * A credit note corrects an issued invoice (which itself never changes): its own number
 * from the credit-note series, one line, VAT in the invoice's proportion. The owner only.
 */
export async function issueCreditNote(ctx: AppContext, actor: Actor, invoiceId: string, body: z.infer<typeof creditNoteBody>, tx?: Tx) {
  const run = async (t: Tx) => {
    const inv = await lockInvoice(t, actor.clinicId, invoiceId);
    if (inv.kind !== 'invoice') throw moneyProblem('not-an-invoice', 'A credit note corrects an invoice, not another credit note.');
    const billing = await billingOf(t, actor.clinicId);
    assertCurrency({ currency: inv.currency }, body.currency);
    const refusal = creditRefusal(await ledgerOf(t, actor.clinicId, inv), body.amountMinor);
    if (refusal) throw moneyProblem(refusal.code, refusal.detail, 'amountMinor');
    const vat = inv.totalMinor === 0 ? 0 : Math.round((body.amountMinor * inv.vatMinor) / inv.totalMinor);
    const number = await takeNumber(t, actor.clinicId, 'credit_note');
    return insertDocument(t, actor, billing, {
      kind: 'credit_note', number, numberText: documentNumber(billing.creditNotePrefix, number), client: { id: inv.clientId, ...inv.buyer },
      lines: [{ kind: 'credit', refId: inv.id, description: `Correction of ${inv.numberText}: ${body.reason}`, quantity: 1, unitPriceMinor: body.amountMinor, totalMinor: body.amountMinor, vatMinor: vat, netMinor: body.amountMinor - vat }],
      correctsInvoiceId: inv.id, reason: body.reason, vatRateBp: inv.vatRateBp, issuedAt: new Date(nowOf(ctx)),
    });
  };
  return tx ? run(tx) : ctx.database.transaction(run);
}

// ── Reading ───────────────────────────────────────────────────────────────────────────

type View = z.infer<typeof invoiceView>;

async function views(q: Queryable, clinicId: string, where: SQL | undefined, full: boolean, limit = 200): Promise<View[]> {
  const rows = await q.select({ i: invoices, clientName: clients.name }).from(invoices)
    .innerJoin(clients, and(eq(clients.clinicId, invoices.clinicId), eq(clients.id, invoices.clientId)))
    .where(and(eq(invoices.clinicId, clinicId), where)).orderBy(desc(invoices.issuedAt), desc(invoices.number)).limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.i.id);
  const pays = await q.select().from(payments).where(and(eq(payments.clinicId, clinicId), inArray(payments.invoiceId, ids))).orderBy(asc(payments.recordedAt));
  const credits = await q.select().from(invoices).where(and(eq(invoices.clinicId, clinicId), inArray(invoices.correctsInvoiceId, ids))).orderBy(asc(invoices.issuedAt));
  const lines = full ? await q.select().from(invoiceLines).where(and(eq(invoiceLines.clinicId, clinicId), inArray(invoiceLines.invoiceId, ids))).orderBy(asc(invoiceLines.position)) : [];
  const vs = full ? await q.select().from(vouchers).where(and(eq(vouchers.clinicId, clinicId), inArray(vouchers.invoiceId, ids))) : [];
  return rows.map(({ i, clientName }) => {
    const own = pays.filter((p) => p.invoiceId === i.id);
    const refundedOf = (id: string) => own.filter((r) => r.refundOf === id).reduce((s, r) => s + r.amountMinor, 0);
    const ownCredits = credits.filter((c) => c.correctsInvoiceId === i.id);
    const ledger: InvoiceLedger = {
      totalMinor: i.totalMinor, creditedMinor: ownCredits.reduce((s, c) => s + c.totalMinor, 0),
      payments: own.filter((p) => p.kind === 'payment').map((p) => ({ id: p.id, amountMinor: p.amountMinor, refundedMinor: refundedOf(p.id) })),
    };
    const isInvoice = i.kind === 'invoice';
    return {
      id: i.id, kind: i.kind, number: i.numberText, clientId: i.clientId, clientName, currency: i.currency, issuedAt: i.issuedAt.toISOString(),
      totalMinor: i.totalMinor, vatMinor: i.vatMinor, netMinor: i.netMinor, vatRateBp: i.vatRateBp,
      creditedMinor: ledger.creditedMinor, paidMinor: paidOf(ledger), outstandingMinor: isInvoice ? outstandingOf(ledger) : 0, state: isInvoice ? invoiceState(ledger) : 'paid',
      correctsInvoiceId: i.correctsInvoiceId, reason: i.reason, seller: i.seller,
      lines: lines.filter((l) => l.invoiceId === i.id).map((l) => ({ kind: l.kind, description: l.description, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, totalMinor: l.totalMinor, vatMinor: l.vatMinor })),
      payments: own.map((p) => ({
        id: p.id, kind: p.kind, method: p.method, amountMinor: p.amountMinor, refundedMinor: p.kind === 'payment' ? refundedOf(p.id) : 0,
        reference: p.reference, reason: p.reason, refundOf: p.refundOf, recordedAt: p.recordedAt.toISOString(),
      })),
      creditNotes: ownCredits.map((c) => ({ id: c.id, number: c.numberText, totalMinor: c.totalMinor, issuedAt: c.issuedAt.toISOString() })),
      vouchers: vs.filter((v) => v.invoiceId === i.id).map((v) => ({ id: v.id, code: printedCode(v.code), balanceMinor: v.balanceMinor, expiresAt: v.expiresAt.toISOString() })),
    };
  });
}

/** One invoice or credit note with its lines and ledger: desk staff, or the client it was issued to. */
export async function getInvoice(ctx: AppContext, actor: Actor, invoiceId: string): Promise<View> {
  const [v] = await views(ctx.database.db, actor.clinicId, eq(invoices.id, invoiceId), true);
  if (!v) throw notFound('The invoice');
  if (actor.role === 'client' && v.clientId !== actor.clientId) throw notOwnRecord(actor, 'invoice', invoiceId, 'The invoice');
  await recordAudit(ctx.database.db, actor, { action: 'invoice.view', entityType: 'invoice', entityId: invoiceId, details: { clientId: v.clientId } });
  return v;
}

/** Invoices and credit notes, newest first, of one client or of the whole clinic (desk staff). */
export async function listInvoices(ctx: AppContext, actor: Actor, filter: { clientId?: string }) {
  const items = await views(ctx.database.db, actor.clinicId, filter.clientId ? eq(invoices.clientId, filter.clientId) : undefined, false);
  return { items: items.map(({ lines: _l, payments: _p, creditNotes: _c, vouchers: _v, seller: _s, ...rest }) => rest) };
}

/** A client's own invoices (the portal). */
export async function myInvoices(ctx: AppContext, actor: Actor) {
  if (!actor.clientId) return [];
  return (await listInvoices(ctx, actor, { clientId: actor.clientId })).items;
}

/**
 * How a client pays what an invoice still owes: at the clinic (an issued invoice cannot be paid
 * online yet: card payment online is for packages, vouchers and deposits at booking only), with
 * the clinic's phone and e-mail for questions.
 */
export async function payAtClinicOf(ctx: AppContext, clinicId: string) {
  const [c] = await ctx.database.db.select({ phone: clinics.phone, email: clinics.email }).from(clinics).where(eq(clinics.id, clinicId));
  return { phone: c?.phone ?? null, email: c?.email ?? '' };
}
