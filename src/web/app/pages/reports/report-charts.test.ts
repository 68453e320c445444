import { describe, expect, it } from 'vitest';
import { anyTakings } from './report-charts.tsx';

const period = (over: Partial<Record<'card_terminal' | 'online_card' | 'cash' | 'bank_transfer', number>> = {}) =>
  ({ card_terminal: 0, online_card: 0, cash: 0, bank_transfer: 0, ...over });

describe('the takings chart is drawn only when money moved', () => {
  it('no periods, or only empty ones: nothing to chart (the empty state shows instead of a £0–£4 axis)', () => {
    expect(anyTakings([])).toBe(false);
    expect(anyTakings([period(), period(), period()])).toBe(false);
  });
  it('a payment, or a refund alone (below the line), is charted', () => {
    expect(anyTakings([period(), period({ cash: 1 })])).toBe(true);
    expect(anyTakings([period({ online_card: -2000 })])).toBe(true);
    // Paid and refunded the same day nets to nothing, but money moved: still charted.
    expect(anyTakings([period({ card_terminal: 5000, bank_transfer: -5000 })])).toBe(true);
  });
});
