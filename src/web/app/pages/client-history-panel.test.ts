import { describe, expect, it } from 'vitest';
import { statusOf, summaryLine, type ClientHistory } from './client-history-panel.tsx';

const zero = { completed: 0, noShows: 0, lateCancellations: 0, cancellations: 0, upcoming: 0 };
const appt = (status: ClientHistory['past'][number]['status'], lateCancellation = false): ClientHistory['past'][number] => ({
  id: 'a', startsAt: '2030-03-06T10:00:00Z', endsAt: '2030-03-06T11:00:00Z', serviceName: 'Facial', practitionerName: 'Pat',
  status, lateCancellation, cancelledBy: null, course: null,
});

describe('the visit counts in words', () => {
  it('names only what happened, singular and plural', () => {
    expect(summaryLine(zero)).toBe('No visits yet.');
    expect(summaryLine({ ...zero, completed: 4, noShows: 2, lateCancellations: 1 })).toBe('4 completed visits, 2 no-shows, 1 late cancellation.');
    expect(summaryLine({ ...zero, completed: 1, upcoming: 3, cancellations: 2 })).toBe('1 completed visit, 3 upcoming, 2 cancellations.');
  });

  it('tells a late cancellation and an unmarked past visit apart', () => {
    expect(statusOf(appt('cancelled', true), true).label).toBe('Late cancellation');
    expect(statusOf(appt('cancelled'), true).label).toBe('Cancelled');
    expect(statusOf(appt('confirmed'), true).label).toBe('Not marked');
    expect(statusOf(appt('confirmed'), false).label).toBe('Booked');
    expect(statusOf(appt('no_show'), true).label).toBe('No-show');
  });
});
