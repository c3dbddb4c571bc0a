import { z } from "zod";
import { id, Role } from "../../app/domain/schemas.ts";
import { MIN_PASSWORD_LENGTH } from "../auth/password.ts";

// The administration's inputs: people, units and the import. Forms send "" for an empty field;
// the pages turn that into null before calling. In a change, a field left out keeps its value
// and null empties it.

const name = z.string().trim().min(2).max(200);
const email = z.string().trim().email().max(254);
/** Validated in the service (requireIdentityNumber), so the person reads what is wrong with it. */
const identityNumber = z.string().trim().max(20);
const phone = z.string().trim().max(40);
const title = z.string().trim().max(200);

const personFields = {
  name,
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  title: title.nullable().optional(),
  /** The unit the person works in. */
  unitId: id.nullable().optional(),
  roles: z.array(Role).min(1).max(8),
  /** The unit a UNIT_LEADER leads; required with that role, ignored without it. */
  leadsUnitId: id.nullable().optional(),
};

export const createUserInput = z.object({
  ...personFields,
  identityNumber: identityNumber.nullable().optional(),
  /**
   * A first password, only where the municipality allows password sign-in (decision 016).
   * Without one, the person signs in through an identity provider.
   */
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200).nullable().optional(),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z.object({
  userId: id,
  ...personFields,
  /** A new identity number; absent keeps the one stored (it is never sent back to be edited). */
  identityNumber: identityNumber.nullable().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const userIdInput = z.object({ userId: id });

export const listUsersInput = z.object({ query: z.string().trim().max(100).optional() }).optional();

/** What one import may hold: a municipality's staff several times over, well inside a request's 1 MiB. */
export const MAX_IMPORT_CHARS = 400_000;
export const MAX_IMPORT_LINES = 2_000;

/** The file as the preview hands it back sealed (compressed, then AES-256-GCM): within a request's 1 MiB. */
export const MAX_SEALED_IMPORT_CHARS = 1_000_000;

/**
 * "preview" reads the file's text (UTF-8, a byte-order mark is fine) and answers each line's
 * problems, with the file sealed; "commit" takes that sealed file back and saves every line, or
 * nothing. The file with its identity numbers never goes back to the page in clear.
 */
export const importUsersInput = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("preview"), csv: z.string().max(MAX_IMPORT_CHARS) }),
  z.object({ mode: z.literal("commit"), sealedCsv: z.string().min(1).max(MAX_SEALED_IMPORT_CHARS) }),
]);
export type ImportUsersInput = z.infer<typeof importUsersInput>;

export const createUnitInput = z.object({ name });

export const updateUnitInput = z.object({
  unitId: id,
  name: name.optional(),
  /** true closes the unit (it keeps its history, takes no new members); false opens it again. */
  closed: z.boolean().optional(),
  /** Everyone who leads the unit; each gets the UNIT_LEADER role for it. */
  leaderIds: z.array(id).max(20).optional(),
});
export type UpdateUnitInput = z.infer<typeof updateUnitInput>;

export const listUnitsInput = z.object({ includeClosed: z.boolean().optional() }).optional();
