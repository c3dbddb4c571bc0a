import type { CaseType, DeadlineUnit } from "../db/generated/enums.ts";
import type { Tx } from "../db/types.ts";

// Deadlines per case type until the administrator sets the municipality's own. The law sets no
// fixed processing time for these case types (only "without undue delay" and the interim reply
// after one month), so these are starting points, all configurable.
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

export const CASE_TYPES = Object.keys(DEFAULT_CASE_SETTINGS) as CaseType[];

/** Every case type's setting for the municipality, stored or default. */
export async function listCaseSettings(tx: Tx, municipalityId: string) {
  return Promise.all(CASE_TYPES.map(async (type) => ({ type, ...(await getCaseSetting(tx, municipalityId, type)) })));
}
