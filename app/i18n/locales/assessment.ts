// Kartlegging in the plan: the staff's assessment, the person's own view ("Slik ser jeg det"),
// goals tied to it (issue 15). Plain words for service users.
export const assessmentNb = {
  assessment: {
    title: "Kartlegging",
    agenda: {
      title: "Ulik vurdering i kartleggingen: {{variable}}",
      note: "Ansattes vurdering: {{staff}} · Egen vurdering: {{own}}",
    },
    errors: {
      unknownVariable: "«{{variable}}» finnes ikke i kodelisten for kartlegging. Last inn siden på nytt.",
      inFuture: "Datoen for kartleggingen kan ikke være fram i tid.",
      staffOnly: "Bare ansatte som kan endre planen, kan registrere en kartlegging.",
      userOnly: "Bare brukeren eller representanten kan skrive hvordan de selv ser det.",
    },
  },
};

export const assessmentEn: typeof assessmentNb = {
  assessment: {
    title: "Assessment",
    agenda: {
      title: "Different views in the assessment: {{variable}}",
      note: "Staff's score: {{staff}} · Own score: {{own}}",
    },
    errors: {
      unknownVariable: "“{{variable}}” is not in the code list for assessments. Reload the page.",
      inFuture: "The date of the assessment cannot be in the future.",
      staffOnly: "Only staff who may change the plan can record an assessment.",
      userOnly: "Only the user or their representative can write how they see it themselves.",
    },
  },
};
