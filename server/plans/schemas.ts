import { z } from "zod";

// Input building blocks shared by the plan areas' procedures.

export const id = z.string().uuid();
export const planIdInput = z.object({ planId: id });

/** A calendar date as the browser's date field sends it, stored as that day (UTC midnight). */
export const isoDate = z.iso.date().transform((value) => new Date(`${value}T00:00:00.000Z`));
export const optionalDate = isoDate.nullable().optional();

export const shortText = (max = 300) => z.string().trim().min(1).max(max);
export const longText = (max = 10_000) => z.string().max(max);
export const score = z.number().int().min(1).max(5);

/** Every update says which version it was based on; a stale one is refused with the current value. */
export const version = z.number().int().min(1);
