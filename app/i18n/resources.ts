import { accountEn, accountNb } from "./locales/account.ts";
import { adminEn, adminNb } from "./locales/admin.ts";
import { applicationsEn, applicationsNb } from "./locales/applications.ts";
import { archiveEn, archiveNb } from "./locales/archive.ts";
import { assessmentEn, assessmentNb } from "./locales/assessment.ts";
import { assessmentCodesEn, assessmentCodesNb } from "./locales/assessment-codes.ts";
import { assessmentFiguresEn, assessmentFiguresNb } from "./locales/assessment-figures.ts";
import { auditEn, auditNb } from "./locales/audit.ts";
import { caseDetailEn, caseDetailNb } from "./locales/case-detail.ts";
import { casesEn, casesNb } from "./locales/cases.ts";
import { commonEn, commonNb } from "./locales/common.ts";
import { dashboardEn, dashboardNb } from "./locales/dashboard.ts";
import { goalsEn, goalsNb } from "./locales/goals.ts";
import { identityEn, identityNb } from "./locales/identity.ts";
import { meetingMessagesEn, meetingMessagesNb } from "./locales/meeting-messages.ts";
import { meetingsEn, meetingsNb } from "./locales/meetings.ts";
import { myPlanEn, myPlanNb } from "./locales/my-plan.ts";
import { notificationsEn, notificationsNb } from "./locales/notifications.ts";
import { overviewsEn, overviewsNb } from "./locales/overviews.ts";
import { participantsEn, participantsNb } from "./locales/participants.ts";
import { personsEn, personsNb } from "./locales/persons.ts";
import { planEn, planNb } from "./locales/plan.ts";
import { planDocumentsEn, planDocumentsNb } from "./locales/plan-documents.ts";
import { planTemplatesEn, planTemplatesNb } from "./locales/plan-templates.ts";
import { planReadingEn, planReadingNb } from "./locales/plan-reading.ts";
import { searchEn, searchNb } from "./locales/search.ts";
import { secondFactorEn, secondFactorNb } from "./locales/second-factor.ts";

// The i18n catalogue, shared by the UI and the server's messages. Pure data: safe for both.
// Each file in locales/ holds one area's texts in both languages; the top-level keys of the areas
// spread here must not overlap (tests/unit/i18n.test.ts checks it).
export { LANGS, DEFAULT_LANG, LOCALE_TAG, parseLang, type Lang } from "../domain/lang.ts";
export const LANG_COOKIE = "lang";

const nb = {
  ...commonNb,
  ...accountNb,
  ...myPlanNb,
  ...planNb,
  ...planReadingNb,
  ...planDocumentsNb,
  ...planTemplatesNb,
  ...goalsNb,
  ...participantsNb,
  ...applicationsNb,
  ...casesNb,
  ...caseDetailNb,
  ...overviewsNb,
  ...auditNb,
  ...meetingMessagesNb,
  ...identityNb,
  ...secondFactorNb,
  ...personsNb,
  ...archiveNb,
  ...searchNb,
  ...assessmentNb,
  ...assessmentCodesNb,
  ...assessmentFiguresNb,
};

const en: typeof nb = {
  ...commonEn,
  ...accountEn,
  ...myPlanEn,
  ...planEn,
  ...planReadingEn,
  ...planDocumentsEn,
  ...planTemplatesEn,
  ...goalsEn,
  ...participantsEn,
  ...applicationsEn,
  ...casesEn,
  ...caseDetailEn,
  ...overviewsEn,
  ...auditEn,
  ...meetingMessagesEn,
  ...identityEn,
  ...secondFactorEn,
  ...personsEn,
  ...archiveEn,
  ...searchEn,
  ...assessmentEn,
  ...assessmentCodesEn,
  ...assessmentFiguresEn,
};

export const resources = {
  nb: { translation: { ...nb, dash: dashboardNb, adm: adminNb, notifications: notificationsNb, meetings: meetingsNb } },
  en: { translation: { ...en, dash: dashboardEn, adm: adminEn, notifications: notificationsEn, meetings: meetingsEn } },
} as const;
