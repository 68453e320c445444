import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { services, vouchers } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import { notFound } from '../../server/errors.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { normaliseCode, printedCode } from '../../domain/money/voucher-code.ts';
import type { voucherView } from './money.schema.ts';

/**
 * A gift voucher's balance and expiry by its code, for the desk. A code of another clinic
 * (or no code at all) is 404 here: codes are looked up only within the asking clinic.
 */
export async function findVoucher(ctx: AppContext, actor: Actor, typed: string): Promise<z.infer<typeof voucherView>> {
  const code = normaliseCode(typed);
  if (!code) throw notFound('The voucher');
  const [row] = await ctx.database.db.select({ v: vouchers, serviceName: services.name }).from(vouchers)
    .leftJoin(services, and(eq(services.clinicId, vouchers.clinicId), eq(services.id, vouchers.serviceId)))
    .where(and(eq(vouchers.clinicId, actor.clinicId), eq(vouchers.code, code)));
  if (!row) throw notFound('The voucher');
  const v = row.v;
  await recordAudit(ctx.database.db, actor, { action: 'voucher.view', entityType: 'voucher', entityId: v.id });
  return {
    code: printedCode(v.code), kind: v.kind, serviceName: row.serviceName, initialMinor: v.initialMinor, balanceMinor: v.balanceMinor, currency: v.currency,
    expiresAt: v.expiresAt.toISOString(), expired: v.expiresAt.getTime() < nowOf(ctx), recipientName: v.recipientName,
  };
}
