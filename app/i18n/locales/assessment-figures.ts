// The coordinating unit's and unit leaders' figures from Kartlegging, and the register export (issue 15).
export const assessmentFiguresNb = {
  assessmentFigures: {
    title: "Kartlegging",
  },
};

export const assessmentFiguresEn: typeof assessmentFiguresNb = {
  assessmentFigures: {
    title: "Assessments",
  },
};
