import { z } from "zod";
import { recordAudit } from "../audit/audit.ts";
import { KE_ROLES } from "../auth/roles.ts";
import { roleProcedure, router } from "../trpc/trpc.ts";
import { listCaseSettings } from "./settings.ts";

const updateInput = z.object({
  type: z.enum(["IP_APPLICATION", "COORDINATOR_REQUEST", "NEED_NOTICE", "COORDINATOR_CHANGE", "COMPLAINT"]),
  deadlineAmount: z.number().int().min(1).max(365),
  deadlineUnit: z.enum(["CALENDAR_DAYS", "WORKING_DAYS"]),
  formalDecision: z.boolean(),
  reminderWorkingDays: z.number().int().min(0).max(30),
});

// Deadlines per case type: the administrator sets them; the coordinating unit may read them.
// A change applies to cases received afterwards; received cases keep the deadlines they got.
export const caseTypeRouter = router({
  list: roleProcedure("ADMIN", ...KE_ROLES).query(({ ctx }) => listCaseSettings(ctx.db.prisma, ctx.auth.user.municipalityId)),
  update: roleProcedure("ADMIN")
    .input(updateInput)
    .mutation(({ ctx, input }) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const { type, ...values } = input;
        const municipalityId = ctx.auth.user.municipalityId;
        const saved = await tx.caseTypeSetting.upsert({
          where: { municipalityId_type: { municipalityId, type } },
          create: { municipalityId, type, ...values },
          update: values,
        });
        await recordAudit(tx, { action: "caseType.update", municipalityId, actorId: ctx.auth.user.id, targetType: "caseType", targetId: type, details: values, meta: ctx.meta });
        return saved;
      }),
    ),
});
