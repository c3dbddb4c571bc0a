// The coordinating unit's and unit leaders' figures from Kartlegging, and the register export (issue 15).
export const assessmentFiguresNb = {
  assessmentFigures: {
    title: "Kartlegging",
    intro:
      "Tall fra kartleggingene i de aktive planene: hvordan ansatte har vurdert hverdagen til personene, og om personens eget syn er skrevet ned. {{withAssessment}} av {{activePlans}} aktive planer har en kartlegging.",
    introHidden: "Tall fra kartleggingene i de aktive planene. Tall under 5 er skjult.",
    whatHeading: "Hva viser tallet?",
    notHeading: "Hva viser det ikke?",
    staffNotPerson: "Tallene viser hvordan ansatte har vurdert, ikke hvordan personene selv har det.",
    hidden: "under 5",
    percent: "{{value}} %",
    coverage: {
      heading: "Dekning og oppdatering",
      withAssessment: "Aktive planer med kartlegging",
      withoutAssessment: "Aktive planer uten kartlegging",
      assessmentOutOfDate: "Kartleggingen er eldre enn {{months}} måneder",
      withOwnView: "Kartlegginger med personens eget syn",
      withUserWrittenGoals: "Planer med mål personen skrev selv",
      sharesCaption: "Andel av planene",
      share: "Andel (%)",
      sharesHidden: "Andeler vises ikke når tallet bak er under 5, eller når det ikke er noen planer å regne av.",
      measure: "Hva",
      what:
        "Antall aktive planer med minst én kartlegging, og hvor mange som ikke har noen. En kartlegging er for gammel når den siste er eldre enn {{months}} måneder (kommunens grense). Eget syn: planer med kartlegging der personen eller representanten har gitt sitt eget syn på minst ett punkt; andelen er av planene med kartlegging. Mål personen skrev selv: det samme tallet som i oversikten over planer.",
      not:
        "Tallene sier ikke om kartleggingen er god eller riktig, bare at den finnes og hvor gammel den er. En kartlegging kan også være utdatert fordi tjenestene er endret; det vises i planen, ikke her. At eget syn er skrevet ned på ett punkt betyr ikke at personen har gitt det på alle.",
    },
    scores: {
      heading: "Skår per område nå",
      caption: "Personer etter skår i hvert område (siste vurdering)",
      perUnitSummary: "Fordelt på enhet",
      perUnitCaption: "{{unit}}: personer etter skår i hvert område",
      noUnit: "Uten koordinator eller enhet",
      area: "Område",
      score: "Skår {{score}}",
      notRelevant: "Ikke relevant (9)",
      people: "Personer",
      what:
        "For hver person og hvert område: den høyeste skåren (størst behov for hjelp) blant områdets punkter, fra den nyeste vurderingen av hvert punkt. 1 betyr at personen klarer seg selv, 5 at personen trenger hjelp til alt. 9 betyr at ingen av punktene er relevante. Enhet er enheten til den som er koordinator nå.",
      not:
        "Det finnes ingen samlet «behovsskår» per person, og skårene skal ikke legges sammen eller tas gjennomsnitt av. Tallene gjelder bare planer som har en kartlegging; personer uten kartlegging er ikke med. Gamle vurderinger telles med som de er.",
    },
    change: {
      heading: "Endring for personer med mål i området",
      caption: "Endring fra første til siste kartlegging, for personer med mål knyttet til området",
      area: "Område",
      people: "Personer med mål",
      improved: "Mindre behov",
      unchanged: "Uendret",
      worse: "Større behov",
      notComparable: "Kan ikke sammenlignes ennå",
      what:
        "Personer med minst ett mål (ikke slettet) som er knyttet til et punkt i området. Områdets skår (den høyeste blant punktene) i den første vurderingen sammenlignes med den siste. Lavere skår betyr mindre behov for hjelp. «Kan ikke sammenlignes» er personer med færre enn to kartlegginger av området, eller bare «ikke relevant».",
      not:
        "En endring viser ikke at målet eller tiltakene var årsaken. Ting utenfor planen påvirker også hverdagen, og ulike ansatte kan vurdere ulikt. Uendret kan være et godt resultat når målet var å holde funksjonen ved like.",
    },
    goals: {
      heading: "Måloppnåelse per livsområde",
      caption: "Mål i aktive planer etter livsområde og om de er nådd",
      lifeArea: "Livsområde",
      goals: "Mål",
      achieved: "Nådd",
      partly: "Delvis nådd",
      notAttained: "Ikke nådd",
      notEvaluated: "Ikke evaluert",
      none: "Ingen mål i aktive planer ennå.",
      what:
        "Alle mål og delmål i aktive planer som ikke er slettet, etter livsområdet målet har. Nådd: målet er satt som oppnådd, eller evalueringen sa «ja». Delvis og ikke nådd: det evalueringen sa. Ikke evaluert: ingen evaluering ennå.",
      not:
        "Målene er personenes egne og svært ulike; et mål som ikke er nådd kan være et stort og viktig mål. Tallene sier ingenting om kvaliteten på tjenestene alene.",
    },
    registerExport: {
      refused: "Bare leder for koordinerende enhet kan laste ned opplysningene til det nasjonale registeret.",
      heading: "Opplysninger til det nasjonale registeret",
      intro:
        "En fil med én rad per tjenestemottaker med aktiv eller avsluttet plan, til kommunens journalsystem: en pseudonym referanse (ingen navn eller fødselsnummer), om personen har individuell plan og fra når, koordinator og fra når, planens status og siste kartlegging med skårene. Nedlastingen logges.",
      csv: "Last ned som CSV",
      json: "Last ned som JSON",
    },
  },
};

