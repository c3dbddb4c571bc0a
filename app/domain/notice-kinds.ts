import { KE_ROLES, ROLES, STAFF_ROLES, type Role } from "./lists.ts";

// The kinds of notice a person can get. Every notice shows in the portal; in "Min konto" each
// person chooses which kinds also come by e-mail (only a link, never health information) and
// whether they come one by one or as one e-mail a day. `roles`: who can get the kind, so the
// settings show only what concerns the person. Texts: notifications.kind.<kind with _>.

const ALL = ROLES;
/** People who take part in plans: the user's side and staff. */
const IN_PLANS: readonly Role[] = ["USER", "RELATIVE", ...STAFF_ROLES];
const KE = KE_ROLES;

export const NOTICE_KINDS = {
  "case.received": { roles: KE },
  "case.assigned": { roles: KE },
  "case.deadline_soon": { roles: KE },
  "case.deadline_passed": { roles: KE },
  "case.interim_reply": { roles: ["USER", "RELATIVE", "STAFF", "COORDINATOR"] },
  "case.decided": { roles: ["USER", "RELATIVE", "STAFF", "COORDINATOR"] },
  "coordinator.appointed": { roles: IN_PLANS },
  "coordinator.released": { roles: ["COORDINATOR"] },
  "plan.user_input": { roles: ["COORDINATOR"] },
  "plan.question": { roles: ["COORDINATOR"] },
  "plan.question_answered": { roles: KE },
  "measure.assigned": { roles: IN_PLANS },
  "evaluation.due": { roles: IN_PLANS },
  "assessment.out_of_date": { roles: STAFF_ROLES },
  "meeting.invitation": { roles: ALL },
  "meeting.updated": { roles: ALL },
  "meeting.cancelled": { roles: ALL },
  "meeting.uninvited": { roles: ALL },
  "meeting.approved": { roles: IN_PLANS },
  "meeting.task": { roles: IN_PLANS },
  "meeting.reminder.dayBefore": { roles: ALL },
  "meeting.reminder.minutesOverdue": { roles: ["COORDINATOR", "STAFF"] },
  "meeting.reminder.notRecorded": { roles: ["COORDINATOR", "STAFF"] },
} as const satisfies Record<string, { roles: readonly Role[] }>;

export type NoticeKind = keyof typeof NOTICE_KINDS;
export const NOTICE_KIND_LIST = Object.keys(NOTICE_KINDS) as NoticeKind[];

export const isNoticeKind = (value: string): value is NoticeKind => Object.hasOwn(NOTICE_KINDS, value);

/** The kinds a person with these roles can get, in the table's order. */
export function noticeKindsFor(roles: readonly Role[]): NoticeKind[] {
  return NOTICE_KIND_LIST.filter((kind) => NOTICE_KINDS[kind].roles.some((role) => roles.includes(role)));
}

/** The i18n key of a kind's name. */
export const noticeKindKey = (kind: NoticeKind) => `notifications.kind.${kind.replaceAll(".", "_")}`;
