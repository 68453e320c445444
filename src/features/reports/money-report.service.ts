import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../data/db.ts';
import { clinics } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { refused, type Actor } from '../../server/access.ts';
import { liability, outstanding, takings } from '../../domain/reports/money-figures.ts';
import { granularityOf, rangeInstants, type ReportRange } from '../../domain/reports/report-period.ts';
import { outstandingSummary, packageLiabilityRows, takingsRows, voucherBalances } from './money-report.repository.ts';
import type { Span } from './practice-report.repository.ts';
import type { MyTakings, practiceReportQuery } from './practice-report.schema.ts';
import { checkRange } from './report-range.ts';

async function currencyOf(q: Queryable, clinicId: string) {
  const [row] = await q.select({ currency: clinics.currency, ownTakings: clinics.practitionersSeeOwnTakings }).from(clinics).where(eq(clinics.id, clinicId));
  return row!;
}

/**
 * The practice report's money reads: takings in the range, and outstanding invoices and
 * liability at the end of the range (or now, if the range runs into the future).
 */
export async function readMoney(q: Queryable, actor: Actor, span: Span, now: number) {
  const asOf = Math.min(span.to, now);
  const [{ currency }, rows, open, packages, vouchers] = await Promise.all([
    currencyOf(q, actor.clinicId),
    takingsRows(q, span),
    outstandingSummary(q, actor.clinicId, asOf),
    packageLiabilityRows(q, actor.clinicId, asOf),
    voucherBalances(q, actor.clinicId, asOf),
  ]);
  return { currency, asOf, rows, open, packages, vouchers };
}

/**
 * The money figures from those reads. Staff names, invoice numbers and the names of
 * clients who owe money: no health data.
 */
export function moneyFigures(read: Awaited<ReturnType<typeof readMoney>>, range: ReportRange, practitioners: readonly { id: string; name: string }[]) {
  return {
    currency: read.currency,
    asOf: new Date(read.asOf).toISOString(),
    takings: takings({ range, granularity: granularityOf(range), practitioners, rows: read.rows }),
    outstanding: outstanding(read.open, read.asOf),
    liability: liability(read.packages, read.vouchers),
  };
}

/**
 * A practitioner's own takings (the visits they gave that were invoiced), when the owner
 * lets practitioners see them; never a colleague's. Other staff read the practice report.
 */
export async function getMyTakings(ctx: AppContext, actor: Actor, query: Pick<z.infer<typeof practiceReportQuery>, 'startDate' | 'endDate'>): Promise<MyTakings> {
  const q = ctx.database.db;
  const { currency, ownTakings } = await currencyOf(q, actor.clinicId);
  if (actor.role !== 'practitioner') throw refused(actor, 'Only practitioners have takings of their own here; the owner sees everyone’s in the practice report.');
  if (!ownTakings) throw refused(actor, 'The clinic’s owner has not let practitioners see their own takings.');
  const range = { startDate: query.startDate, endDate: query.endDate };
  checkRange(range);
  const { from, to } = rangeInstants(range, actor.timeZone);
  const rows = await takingsRows(q, { clinicId: actor.clinicId, ...range, from, to }, actor.userId);
  return {
    timeZone: actor.timeZone, startDate: range.startDate, endDate: range.endDate, currency,
    takings: takings({ range, granularity: granularityOf(range), practitioners: [{ id: actor.userId, name: actor.name }], rows }),
  };
}
