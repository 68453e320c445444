import { badRequest } from '../../server/errors.ts';
import { MAX_RANGE_DAYS, rangeDays, type ReportRange } from '../../domain/reports/report-period.ts';

/** A report's range runs forwards and covers at most two years: else 400, per field. */
export function checkRange(range: ReportRange): void {
  if (range.endDate < range.startDate) throw badRequest('The end date is before the start date.', [{ field: 'endDate', message: 'Must be on or after the start date' }]);
  if (rangeDays(range) > MAX_RANGE_DAYS) throw badRequest('A report covers at most two years.', [{ field: 'endDate', message: 'At most two years after the start date' }]);
}
