// Kartlegging in the plan: the staff's assessment, the person's own view ("Slik ser jeg det"),
// goals tied to it, and the administrator's code list (issue 15). Plain words for service users.
export const assessmentNb = {
  assessment: {
    title: "Kartlegging",
  },
};

export const assessmentEn: typeof assessmentNb = {
  assessment: {
    title: "Assessment",
  },
};
