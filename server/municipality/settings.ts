import { z } from "zod";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { DomainError } from "../errors.ts";
import { rolePolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";

// The municipality's own settings: its name, how people reach the coordinating unit, who e-mails
// come from, and whether people may sign in with a password beside the identity providers.

const ADMIN_ONLY = rolePolicy(["ADMIN"]);

export const updateSettingsInput = z.object({
  name: z.string().trim().min(2).max(200),
  contactEmail: z.string().trim().email().max(254).nullable(),
  contactPhone: z.string().trim().max(40).nullable(),
  /** The sender of the portal's e-mail ("From"): an address the municipality's mail server sends as. */
  mailFrom: z.string().trim().email().max(254).nullable(),
  passwordSignIn: z.boolean(),
});
export type UpdateSettingsInput = z.infer<typeof updateSettingsInput>;

const SELECT = { name: true, number: true, contactEmail: true, contactPhone: true, mailFrom: true, passwordSignIn: true, demo: true } as const;

export async function getSettings(prisma: PrismaClient, actor: SessionUser) {
  const { municipalityId } = await ADMIN_ONLY.resolve(prisma, actor);
  return prisma.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: SELECT });
}

/**
 * Saves the settings. Password sign-in can be turned off only while the municipality has an
 * enabled staff identity provider: otherwise nobody, the administrator included, could sign in.
 */
export async function updateSettings(prisma: PrismaClient, actor: SessionUser, input: UpdateSettingsInput, meta: RequestMeta) {
  return write(prisma, actor, meta, ADMIN_ONLY, "municipality.update", async (tx, { municipalityId }) => {
    const before = await tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: SELECT });
    if (!input.passwordSignIn && before.passwordSignIn) {
      const staffProviders = await tx.identityProvider.count({ where: { municipalityId, kind: "STAFF", enabled: true } });
      if (staffProviders === 0) throw new DomainError("BAD_REQUEST", "adm.error.needStaffProvider");
    }
    const data = {
      name: input.name,
      contactEmail: input.contactEmail?.toLowerCase() ?? null,
      contactPhone: input.contactPhone || null,
      mailFrom: input.mailFrom?.toLowerCase() ?? null,
      passwordSignIn: input.passwordSignIn,
    };
    const fields = (Object.keys(data) as (keyof typeof data)[]).filter((key) => before[key] !== data[key]);
    const after = await tx.municipality.update({ where: { id: municipalityId }, data, select: SELECT });
    return { result: after, target: { type: "municipality", id: municipalityId }, details: { fields } };
  });
}
