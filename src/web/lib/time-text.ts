/**
 * Times of day as the clinic writes them: 24-hour "09:30". The browser's own time input
 * follows the computer's locale (an en-US browser shows "09:00 AM", cut off in a narrow
 * box), so the app takes times as text and tidies what people type.
 */

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether `text` is a 24-hour time, "00:00" to "23:59". */
export const isTimeText = (text: string) => HH_MM.test(text);

/**
 * Reads what someone typed as a 24-hour time: "9" → "09:00", "930" → "09:30",
 * "9.30" or "9:30" → "09:30", "1745" → "17:45". Returns undefined for anything else
 * (including "25:00" and "9:75"), so the form can say so rather than guess.
 */
export function normaliseTimeText(typed: string): string | undefined {
  const text = typed.trim().replace(/[.h]/i, ':');
  const match = /^(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
