import type { AssessmentMethod, CodeList, CodeListVariable } from "../../app/domain/assessment.ts";

// What assessment.forPlan answers: the plan's Kartlegging as the pages show it. Dates are Oslo
// calendar days as "YYYY-MM-DD"; instants are ISO strings.

export interface AssessmentSummary {
  id: string;
  assessedOn: string;
  assessedBy: { id: string; name: string };
  methods: AssessmentMethod[];
  note: string;
  codeListVersion: number;
  /** variable key ("IPLOS:06") → score (1-5, 9). */
  scores: Record<string, number>;
}

export interface CurrentScore {
  score: number;
  assessedOn: string;
  assessmentId: string;
}

export interface OwnViewShown {
  score: number | null;
  words: string;
  givenBy: { id: string; name: string };
  givenAt: string;
}

export interface Difference {
  variable: string;
  staff: number;
  own: number;
}

export type OutOfDateReason = "NONE_YET" | "AGE" | "SERVICE_CHANGE" | "DECISION";

export interface GoalMovement {
  goalId: string;
  title: string;
  targetScore: number | null;
  variables: {
    variable: string;
    baselineScore: number | null;
    baselineOn: string | null;
    currentScore: number | null;
    currentOn: string | null;
    /** Positive when the need went down since the baseline (app/domain/assessment.ts improvement). */
    improvement: number | null;
  }[];
}

export interface AssessmentView {
  /** The municipality's current code list: what a new assessment or own view is given on. */
  codeList: CodeList;
  /**
   * Variables this plan's assessments used that the current list has since left out, by key,
   * with their words from the version they were scored on (the listed ones are in `codeList`).
   */
  retired: Record<string, CodeListVariable>;
  maxAgeMonths: number;
  /** Newest first. */
  assessments: AssessmentSummary[];
  /** The latest score of each variable, from the newest assessment that scored it. */
  current: Record<string, CurrentScore>;
  /** The person's latest own view of each variable. */
  ownViews: Record<string, OwnViewShown>;
  /** Variables where staff's current score and the person's own differ by 2 or more. */
  differences: Difference[];
  /** Why the assessment is out of date, or null when it is fresh. */
  outOfDate: { reason: OutOfDateReason; since: string | null } | null;
  /** Goals tied to variables, with their movement since the baseline. */
  goals: GoalMovement[];
  /** Staff with rights to change the plan record assessments; the user's side gives its own view. */
  canRecord: boolean;
  canGiveOwnView: boolean;
  canTieGoals: boolean;
}
