import { z } from "zod";
import { CaseType, DeadlineUnit, KE_ROLES } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { rolePolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";

// Deadlines per case type until the administrator sets the municipality's own. The law sets no
// fixed processing time for these case types (only "without undue delay" and the interim reply
// after one month), so these are starting points, all configurable. A change applies to cases
// received afterwards; received cases keep the deadlines they got.
export const DEFAULT_CASE_SETTINGS: Record<CaseType, { deadlineAmount: number; deadlineUnit: DeadlineUnit; formalDecision: boolean }> = {
  IP_APPLICATION: { deadlineAmount: 20, deadlineUnit: "WORKING_DAYS", formalDecision: true },
  COORDINATOR_REQUEST: { deadlineAmount: 20, deadlineUnit: "WORKING_DAYS", formalDecision: true },
  NEED_NOTICE: { deadlineAmount: 10, deadlineUnit: "WORKING_DAYS", formalDecision: false },
  COORDINATOR_CHANGE: { deadlineAmount: 20, deadlineUnit: "WORKING_DAYS", formalDecision: false },
  COMPLAINT: { deadlineAmount: 30, deadlineUnit: "CALENDAR_DAYS", formalDecision: true },
};

export const DEFAULT_REMINDER_WORKING_DAYS = 3;

export async function getCaseSetting(tx: Tx, municipalityId: string, type: CaseType) {
  const stored = await tx.caseTypeSetting.findUnique({ where: { municipalityId_type: { municipalityId, type } } });
  return stored ?? { ...DEFAULT_CASE_SETTINGS[type], reminderWorkingDays: DEFAULT_REMINDER_WORKING_DAYS };
}

/** Every case type's setting for the municipality, stored or default: for the administrator and the coordinating unit. */
export async function listCaseSettings(prisma: PrismaClient, actor: SessionUser) {
  const { municipalityId } = await rolePolicy(["ADMIN", ...KE_ROLES]).resolve(prisma, actor);
  return Promise.all(CaseType.options.map(async (type) => ({ type, ...(await getCaseSetting(prisma, municipalityId, type)) })));
}

export const updateCaseSettingInput = z.object({
  type: CaseType,
  deadlineAmount: z.number().int().min(1).max(365),
  deadlineUnit: DeadlineUnit,
  formalDecision: z.boolean(),
  reminderWorkingDays: z.number().int().min(0).max(30),
});

/** The administrator sets a case type's deadline, decision form and reminders. */
export async function updateCaseSetting(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof updateCaseSettingInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, rolePolicy(["ADMIN"]), "caseType.update", async (tx, { municipalityId }) => {
    const { type, ...values } = input;
    const saved = await tx.caseTypeSetting.upsert({
      where: { municipalityId_type: { municipalityId, type } },
      create: { municipalityId, type, ...values },
      update: values,
    });
    return { result: saved, target: { type: "caseType", id: type }, details: values };
  });
}
