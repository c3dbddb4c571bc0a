import { z } from "zod";
import { calendarDate } from "../../app/domain/oslo-time.ts";
import { calendarDay } from "../../app/domain/schemas.ts";

// Input building blocks shared by the areas' procedures (ids: app/domain/schemas.ts).

/** A calendar date as the browser's date field sends it, stored as that day (UTC midnight). */
export const isoDate = calendarDay.transform((value) => calendarDate(value));
export const optionalDate = isoDate.nullable().optional();

export const shortText = (max = 300) => z.string().trim().min(1).max(max);
export const longText = (max = 10_000) => z.string().max(max);
export const score = z.number().int().min(1).max(5);

/** Every update says which version it was based on; a stale one is refused with the current value. */
export const version = z.number().int().min(1);

/** Why the coordinating unit opens a plan it takes no part in; recorded with every read. */
export const purpose = z.string().trim().min(3).max(500);
