import type { PracticeReport, REPORT_SECTIONS } from './practice-report.schema.ts';

type Section = (typeof REPORT_SECTIONS)[number];
type Cell = string | number | null;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that
 * a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe
 * (OWASP "CSV injection"). Null is an empty field.
 */
function field(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // A plain negative amount (-20.00) is a number, not a formula.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const table = (header: string[], rows: Cell[][]) => [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';

const attendanceHeader = ['due', 'kept', 'no_shows', 'late_cancellations', 'cancelled_in_time', 'no_show_percent', 'late_cancellation_percent'];
const attendanceCells = (a: PracticeReport['attendance']['total']): Cell[] =>
  [a.due, a.kept, a.noShows, a.lateCancellations, a.cancelledInTime, a.noShowPercent, a.lateCancellationPercent];

/**
 * An amount of minor units as major units with two decimals (85000 → "850.00"), built from
 * the integer so no float rounding touches it; spreadsheets read it as a number.
 */
export function major(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const METHOD_COLUMNS = ['card_terminal', 'cash', 'bank_transfer', 'online_card'] as const;

/** One section of the report as a CSV table, with a header row of snake_case names. */
export function practiceReportCsv(report: PracticeReport, section: Section): string {
  switch (section) {
    case 'utilisation':
      return table(['type', 'name', 'available_minutes', 'booked_minutes', 'percent'], [
        ...report.utilisation.practitioners.map((p) => ['practitioner', p.name, p.availableMinutes, p.bookedMinutes, p.percent]),
        ...report.utilisation.rooms.map((r) => ['room', r.name, r.availableMinutes, r.bookedMinutes, r.percent]),
        ['all practitioners', '', report.utilisation.total.availableMinutes, report.utilisation.total.bookedMinutes, report.utilisation.total.percent],
      ]);
    case 'attendance':
      return table(['type', 'name_or_period_start', ...attendanceHeader], [
        ...report.attendance.periods.map((p) => [report.granularity, p.start, ...attendanceCells(p)]),
        ...report.attendance.practitioners.map((p) => ['practitioner', p.name, ...attendanceCells(p)]),
        ['total', '', ...attendanceCells(report.attendance.total)],
      ]);
    case 'new-clients':
      return table([`${report.granularity}_start`, 'new_clients'], [
        ...report.newClients.periods.map((p) => [p.start, p.count]),
        ['total', report.newClients.total],
      ]);
    case 'conversion':
      return table(['measure', 'value'], [
        ['consultations', report.conversion.consultations],
        ['converted_to_course', report.conversion.converted],
        ['percent', report.conversion.percent],
        ...report.conversion.byKind.map((k) => [`converted_to_${k.kind}`, k.count]),
      ]);
    case 'retention':
      return table(['measure', 'value'], [
        ['weeks', report.retention.weeks],
        ['clients_seen', report.retention.seen],
        ['returned', report.retention.returned],
        ['still_open', report.retention.stillOpen],
        ['percent', report.retention.percent],
      ]);
    case 'takings': {
      const t = report.money.takings;
      const c = report.money.currency.toLowerCase();
      const amount = major;
      return table(['type', 'date_or_name', ...METHOD_COLUMNS.map((m) => `${m}_${c}`), `payments_${c}`, `refunds_${c}`, `net_${c}`], [
        ...t.days.map((d) => ['day', d.date, ...METHOD_COLUMNS.map((m) => amount(d[m])), null, null, amount(d.netMinor)]),
        ...t.methods.map((m) => ['method', m.method, ...METHOD_COLUMNS.map(() => null), amount(m.paymentsMinor), amount(m.refundsMinor), amount(m.netMinor)]),
        ...t.practitioners.map((p) => ['practitioner', p.name, ...METHOD_COLUMNS.map(() => null), amount(p.paymentsMinor), amount(p.refundsMinor), amount(p.netMinor)]),
        ['total', '', ...METHOD_COLUMNS.map((m) => amount(t.methods.find((x) => x.method === m)!.netMinor)), amount(t.total.paymentsMinor), amount(t.total.refundsMinor), amount(t.total.netMinor)],
        ['paid_from_vouchers', '', ...METHOD_COLUMNS.map(() => null), null, null, amount(t.redeemed.voucherMinor)],
        ['paid_from_package_sessions', '', ...METHOD_COLUMNS.map(() => null), null, null, amount(t.redeemed.packageCreditMinor)],
      ]);
    }
    case 'outstanding': {
      const o = report.money.outstanding;
      const c = report.money.currency.toLowerCase();
      return table(['invoice', 'client', 'issued_at', 'age_days', `total_${c}`, `outstanding_${c}`], [
        ...o.invoices.map((i) => [i.number, i.clientName, i.issuedAt, i.ageDays, major(i.totalMinor), major(i.outstandingMinor)]),
        ...o.bands.map((b) => [`age ${b.label}`, `${b.count} invoices`, null, null, null, major(b.totalMinor)]),
        ['total', `${o.count} invoices`, report.money.asOf, null, null, major(o.totalMinor)],
      ]);
    }
    case 'liability': {
      const l = report.money.liability;
      const c = report.money.currency.toLowerCase();
      return table(['type', 'name', 'count', 'sessions_left', `value_${c}`], [
        ...l.packages.byPackage.map((p) => ['package', p.name, p.packages, p.sessionsLeft, major(p.liabilityMinor)]),
        ['packages', 'all', l.packages.count, l.packages.sessionsLeft, major(l.packages.liabilityMinor)],
        ['vouchers', 'all', l.vouchers.count, null, major(l.vouchers.balanceMinor)],
        ['total', `at ${report.money.asOf}`, null, null, major(l.totalMinor)],
      ]);
    }
  }
}
