import { randomUUID } from "node:crypto";
import { DEFAULT_CODE_LIST, variableKey, type AssessmentMethod } from "../app/domain/assessment.ts";
import type { PrismaClient } from "../server/db/database.ts";
import type { LifeArea } from "../server/db/generated/enums.ts";

// Kartlegging in Demo kommune (issue 15): assessments with history, the person's own view and
// goals tied to variables, so every new screen shows something true. All on the default code
// list (version 0); deterministic, never random. Kari's are made before her next meeting's
// agenda is built, so the difference between her view and the staff's reaches it.

const day = 24 * 60 * 60 * 1000;
const dateFromToday = (days: number) => new Date(Math.floor(Date.now() / day) * day + days * day);

const AREA_OF = new Map(DEFAULT_CODE_LIST.variables.map((v) => [variableKey(v), v.area]));
const KEYS = DEFAULT_CODE_LIST.variables.map(variableKey);

type Scores = Record<string, number>;

interface AssessmentSpec {
  daysAgo: number;
  by: string;
  methods: AssessmentMethod[];
  note?: string;
  scores: Scores;
}

interface OwnViewSpec {
  variable: string;
  score: number | null;
  words: string;
  daysAgo: number;
}

async function addAssessment(prisma: PrismaClient, planId: string, spec: AssessmentSpec): Promise<string> {
  const id = randomUUID();
  const on = dateFromToday(-spec.daysAgo);
  await prisma.assessment.create({
    data: { id, planId, codeListVersion: 0, assessedOn: on, assessedById: spec.by, methods: spec.methods, note: spec.note ?? "", createdAt: new Date(on.getTime() + 11 * 3_600_000) },
  });
  await prisma.assessmentScore.createMany({
    data: Object.entries(spec.scores).map(([variable, score]) => ({ assessmentId: id, planId, variable, area: AREA_OF.get(variable)!, score })),
  });
  return id;
}

async function addOwnViews(prisma: PrismaClient, planId: string, givenById: string, views: OwnViewSpec[]) {
  await prisma.assessmentOwnView.createMany({
    data: views.map((v) => ({ planId, variable: v.variable, area: AREA_OF.get(v.variable)!, score: v.score, words: v.words, givenById, createdAt: new Date(dateFromToday(-v.daysAgo).getTime() + 15 * 3_600_000) })),
  });
}

async function tieGoal(prisma: PrismaClient, goalId: string, variable: string, baseline: { id: string; scores: Scores; daysAgo: number }) {
  await prisma.goalVariable.create({
    data: { goalId, variable, area: AREA_OF.get(variable)!, baselineScore: baseline.scores[variable] ?? null, baselineAssessmentId: baseline.id, createdAt: dateFromToday(-baseline.daysAgo + 1) },
  });
}

/**
 * Kari's plan: Ingrid's assessment 14 months ago with Kari and Ola, and Jonas's two months ago by
 * observation. Moving about got better, memory worse; sight and hearing are all fine. Kari's own
 * view on feeling safe differs from the staff's by two, and her balance goal works on moving
 * about outdoors, with its baseline from the first assessment.
 */
export async function seedKarisAssessments(prisma: PrismaClient, planId: string, who: { owner: string; coordinator: string; physio: string }) {
  const firstScores: Scores = {
    "IPLOS:01": 3, "IPLOS:02": 2, "IPLOS:03": 9,
    "IPLOS:04": 3, "IPLOS:05": 3, "IPLOS:09": 2,
    "IPLOS:06": 2, "IPLOS:07": 1, "IPLOS:08": 1, "IPLOS:15": 1, "IPLOS:12": 3,
    "IPLOS:10": 2, "IPLOS:11": 4,
    "IPLOS:13": 3, "IPLOS:14": 2,
    "IPLOS:16": 1, "IPLOS:17": 1,
    "LOKAL:TRYGGHET": 3, "LOKAL:INITIATIV": 3,
  }; // prettier-ignore
  const first = {
    daysAgo: 425,
    scores: firstScores,
    id: await addAssessment(prisma, planId, {
      daysAgo: 425,
      by: who.coordinator,
      methods: ["CONVERSATION", "RELATIVE_PRESENT"],
      note: "Kartlagt hjemme hos Kari sammen med broren Ola, før planen ble laget.",
      scores: firstScores,
    }),
  };
  await addAssessment(prisma, planId, {
    daysAgo: 60,
    by: who.physio,
    methods: ["OBSERVATION"],
    note: "Observert på trening og på tur ute. Hukommelse og trygghet drøftet med Ingrid etterpå.",
    scores: {
      "IPLOS:01": 2, "IPLOS:02": 2, "IPLOS:03": 9,
      "IPLOS:04": 2, "IPLOS:05": 3, "IPLOS:09": 2,
      "IPLOS:06": 1, "IPLOS:07": 1, "IPLOS:08": 1, "IPLOS:15": 1,
      "IPLOS:10": 1, "IPLOS:11": 2,
      "IPLOS:13": 4,
      "IPLOS:16": 1, "IPLOS:17": 1,
      "LOKAL:TRYGGHET": 2,
    }, // prettier-ignore
  });
  await addOwnViews(prisma, planId, who.owner, [
    { variable: "LOKAL:TRYGGHET", score: 3, words: "Jeg er litt utrygg når jeg er alene.", daysAgo: 300 },
    { variable: "LOKAL:TRYGGHET", score: 4, words: "Jeg er redd for å falle, og jeg er utrygg alene om kvelden.", daysAgo: 40 },
    { variable: "IPLOS:13", score: 3, words: "Jeg glemmer avtaler hvis jeg ikke skriver dem i kalenderen på mobilen.", daysAgo: 40 },
    { variable: "IPLOS:11", score: 2, words: "Jeg går tur rundt vannet alene nå.", daysAgo: 40 },
    { variable: "IPLOS:01", score: 2, words: "Jeg treffer venner, men blir fort sliten.", daysAgo: 38 },
    { variable: "IPLOS:09", score: 1, words: "Jeg lager middag selv når jeg ikke er for sliten.", daysAgo: 38 },
  ]);
  const balance = await prisma.goal.findFirst({ where: { planId, title: "Bedre balanse og mindre fall" }, select: { id: true } });
  if (balance) await tieGoal(prisma, balance.id, "IPLOS:11", first);
  const morning = await prisma.goal.findFirst({ where: { planId, title: "Jeg vil klare morgenen selv" }, select: { id: true } });
  if (morning) await tieGoal(prisma, morning.id, "IPLOS:06", first);
}

