import { useState } from 'react';
import { Plus, Trash2, Wallet } from 'lucide-react';
import type { z } from 'zod';
import type { clientPackage, invoiceView } from '../../../../features/money/money.schema.ts';
import { parseMoney } from '../../../../domain/money/money.ts';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { formatMoney } from '../../../lib/format.ts';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { SelectField, TextField } from '../../../components/field.tsx';
import { Dialog } from '../booking/dialog.tsx';
import { METHOD_LABEL } from './money-words.ts';

type Invoice = z.infer<typeof invoiceView>;
type Held = z.infer<typeof clientPackage>;
const DESK_METHODS = ['card_terminal', 'cash', 'bank_transfer', 'package_credit', 'voucher'] as const;
interface Part { method: (typeof DESK_METHODS)[number]; amount: string; voucherCode: string; clientPackageId: string; reference: string }

const pounds = (minor: number) => (minor / 100).toFixed(2);

/**
 * Reception takes a payment against an invoice, split across methods if the client wishes
 * (e.g. half on a gift voucher, the rest by card). The server refuses more than is owed.
 */
export function TakePaymentDialog({ slug, invoice, packages, onClose, onPaid }: {
  slug: string; invoice: Invoice | undefined; packages: Held[]; onClose: () => void; onPaid: (message: string) => void;
}) {
  const usable = packages.filter((p) => p.status === 'active' && !p.expired && p.remaining > 0);
  // The parent keys this dialog by invoice, so each invoice starts from one part for what is owed.
  const [parts, setParts] = useState<Part[]>(() => [{ method: 'card_terminal', amount: pounds(invoice?.outstandingMinor ?? 0), voucherCode: '', clientPackageId: usable[0]?.id ?? '', reference: '' }]);
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (!invoice) return <Dialog open={false} onClose={onClose} title="Take payment">{null}</Dialog>;
  const amounts = parts.map((p) => parseMoney(p.amount));
  const total = amounts.reduce<number>((s, a) => s + (a ?? 0), 0);
  const left = invoice.outstandingMinor - total;
  const set = (i: number, change: Partial<Part>) => setParts((ps) => ps.map((p, j) => (j === i ? { ...p, ...change } : p)));

  async function submit() {
    if (amounts.some((a) => a === null || a === 0)) {
      setError('Enter each amount in pounds and pence, e.g. 40.00.');
      return;
    }
    setBusy(true);
    setError(undefined);
    setFieldErrors({});
    try {
      await api.post(`/clinics/${slug}/invoices/${invoice!.id}/payments`, {
        currency: invoice!.currency,
        parts: parts.map((p, i) => ({
          method: p.method, amountMinor: amounts[i], ...(p.reference.trim() ? { reference: p.reference.trim() } : {}),
          ...(p.method === 'voucher' ? { voucherCode: p.voucherCode } : {}), ...(p.method === 'package_credit' ? { clientPackageId: p.clientPackageId } : {}),
        })),
      });
      onPaid(`${formatMoney(total, invoice!.currency)} taken for ${invoice!.number}.`);
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} wide title={`Take payment: ${invoice.number}`}
      description={`${formatMoney(invoice.outstandingMinor, invoice.currency)} left to pay by ${invoice.clientName}. Split it across methods if they wish.`}>
      <form className="flex flex-col gap-4" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        {error && <Alert tone="error">{error}</Alert>}
        {parts.map((p, i) => (
          <fieldset key={i} className="grid gap-3 rounded-lg border border-line p-3 sm:grid-cols-2">
            <legend className="px-1 text-sm font-semibold">Part {i + 1}</legend>
            <SelectField label="Method" value={p.method} onChange={(e) => set(i, { method: e.target.value as Part['method'] })}>
              {DESK_METHODS.filter((m) => m !== 'package_credit' || usable.length > 0).map((m) => <option key={m} value={m}>{METHOD_LABEL[m]}</option>)}
            </SelectField>
            <TextField label="Amount (£)" inputMode="decimal" value={p.amount} onChange={(e) => set(i, { amount: e.target.value })}
              error={amounts[i] === null && p.amount !== '' ? 'Use pounds and pence, e.g. 40.00' : fieldErrors[`parts.${i}.amountMinor`]} />
            {p.method === 'voucher' && (
              <TextField label="Voucher code" autoComplete="off" value={p.voucherCode} onChange={(e) => set(i, { voucherCode: e.target.value })}
                hint="16 characters, e.g. KD7Q-M3XP-9HWT-R2FZ" error={fieldErrors[`parts.${i}.voucherCode`]} />
            )}
            {p.method === 'package_credit' && (
              <SelectField label="Package" value={p.clientPackageId} onChange={(e) => set(i, { clientPackageId: e.target.value })} error={fieldErrors[`parts.${i}.clientPackageId`]}>
                {usable.map((h) => <option key={h.id} value={h.id}>{h.name}: {h.remaining} of {h.sessionsTotal} left</option>)}
              </SelectField>
            )}
            {(p.method === 'card_terminal' || p.method === 'bank_transfer') && (
              <TextField label="Receipt or reference (optional)" value={p.reference} maxLength={80} onChange={(e) => set(i, { reference: e.target.value })} />
            )}
            {parts.length > 1 && (
              <div className="sm:col-span-2">
                <Button variant="ghost" onClick={() => setParts((ps) => ps.filter((_, j) => j !== i))}><Trash2 aria-hidden="true" className="size-5" />Remove part {i + 1}</Button>
              </div>
            )}
          </fieldset>
        ))}
        <p aria-live="polite" className={left < 0 ? 'font-semibold text-danger' : 'muted'}>
          {left < 0 ? `That is ${formatMoney(-left, invoice.currency)} more than is owed.` : left === 0 ? 'That settles the invoice.' : `${formatMoney(left, invoice.currency)} will still be left to pay.`}
        </p>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={busy}><Wallet aria-hidden="true" className="size-5" />Take {formatMoney(total, invoice.currency)}</Button>
          {parts.length < 6 && (
            <Button variant="secondary" onClick={() => setParts((ps) => [...ps, { method: 'cash', amount: pounds(Math.max(0, left)), voucherCode: '', clientPackageId: usable[0]?.id ?? '', reference: '' }])}>
              <Plus aria-hidden="true" className="size-5" />Split: add a part
            </Button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
