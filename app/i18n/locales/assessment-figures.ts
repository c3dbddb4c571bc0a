// The coordinating unit's and unit leaders' figures from Kartlegging, and the register export (issue 15).
export const assessmentFiguresNb = {
  assessmentFigures: {
    title: "Kartlegging",
    registerExport: {
      refused: "Bare leder for koordinerende enhet kan laste ned opplysningene til det nasjonale registeret.",
    },
  },
};

export const assessmentFiguresEn: typeof assessmentFiguresNb = {
  assessmentFigures: {
    title: "Assessments",
    registerExport: {
      refused: "Only the head of the coordinating unit can download the data for the national register.",
    },
  },
};