export const assessmentFiguresEn: typeof assessmentFiguresNb = {
  assessmentFigures: {
    title: "Assessments",
    intro:
      "Figures from the assessments in active plans: how staff have assessed the people's daily life, and whether the person's own view is recorded. {{withAssessment}} of {{activePlans}} active plans have an assessment.",
    introHidden: "Figures from the assessments in active plans. Counts below 5 are hidden.",
    whatHeading: "What does the figure show?",
    notHeading: "What does it not show?",
    staffNotPerson: "The figures show how staff have assessed, not how the people themselves are doing.",
    hidden: "below 5",
    percent: "{{value}} %",
    coverage: {
      heading: "Coverage and freshness",
      withAssessment: "Active plans with an assessment",
      withoutAssessment: "Active plans without an assessment",
      assessmentOutOfDate: "Assessment older than {{months}} months",
      withOwnView: "Assessments with the person's own view",
      withUserWrittenGoals: "Plans with goals the person wrote",
      sharesCaption: "Share of the plans",
      share: "Share (%)",
      sharesHidden: "Shares are not shown when the count behind them is below 5, or when there are no plans to count from.",
      measure: "What",
      what:
        "Active plans with at least one assessment, and how many have none. An assessment is out of date when the latest is older than {{months}} months (the municipality's limit). Own view: plans with an assessment where the person or their representative gave their own view on at least one item; the share is of plans with an assessment. Goals the person wrote: the same figure as in the plans overview.",
      not:
        "The figures do not say whether an assessment is good or right, only that it exists and how old it is. An assessment can also be out of date because services changed; that shows in the plan, not here. An own view on one item does not mean the person gave it on all.",
    },
    scores: {
      heading: "Scores per area now",
      caption: "People by score in each area (latest assessment)",
      perUnitSummary: "By unit",
      perUnitCaption: "{{unit}}: people by score in each area",
      noUnit: "No coordinator or unit",
      area: "Area",
      score: "Score {{score}}",
      notRelevant: "Not relevant (9)",
      people: "People",
      what:
        "For each person and area: the highest score (most need of help) among the area's items, from the latest assessment of each item. 1 means the person manages alone, 5 that they need help with everything. 9 means none of the items is relevant. The unit is the current coordinator's unit.",
      not:
        "There is no overall \"need score\" per person, and scores must not be added up or averaged. Only plans with an assessment are counted; people without one are not included. Old assessments count as they are.",
    },
    change: {
      heading: "Change for people with goals in the area",
      caption: "Change from the first to the latest assessment, for people with goals tied to the area",
      area: "Area",
      people: "People with goals",
      improved: "Less need",
      unchanged: "Unchanged",
      worse: "More need",
      notComparable: "Cannot be compared yet",
      what:
        "People with at least one goal (not deleted) tied to an item in the area. The area's score (the highest among its items) in the first assessment is compared with the latest. A lower score means less need of help. \"Cannot be compared\" are people with fewer than two assessments of the area, or only \"not relevant\".",
      not:
        "A change does not show that the goal or the measures caused it. Things outside the plan also affect daily life, and different staff may assess differently. Unchanged can be a good result when the goal was to keep a function.",
    },
    goals: {
      heading: "Goal attainment per life area",
      caption: "Goals in active plans by life area and whether they were attained",
      lifeArea: "Life area",
      goals: "Goals",
      achieved: "Attained",
      partly: "Partly attained",
      notAttained: "Not attained",
      notEvaluated: "Not evaluated",
      none: "No goals in active plans yet.",
      what:
        "Every goal and sub-goal in active plans that is not deleted, by the goal's life area. Attained: the goal is marked achieved, or its evaluation said \"yes\". Partly and not attained: what the evaluation said. Not evaluated: no evaluation yet.",
      not:
        "The goals are the people's own and very different; a goal not attained may be a big and important one. The figures say nothing about the quality of the services on their own.",
    },
    registerExport: {
      refused: "Only the head of the coordinating unit can download the data for the national register.",
      heading: "Data for the national register",
      intro:
        "A file with one row per service user with an active or closed plan, for the municipality's record system: a pseudonymous reference (no name or identity number), whether the person has an individual plan and since when, a coordinator and since when, the plan's status and the latest assessment with its scores. The download is logged.",
      csv: "Download as CSV",
      json: "Download as JSON",
    },
  },
};
