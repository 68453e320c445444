import { describe, expect, it } from 'vitest';
import { documentNumber, formatMoney, invoiceTotals, parseMoney, priceLine, vatOfGross } from './money.ts';
import { CODE_ALPHABET, CODE_LENGTH, normaliseCode, printedCode, voucherCode } from './voucher-code.ts';
import { drawsCredit, packageExpiry, packageToDraw } from './packages.ts';

describe('amounts and VAT', () => {
  it('finds the VAT inside a VAT-inclusive price, rounded to the penny', () => {
    expect(vatOfGross(12000, 2000)).toBe(2000); // £120 incl. 20 % → £20 VAT
    expect(vatOfGross(9500, 2000)).toBe(1583); // 1583.33…
    expect(vatOfGross(1, 2000)).toBe(0);
    expect(vatOfGross(3, 2000)).toBe(1); // 0.5 rounds up
    expect(vatOfGross(9500, 0)).toBe(0);
  });

  it('adds lines so the totals always match their parts', () => {
    const lines = [priceLine({ description: 'Facial', quantity: 2, unitPriceMinor: 9500 }, 2000), priceLine({ description: 'Massage', quantity: 1, unitPriceMinor: 6500 }, 2000)];
    const t = invoiceTotals(lines);
    expect(t.totalMinor).toBe(25500);
    expect(t.netMinor + t.vatMinor).toBe(t.totalMinor);
    expect(t.vatMinor).toBe(vatOfGross(19000, 2000) + vatOfGross(6500, 2000));
  });

  it('reads amounts typed by people without floating point', () => {
    expect(parseMoney('85')).toBe(8500);
    expect(parseMoney('12.5')).toBe(1250);
    expect(parseMoney('£1,250.07')).toBe(125007);
    expect(parseMoney('0.29')).toBe(29);
    for (const bad of ['-5', '1.234', 'abc', '', '1,2', '20000000']) expect(parseMoney(bad), bad).toBeNull();
  });

  it('prints numbers and amounts as people read them', () => {
    expect(documentNumber('INV', 42)).toBe('INV-000042');
    expect(formatMoney(85000, 'GBP')).toBe('£850.00');
  });
});

describe('gift voucher codes', () => {
  it('uses 16 characters without look-alikes, every character reachable', () => {
    let counter = 0;
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => (counter++ * 37) % 256);
    const code = voucherCode(bytes);
    expect(code).toHaveLength(CODE_LENGTH);
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]+$/);
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) for (const ch of voucherCode(bytes)) seen.add(ch);
    expect(seen.size).toBe(CODE_ALPHABET.length);
  });

  it('skips bytes that would favour some characters', () => {
    const code = voucherCode((n) => Uint8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 255 : 0)));
    expect(code).toBe('A'.repeat(16));
  });

  it('reads a code however it is typed', () => {
    expect(printedCode('KD7QM3XP9HWTR2FZ')).toBe('KD7Q-M3XP-9HWT-R2FZ');
    expect(normaliseCode(' kd7q-m3xp 9hwt-r2fz ')).toBe('KD7QM3XP9HWTR2FZ');
    expect(normaliseCode('KD7Q-M3XP-9HWT-R2F0')).toBeNull();
    expect(normaliseCode('short')).toBeNull();
  });
});

describe('packages', () => {
  it('expires at the end of the same local day months later, across the clocks changing', () => {
    expect(packageExpiry(new Date('2027-01-15T10:00:00Z'), 6, 'Europe/London').toISOString()).toBe('2027-07-15T22:59:59.999Z');
  });

  it('draws a credit for an attended session, and for late cancels and no-shows only by policy', () => {
    const strict = { lateCancelDrawsCredit: true, noShowDrawsCredit: true };
    const kind = { lateCancelDrawsCredit: false, noShowDrawsCredit: false };
    expect(drawsCredit('completed', kind)).toBe(true);
    expect(drawsCredit('no_show', strict)).toBe(true);
    expect(drawsCredit('no_show', kind)).toBe(false);
    expect(drawsCredit('late_cancel', kind)).toBe(false);
  });

  it('uses the package expiring soonest that covers the service and has sessions left', () => {
    const at = new Date('2027-03-01T10:00:00Z');
    const held = [
      { id: 'late', serviceIds: ['facial'], remaining: 3, expiresAt: new Date('2027-09-01'), status: 'active' },
      { id: 'soon', serviceIds: ['facial', 'massage'], remaining: 1, expiresAt: new Date('2027-04-01'), status: 'active' },
      { id: 'empty', serviceIds: ['facial'], remaining: 0, expiresAt: new Date('2027-03-15'), status: 'active' },
      { id: 'gone', serviceIds: ['facial'], remaining: 5, expiresAt: new Date('2027-02-01'), status: 'active' },
    ];
    expect(packageToDraw(held, 'facial', at)?.id).toBe('soon');
    expect(packageToDraw(held, 'massage', at)?.id).toBe('soon');
    expect(packageToDraw(held, 'knee', at)).toBeNull();
  });
});
