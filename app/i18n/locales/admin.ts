// Administration texts (under the key "adm").
export const adminNb = {
  caseTypes: "Sakstyper og frister",
  caseTypesIntro: "Fristen gjelder saker som kommer inn etter at du har lagret. Saker som alt er mottatt, beholder fristene sine.",
  deadline: "Frist for avgjørelse",
  unit: "Regnes i",
  CALENDAR_DAYS: "kalenderdager",
  WORKING_DAYS: "virkedager",
  formalDecision: "Det fattes vedtak (med klageadgang)",
  reminder: "Påminnelse antall virkedager før fristen",
  save: "Lagre",
  saved: "Lagret.",
};

export type AdminMessages = typeof adminNb;

export const adminEn: AdminMessages = {
  caseTypes: "Case types and deadlines",
  caseTypesIntro: "The deadline applies to cases received after you save. Cases already received keep their deadlines.",
  deadline: "Decision deadline",
  unit: "Counted in",
  CALENDAR_DAYS: "calendar days",
  WORKING_DAYS: "working days",
  formalDecision: "A formal decision is made (with right of appeal)",
  reminder: "Reminder, working days before the deadline",
  save: "Save",
  saved: "Saved.",
};
