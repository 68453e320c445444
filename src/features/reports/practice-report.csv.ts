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
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const table = (header: string[], rows: Cell[][]) => [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';

const attendanceHeader = ['due', 'kept', 'no_shows', 'late_cancellations', 'cancelled_in_time', 'no_show_percent', 'late_cancellation_percent'];
const attendanceCells = (a: PracticeReport['attendance']['total']): Cell[] =>
  [a.due, a.kept, a.noShows, a.lateCancellations, a.cancelledInTime, a.noShowPercent, a.lateCancellationPercent];

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
  }
}
