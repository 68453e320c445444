import { minuteToClock, WEEKDAY_NAMES, type OpeningDay } from '../../../domain/opening-hours/opening-hours.ts';

/** A clinic's week as a description list: "Monday  9am – 5:30pm", closed days said plainly. */
export function OpeningHoursList({ days }: { days: OpeningDay[] }) {
  return (
    <dl className="hours">
      {days.map((d) => (
        <div key={d.weekday} className="hours-row">
          <dt>{WEEKDAY_NAMES[d.weekday]}</dt>
          <dd>
            {d.intervals.length === 0
              ? <span className="text-muted">Closed</span>
              : d.intervals.map((i) => (
                <span key={i.startMinute} className="block whitespace-nowrap">{minuteToClock(i.startMinute)} – {minuteToClock(i.endMinute)}</span>
              ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}
