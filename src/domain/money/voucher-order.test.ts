import { describe, expect, it } from 'vitest';
import { parseVoucherOrder } from './voucher-order.ts';

const facial = { id: 'svc-facial', priceMinor: 8500 };
const base = { recipientName: 'Ann Lee', buyerName: 'Sam Lee', buyerEmail: 'Sam@Example.org' };

describe('a gift voucher order typed on the public page', () => {
  it('takes a value in whole pounds and lower-cases the addresses', () => {
    const r = parseVoucherOrder({ ...base, choice: 'value', amount: '£60', recipientEmail: ' Ann@Example.org ', message: ' Happy birthday ' }, [facial]);
    expect(r).toEqual({ ok: true, order: {
      buyerName: 'Sam Lee', buyerEmail: 'sam@example.org', recipientName: 'Ann Lee', recipientEmail: 'ann@example.org', message: 'Happy birthday', amountMinor: 6000, serviceId: null, totalMinor: 6000,
    } });
  });

  it('values a treatment voucher at the treatment’s price and needs no recipient address', () => {
    const r = parseVoucherOrder({ ...base, choice: 'treatment', serviceId: 'svc-facial' }, [facial]);
    expect(r.ok && r.order).toMatchObject({ serviceId: 'svc-facial', amountMinor: null, totalMinor: 8500, recipientEmail: null, message: null });
  });

  it.each([
    [{ amount: '4' }, 'amount'], [{ amount: '1001' }, 'amount'], [{ amount: '12.50' }, 'amount'], [{ amount: 'fifty' }, 'amount'], [{ amount: '-20' }, 'amount'],
    [{ amount: '50', recipientName: ' ' }, 'recipientName'], [{ amount: '50', recipientEmail: 'not-an-address' }, 'recipientEmail'],
    [{ amount: '50', message: 'x'.repeat(301) }, 'message'], [{ amount: '50', buyerEmail: '' }, 'buyerEmail'], [{ amount: '50', buyerName: '' }, 'buyerName'],
  ])('refuses %o with a word on %s', (change, field) => {
    const r = parseVoucherOrder({ ...base, choice: 'value', ...change }, [facial]);
    expect(r.ok).toBe(false);
    expect(!r.ok && Object.keys(r.errors)).toEqual([field]);
  });

  it('refuses a treatment the clinic does not sell', () => {
    const r = parseVoucherOrder({ ...base, choice: 'treatment', serviceId: 'svc-other' }, [facial]);
    expect(!r.ok && r.errors).toEqual({ serviceId: 'Choose the treatment the voucher is for' });
  });
});
