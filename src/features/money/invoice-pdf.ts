import { DateTime } from 'luxon';
import type { z } from 'zod';
import { PdfWriter } from '../common/pdf.ts';
import { formatMoney } from '../../domain/money/money.ts';
import type { invoiceView } from './money.schema.ts';

const METHOD_WORDS: Record<string, string> = {
  card_terminal: 'Card (terminal)', cash: 'Cash', bank_transfer: 'Bank transfer', package_credit: 'Package session', voucher: 'Gift voucher', online_card: 'Card (online)',
};

/** An invoice or credit note as an A4 PDF: seller's legal details and VAT status, buyer, lines, totals, payments. */
export async function invoicePdf(v: z.infer<typeof invoiceView>, timeZone: string): Promise<Buffer> {
  const money = (m: number) => formatMoney(m, v.currency);
  const when = (iso: string) => DateTime.fromISO(iso).setZone(timeZone).setLocale('en-GB').toFormat('d LLLL yyyy');
  const title = v.kind === 'invoice' ? `Invoice ${v.number}` : `Credit note ${v.number}`;
  const pdf = new PdfWriter(title, v.seller.name).title(title, `Issued ${when(v.issuedAt)}`);
  pdf.heading('From').fields([
    ['Name', v.seller.name], ['Address', v.seller.address], ['E-mail', v.seller.email],
    ...(v.seller.companyNumber ? [['Company number', v.seller.companyNumber] as [string, string]] : []),
    ['VAT', v.seller.vatNumber ? `Registered, VAT number ${v.seller.vatNumber}` : 'Not VAT registered: no VAT is charged'],
  ]);
  pdf.heading('To').fields([['Name', v.clientName]]);
  if (v.reason) pdf.paragraph(`Reason: ${v.reason}`);
  pdf.heading(v.kind === 'invoice' ? 'Items' : 'Credited').list(v.lines.map((l) =>
    `${l.description}  ·  ${l.quantity} × ${money(l.unitPriceMinor)}  ·  ${money(l.totalMinor)}${v.seller.vatNumber ? `  (VAT ${money(l.vatMinor)})` : ''}`));
  pdf.fields([
    ...(v.seller.vatNumber ? [['Net', money(v.netMinor)], [`VAT at ${v.vatRateBp / 100}%`, money(v.vatMinor)]] as [string, string][] : []),
    ['Total', money(v.totalMinor)],
  ]);
  if (v.kind === 'invoice') {
    pdf.heading('Payments').list(v.payments.map((p) => `${when(p.recordedAt)}  ·  ${p.kind === 'refund' ? 'Refund' : 'Paid'}  ·  ${METHOD_WORDS[p.method] ?? p.method}  ·  ${money(p.amountMinor)}`), 'No payments yet.');
    if (v.creditNotes.length > 0) pdf.heading('Credit notes').list(v.creditNotes.map((c) => `${c.number}  ·  ${when(c.issuedAt)}  ·  ${money(c.totalMinor)}`));
    pdf.fields([['Left to pay', money(Math.max(0, v.outstandingMinor))]]);
    if (v.vouchers.length > 0) pdf.heading('Gift vouchers').list(v.vouchers.map((g) => `Code ${g.code}  ·  ${money(g.balanceMinor)}  ·  valid until ${when(g.expiresAt)}`));
  }
  return pdf.finish();
}
