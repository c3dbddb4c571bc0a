import { z } from "zod";
import { id, KE_ROLES } from "../../app/domain/schemas.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { RequestMeta } from "../audit/audit.ts";
import { notFound, requireRight } from "../errors.ts";
import type { Policy, Scope } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { PURPOSE_HOURS } from "./access.ts";
import { purpose } from "./schemas.ts";

// The coordinating unit says why it opens a plan it takes no part in, in a form (a POST, never a
// link: a link could be sent to them and set it for them). The statement holds for this session
// and plan for a working day; every read it allows carries it in the access log.

export const statePurposeInput = z
  .object({
    planId: id,
    purpose,
  })
  .strict();

/** Coordinating-unit roles, for a plan of their municipality, in a signed-in session. */
const purposePolicy = (planId: string, purpose: string): Policy<Scope & { sessionId: string }> => ({
  async resolve(tx, actor) {
    const plan = await tx.plan.findFirst({ where: { id: planId, municipalityId: actor.municipalityId }, select: { id: true } });
    if (!plan || !hasAnyRole(actor, KE_ROLES)) throw notFound();
    requireRight(actor.sessionId !== null);
    return {
      municipalityId: actor.municipalityId,
      planId: plan.id,
      planRole: "AUDITOR",
      target: { type: "plan", id: plan.id },
      purpose,
      sessionId: actor.sessionId!,
    };
  },
});

export async function statePurpose(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof statePurposeInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, purposePolicy(input.planId, input.purpose), "plan.purpose", async (tx, scope) => {
    const expiresAt = new Date(Date.now() + PURPOSE_HOURS * 3600_000);
    await tx.purposeStatement.create({ data: { sessionId: scope.sessionId, planId: input.planId, purpose: input.purpose, expiresAt } });
    return { result: { planId: input.planId, expiresAt }, details: undefined };
  });
}
