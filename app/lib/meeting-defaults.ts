import { todayInOslo } from "../domain/oslo-time.ts";
import { addCalendarDays, nextWorkingDay } from "../domain/working-days.ts";

// Where a new meeting's form starts (issue 14): the next working day at nine, Oslo time. A usual
// time that is easy to change, never a weekend or a public holiday.

export const NEW_MEETING_TIME = "09:00";

/** The first working day after today in Oslo, "YYYY-MM-DD". */
export function newMeetingDay(now = new Date()): string {
  return nextWorkingDay(addCalendarDays(todayInOslo(now), 1));
}