/** The variable a demo goal in this life area works on. */
const GOAL_VARIABLE: Partial<Record<LifeArea, string>> = {
  HOUSING: "IPLOS:04",
  SCHOOL_WORK: "LOKAL:INITIATIV",
  SOCIAL: "IPLOS:01",
  HEALTH: "IPLOS:12",
  DAILY_LIVING: "IPLOS:05",
};

/** Scores from a plan's number and a variable's place: varied, repeatable, some areas all fine, some "not relevant". */
function patternScores(seed: number, shift: number, fine: string[]): Scores {
  const scores: Scores = {};
  KEYS.forEach((key, i) => {
    const area = AREA_OF.get(key)!;
    if (fine.includes(area)) scores[key] = 1;
    else if ((seed + i) % 9 === 4) scores[key] = 9;
    else {
      const base = (i + seed) % 10 === 7 ? 5 : ((seed * 2 + i * 3 + ((i * seed) % 4)) % 4) + 1;
      // The latest assessment: a third of the needs a step less, a few a step more.
      const change = shift ? ((i + seed) % 3 === 0 ? -1 : (i + seed) % 7 === 1 ? 1 : 0) : 0;
      scores[key] = Math.min(5, Math.max(1, base + change));
    }
  });
  return scores;
}

interface OtherPlan {
  planId: string;
  ownerId: string;
  coordinatorId: string | null;
  goalId: string;
  lifeArea: LifeArea;
  status: string;
}

/**
 * The other demo plans, by their place in the demo's list: two assessments (first and latest),
 * one (Liv's only one is older than 12 months: out of date), none (Emil's and the draft), and
 * the closed plan one old one.
 */
export async function seedOtherAssessments(prisma: PrismaClient, index: number, plan: OtherPlan) {
  const by = plan.coordinatorId;
  if (!by || plan.status === "DRAFT") return;
  const specs: Record<number, { days: number[]; fine: string[]; views?: OwnViewSpec[] } | undefined> = {
    0: {
      days: [300, 30],
      fine: ["sanser", "egenomsorg"],
      views: [
        { variable: "IPLOS:04", score: 2, words: "Jeg vasker selv, men trenger hjelp til det tunge.", daysAgo: 20 },
        { variable: "IPLOS:01", score: 1, words: "Jeg har mange venner på fotballen.", daysAgo: 20 },
      ],
    },
    1: { days: [400], fine: ["sanser"] },
    3: {
      days: [380, 100],
      fine: ["bevegelse", "sanser"],
      views: [
        { variable: "IPLOS:01", score: 4, words: "Jeg er mest alene og savner noen å snakke med.", daysAgo: 90 },
        { variable: "LOKAL:TRYGGHET", score: 3, words: "Det går bedre nå.", daysAgo: 90 },
      ],
    },
    4: { days: [200], fine: ["egenomsorg", "sanser"] },
    5: {
      days: [150],
      fine: ["bevegelse"],
      views: [{ variable: "IPLOS:12", score: null, words: "Jeg vil helst snakke om dette på møtet.", daysAgo: 140 }],
    },
    7: { days: [320], fine: ["sanser", "bevegelse"] },
  };
  const spec = specs[index];
  if (!spec) return;
  const variable = GOAL_VARIABLE[plan.lifeArea];
  let first: { id: string; scores: Scores; daysAgo: number } | null = null;
  for (const [n, daysAgo] of spec.days.entries()) {
    const scores = patternScores(index + 1, n, spec.fine);
    // What the goal works on: a clear need at first, less at the latest (4, then 3).
    if (variable) scores[variable] = 4 - n;
    const id = await addAssessment(prisma, plan.planId, { daysAgo, by, methods: n === 0 ? ["CONVERSATION"] : ["CONVERSATION", "OBSERVATION"], scores });
    first ??= { id, scores, daysAgo };
  }
  if (spec.views) await addOwnViews(prisma, plan.planId, plan.ownerId, spec.views);
  if (first && variable && plan.status === "ACTIVE") await tieGoal(prisma, plan.goalId, variable, first);
}
