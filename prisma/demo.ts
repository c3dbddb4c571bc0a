import type { PrismaClient } from "../server/db/database.ts";
import type { Role } from "../server/db/generated/enums.ts";
import type { PrismaClient as Client } from "../server/db/database.ts";
import type { LifeArea } from "../server/db/generated/enums.ts";
import { caseDeadlines } from "../server/cases/deadlines.ts";
import { DEFAULT_CASE_SETTINGS } from "../server/cases/settings.ts";
import type { CaseOutcome, CaseType } from "../server/db/generated/enums.ts";
import { addMonths, calendarDate, osloDate, osloMonth } from "../app/domain/oslo-time.ts";
import { addCalendarDays } from "../app/domain/working-days.ts";
import { buildAgenda } from "../server/meetings/agenda.ts";
import { osloLocalToInstant } from "../app/domain/oslo-time.ts";
import { createGoal, createMunicipality, createPlan, createUnit, createUser } from "./factories.ts";
import { seedKarisDocuments } from "./demo-documents.ts";
import { seedKarisAssessments, seedOtherAssessments } from "./demo-assessments.ts";
import { protectIdentityNumber } from "../server/identity/protect.ts";
import { TEST_RESIDENTS, testIdentityOf } from "../server/test-idp/persons.ts";

// "Demo kommune": a small municipality where every role has something true to look at.

export const DEMO_PASSWORD = "demo1234";
export const DEMO_MUNICIPALITY = { name: "Demo kommune", number: "9999", demo: true } as const;

export interface DemoAccount {
  email: string;
  description: string;
}

const ACCOUNTS: (DemoAccount & { name: string; roles: Role[]; unit?: string; title?: string; phone?: string })[] = [
  { email: "bruker@demo.no", name: "Kari Nordmann", roles: ["USER"], description: "tjenestemottaker med aktiv plan" },
  { email: "parorende@demo.no", name: "Ola Nordmann", roles: ["RELATIVE"], description: "pårørende til Kari Nordmann" },
  {
    email: "koordinator@demo.no",
    name: "Ingrid Berg",
    roles: ["COORDINATOR", "STAFF"],
    unit: "Hjemmetjenesten",
    title: "Sykepleier og koordinator",
    phone: "900 11 222",
    description: "koordinator",
  },
  {
    email: "fagperson@demo.no",
    name: "Jonas Lie",
    roles: ["STAFF"],
    unit: "Fysio- og ergoterapi",
    title: "Fysioterapeut",
    phone: "900 33 444",
    description: "fagperson (fysioterapeut)",
  },
  { email: "saksbehandler@demo.no", name: "Mona Hansen", roles: ["KE_CASE_OFFICER"], unit: "Koordinerende enhet", description: "saksbehandler i koordinerende enhet" },
  { email: "leder@demo.no", name: "Per Johansen", roles: ["KE_LEADER"], unit: "Koordinerende enhet", description: "leder av koordinerende enhet" },
  { email: "enhetsleder@demo.no", name: "Hilde Strand", roles: ["UNIT_LEADER"], unit: "Hjemmetjenesten", description: "enhetsleder, Hjemmetjenesten" },
  { email: "admin@demo.no", name: "Espen Aas", roles: ["ADMIN"], description: "administrator" },
];

const UNITS = ["Koordinerende enhet", "Hjemmetjenesten", "Psykisk helse og rus", "Fysio- og ergoterapi", "Barn og familie"];

const OTHER_USERS = [
  "Ahmed Hassan",
  "Liv Solberg",
  "Emil Karlsen",
  "Nora Pettersen",
  "Sander Nilsen",
  "Aisha Mohammed",
  "Thea Johnsen",
  "Magnus Olsen",
];

const OTHER_GOALS: [LifeArea, string][] = [
  ["HOUSING", "Jeg vil bo i egen leilighet"],
  ["SCHOOL_WORK", "Jeg vil ha en fast jobb noen dager i uka"],
  ["SOCIAL", "Jeg vil ha noen å gjøre ting sammen med"],
  ["HEALTH", "Jeg vil sove bedre om natta"],
  ["DAILY_LIVING", "Jeg vil klare å handle mat selv"],
];

const day = 24 * 60 * 60 * 1000;
const dateFromToday = (days: number) => new Date(Math.floor(Date.now() / day) * day + days * day);

/** Creates Demo kommune unless a municipality already exists. Returns what to print, or null. */
export async function seedDemoIfEmpty(prisma: PrismaClient) {
  if ((await prisma.municipality.count()) > 0) return null;
  return seedDemo(prisma);
}

export async function seedDemo(prisma: PrismaClient) {
  const municipality = await createMunicipality(prisma, DEMO_MUNICIPALITY);
  const units = new Map<string, string>();
  for (const name of UNITS) units.set(name, (await createUnit(prisma, municipality.id, name)).id);

  const users = new Map<string, string>();
  for (const account of ACCOUNTS) {
    const unitId = account.unit ? units.get(account.unit) : undefined;
    const user = await createUser(prisma, {
      municipalityId: municipality.id,
      email: account.email,
      name: account.name,
      password: DEMO_PASSWORD,
      roles: account.roles,
      unitId,
      leadsUnitId: account.roles.includes("UNIT_LEADER") ? unitId : undefined,
      title: account.title,
      phone: account.phone,
    });
    users.set(account.email, user.id);
  }
  const id = (email: string) => users.get(email)!;

  // A second coordinator and a second relative, so some plans have nothing to do with the demo staff.
  const secondCoordinator = await createUser(prisma, {
    municipalityId: municipality.id,
    email: "koordinator2@demo.no",
    name: "Lars Eide",
    password: DEMO_PASSWORD,
    roles: ["COORDINATOR", "STAFF"],
    unitId: units.get("Psykisk helse og rus"),
    title: "Miljøterapeut",
    phone: "900 55 666",
  });
  const otherRelative = await createUser(prisma, {
    municipalityId: municipality.id,
    email: "parorende2@demo.no",
    name: "Berit Solberg",
    password: DEMO_PASSWORD,
    roles: ["RELATIVE"],
  });

  const kariPlan = await createPlan(prisma, {
    municipalityId: municipality.id,
    ownerId: id("bruker@demo.no"),
    status: "ACTIVE",
    coordinatorId: id("koordinator@demo.no"),
    startDate: dateFromToday(-200),
    endDate: dateFromToday(530),
    nextReviewAt: dateFromToday(165),
    participants: [
      { userId: id("parorende@demo.no"), kind: "RELATIVE", contribution: "Følger opp hjemme og på møter", access: "COMMENT", consent: true },
      {
        userId: id("fagperson@demo.no"),
        kind: "PROVIDER",
        organisation: "Fysio- og ergoterapi",
        contribution: "Trening for balanse og styrke",
        access: "EDIT_OWN_MEASURES",
        consent: { validTo: dateFromToday(365) },
      },
      { kind: "PROVIDER", displayName: "Dr. Eva Lund", organisation: "Fastlege, Sentrum legekontor", contribution: "Medisinsk oppfølging", consent: true },
      { kind: "PROVIDER", displayName: "Rune Bakke", organisation: "NAV Demo", contribution: "Arbeid og aktivitet", consent: true },
    ],
  });
  const karisPeople = {
    owner: id("bruker@demo.no"),
    coordinator: id("koordinator@demo.no"),
    physio: id("fagperson@demo.no"),
    relative: id("parorende@demo.no"),
    homeCare: units.get("Hjemmetjenesten")!,
    physioUnit: units.get("Fysio- og ergoterapi")!,
  };
  const karisGoals = await fillKarisPlan(prisma, kariPlan.id, karisPeople);
  // Before the meetings: the next meeting's agenda picks up where Kari and the staff see it differently.
  await seedKarisAssessments(prisma, kariPlan.id, karisPeople);
  await seedKarisMeetings(prisma, kariPlan.id, municipality.id, karisPeople, karisGoals);
  await givePastActivity(prisma, kariPlan.id, { createdDaysAgo: 200 });
  await seedKarisDocuments(prisma, kariPlan.id, karisPeople, (days) => dateFromToday(-days));

  for (const [index, name] of OTHER_USERS.entries()) {
    const owner = await createUser(prisma, {
      municipalityId: municipality.id,
      email: `bruker${index + 2}@demo.no`,
      name,
      password: DEMO_PASSWORD,
      roles: ["USER"],
    });
    const byFirstCoordinator = index % 3 === 0;
    const status = index === 6 ? "DRAFT" : index === 7 ? "CLOSED" : "ACTIVE";
    const plan = await createPlan(prisma, {
      municipalityId: municipality.id,
      ownerId: owner.id,
      status,
      // Emil's is an oppfølgingsplan (stafettlogg): its page follows that template (docs/decisions/028).
      type: name === "Emil Karlsen" ? "STAFETTLOGG" : undefined,
      // The draft waits for a coordinator: the coordinating unit's overview shows it.
      coordinatorId: status === "DRAFT" ? undefined : byFirstCoordinator ? id("koordinator@demo.no") : secondCoordinator.id,
      startDate: dateFromToday(-400 + index * 40),
      nextReviewAt: dateFromToday(-30 + index * 25),
      participants:
        index === 1
          ? // A relative the user has not (yet) consented to share with: sees nothing of the plan.
            [{ userId: otherRelative.id, kind: "RELATIVE", contribution: "Mor" }]
          : index === 2
            ? [{ userId: id("fagperson@demo.no"), kind: "PROVIDER", organisation: "Fysio- og ergoterapi", access: "EDIT_OWN_MEASURES", consent: true }]
            : [],
    });
    // The closed plan says when and why, as closing it in the portal would (plan.close).
    if (status === "CLOSED") {
      await prisma.plan.update({
        where: { id: plan.id },
        data: { endDate: dateFromToday(-60), closedAt: new Date(Date.now() - 60 * 86_400_000), closedById: secondCoordinator.id, closedReason: "Målene er nådd, og Magnus ønsket ikke plan lenger." },
      });
    }
    // Two plans nobody has touched for a long time, for the dashboard's inactivity lists.
    const idleDays = name === "Sander Nilsen" ? 200 : name === "Aisha Mohammed" ? 400 : 0;
    // Made when it started (Aisha's before her last activity), and, for the dashboard's trends,
    // active every month since; Nora's plan was quiet for half a year and taken up again last month.
    await givePastActivity(prisma, plan.id, {
      createdDaysAgo: Math.max(400 - index * 40, idleDays + 30),
      idleDays,
      quietMonthsAgo: name === "Nora Pettersen" ? [8, 2] : undefined,
    });
    const [area, title] = OTHER_GOALS[index % OTHER_GOALS.length];
    const goal = await createGoal(prisma, { planId: plan.id, createdById: owner.id, lifeArea: area, title, writtenByUser: true, evaluationDate: dateFromToday(-20 + index * 30) });
    await seedOtherAssessments(prisma, index, {
      planId: plan.id,
      ownerId: owner.id,
      coordinatorId: status === "DRAFT" ? null : byFirstCoordinator ? id("koordinator@demo.no") : secondCoordinator.id,
      goalId: goal.id,
      lifeArea: area,
      status,
    });
  }

  await seedDemoCases(prisma, municipality.id, {
    officer: id("saksbehandler@demo.no"),
    leader: id("leder@demo.no"),
    coordinator: id("koordinator@demo.no"),
  });

  // Synthetic identity numbers, the same as the local test ID-porten's persons: choosing
  // "Kari Nordmann" there signs Kari in (server/test-idp/persons.ts).
  for (const user of await prisma.user.findMany({ where: { municipalityId: municipality.id }, select: { id: true, email: true, name: true } })) {
    const pid = testIdentityOf(user);
    if (pid) await prisma.user.update({ where: { id: user.id }, data: protectIdentityNumber(pid) });
  }

  return {
    municipalityId: municipality.id,
    municipalityName: municipality.name,
    accounts: ACCOUNTS.map(({ email, description }) => ({ email, description })),
  };
}

/**
 * A plan's past as the write path would have recorded it (server/records/activity.ts): made
 * `createdDaysAgo`, last activity `idleDays` ago (or now), and activity in every Oslo month from
 * its creation to its last activity except the quiet ones (months ago, from–to). Demo data: no
 * audit rows stand behind these months.
 */
async function givePastActivity(prisma: Client, planId: string, spec: { createdDaysAgo: number; idleDays?: number; quietMonthsAgo?: [number, number] }) {
  const createdAt = dateFromToday(-spec.createdDaysAgo);
  const lastActivityAt = spec.idleDays ? dateFromToday(-spec.idleDays) : new Date();
  await prisma.plan.update({ where: { id: planId }, data: { createdAt, lastActivityAt } });
  const [first, last, now] = [osloMonth(createdAt), osloMonth(lastActivityAt), osloMonth(new Date())];
  const months: string[] = [];
  for (let month = first, ago = monthsBetween(first, now); month <= last; month = addMonths(month, 1), ago--) {
    const quiet = spec.quietMonthsAgo && ago <= spec.quietMonthsAgo[0] && ago >= spec.quietMonthsAgo[1];
    if (month === first || month === last || !quiet) months.push(month);
  }
  await prisma.planActivityMonth.createMany({ data: months.map((month) => ({ planId, month: calendarDate(`${month}-01`) })) });
}

const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

/** Kari's plan: every part of an individual plan, written as a real one would be. */
async function fillKarisPlan(
  prisma: Client,
  planId: string,
  who: { owner: string; coordinator: string; physio: string; relative: string; homeCare: string; physioUnit: string },
) {
  await prisma.plan.update({
    where: { id: planId },
    data: {
      aboutMe:
        "Jeg heter Kari og er 34 år. Jeg bor i leilighet i sentrum med katten min, Pus. Etter en hjerneskade for tre år siden blir jeg fort sliten, og jeg glemmer avtaler.",
      whatMatters: "Det viktigste for meg er å klare meg selv hjemme, å treffe venner og å komme tilbake til jobb, litt etter litt.",
      resources: "Jeg er sta og gir meg ikke. Broren min Ola hjelper meg mye. Jeg er flink med data.",
      wishes: "Jeg ønsker at alle snakker med meg, ikke bare om meg. Møter bør være før klokka 12, da er jeg mest opplagt.",
    },
  });
  const daily = await prisma.goal.create({
    data: {
      planId,
      createdById: who.owner,
      lifeArea: "DAILY_LIVING",
      title: "Jeg vil klare morgenen selv",
      description: "Stå opp, spise frokost og ta medisinene uten hjelp.",
      status: "IN_PROGRESS",
      writtenByUser: true,
      ownView: "Jeg klarer det de fleste dager, men ikke når jeg har sovet dårlig.",
      othersInput: "Hjemmetjenesten ser god fremgang siden i vår.",
      baselineScore: 2,
      targetScore: 4,
      evaluationDate: dateFromToday(-10),
      newScore: 3,
      attained: "PARTLY",
    },
  });
  await prisma.goal.create({
    data: { planId, createdById: who.owner, parentId: daily.id, lifeArea: "DAILY_LIVING", title: "Jeg vil huske medisinene selv", status: "IN_PROGRESS", writtenByUser: true },
  });
  const work = await prisma.goal.create({
    data: {
      planId,
      createdById: who.owner,
      lifeArea: "SCHOOL_WORK",
      title: "Jeg vil tilbake til jobben i biblioteket",
      description: "Først to formiddager i uka.",
      status: "NOT_STARTED",
      writtenByUser: true,
      baselineScore: 1,
      targetScore: 3,
      evaluationDate: dateFromToday(60),
    },
  });
  const health = await prisma.goal.create({
    data: {
      planId,
      createdById: who.coordinator,
      lifeArea: "HEALTH",
      title: "Bedre balanse og mindre fall",
      status: "IN_PROGRESS",
      writtenByUser: false,
      ownView: "Jeg er redd for å falle på glatta.",
      baselineScore: 2,
      targetScore: 4,
      evaluationDate: dateFromToday(30),
    },
  });
  await prisma.goal.create({
    data: { planId, createdById: who.owner, lifeArea: "SOCIAL", title: "Jeg vil treffe venner hver uke", status: "IN_PROGRESS", writtenByUser: true },
  });

  const morningHelp = await prisma.measure.create({
    data: {
      planId,
      goalId: daily.id,
      createdById: who.coordinator,
      title: "Morgenbesøk fra hjemmetjenesten",
      description: "Hjelp til å komme i gang og påminnelse om medisiner. Trappes ned når Kari klarer mer selv.",
      amount: "Mandag til fredag kl. 08.00, 30 minutter",
      responsibleUserId: who.coordinator,
      unitId: who.homeCare,
      startDate: dateFromToday(-180),
      status: "ACTIVE",
      evaluationDate: dateFromToday(-10),
    },
  });
  const training = await prisma.measure.create({
    data: {
      planId,
      goalId: health.id,
      createdById: who.coordinator,
      title: "Balansetrening med fysioterapeut",
      description: "Øvelser hjemme og i treningssalen.",
      amount: "To ganger i uka, 45 minutter",
      responsibleUserId: who.physio,
      unitId: who.physioUnit,
      startDate: dateFromToday(-90),
      endDate: dateFromToday(90),
      status: "ACTIVE",
      evaluationDate: dateFromToday(30),
    },
  });
  await prisma.measure.create({
    data: {
      planId,
      goalId: work.id,
      createdById: who.coordinator,
      title: "Møte med NAV om arbeidsutprøving",
      description: "Kari, Ola og NAV-veileder ser på muligheter hos biblioteket.",
      status: "PLANNED",
      startDate: dateFromToday(20),
      evaluationDate: dateFromToday(60),
    },
  });

  await prisma.evaluation.createMany({
    data: [
      {
        planId,
        goalId: daily.id,
        date: dateFromToday(-100),
        participants: "Kari, Ola, Ingrid (koordinator)",
        achieved: "Kari står opp selv tre av fem dager.",
        nextStep: "Fortsette med morgenbesøk, vurdere nedtrapping om tre måneder.",
        newScore: 3,
        attained: "PARTLY",
        createdById: who.coordinator,
      },
      {
        planId,
        measureId: training.id,
        date: dateFromToday(-30),
        participants: "Kari, Jonas (fysioterapeut)",
        achieved: "Bedre balanse på tå-hæl-gange. Ingen fall siste måned.",
        nextStep: "Øke til tre økter når det blir lysere.",
        createdById: who.physio,
      },
      {
        planId,
        measureId: morningHelp.id,
        date: dateFromToday(-100),
        participants: "Kari, Ingrid",
        achieved: "Besøkene fungerer godt. Kari tar medisinene selv med påminnelse.",
        nextStep: "",
        createdById: who.coordinator,
      },
    ],
  });
  await prisma.planService.createMany({
    data: [
      { planId, name: "Praktisk bistand og hjemmesykepleie", provider: "Hjemmetjenesten", fromDate: dateFromToday(-400) },
      { planId, name: "Fysioterapi", provider: "Fysio- og ergoterapi", fromDate: dateFromToday(-90) },
      { planId, name: "Fastlege", provider: "Sentrum legekontor" },
      { planId, name: "Arbeidsavklaringspenger", provider: "NAV Demo", fromDate: dateFromToday(-300) },
    ],
  });
  await prisma.logEntry.createMany({
    data: [
      { planId, authorId: who.coordinator, date: dateFromToday(-100), body: "Ansvarsgruppemøte holdt. Planen er gjennomgått sammen med Kari og Ola." },
      { planId, authorId: who.owner, date: dateFromToday(-40), body: "Jeg gikk tur rundt vannet alene i dag!" },
      { planId, authorId: who.physio, date: dateFromToday(-30), body: "Evaluert balansetreningen. Se evaluering under tiltaket." },
      { planId, authorId: who.relative, date: dateFromToday(-12), body: "Kari har vært mer sliten denne uka. Vi tar det opp på neste møte." },
    ],
  });
  return { daily: daily.id, training: training.id };
}

/** At an Oslo wall time `days` from today. */
const osloAt = (days: number, time: string) => osloLocalToInstant(`${addCalendarDays(osloDate(new Date()), days)}T${time}`)!;

/**
 * Kari's responsibility group: one meeting held 100 days ago with approved minutes and a follow-up
 * task for the physiotherapist still open, and one next week whose agenda was built from the plan,
 * with a point Kari added herself.
 */
async function seedKarisMeetings(
  prisma: Client,
  planId: string,
  municipalityId: string,
  who: { owner: string; coordinator: string; physio: string; relative: string },
  goals: { daily: string; training: string },
) {
  const people = await prisma.user.findMany({ where: { id: { in: [who.owner, who.coordinator, who.physio, who.relative] } }, select: { id: true, name: true, email: true } });
  const person = (userId: string) => people.find((p) => p.id === userId)!;
  const participants = await prisma.planParticipant.findMany({ where: { planId }, select: { id: true, userId: true, displayName: true, organisation: true, email: true } });
  const participantOf = (userId: string) => participants.find((p) => p.userId === userId)!.id;
  const doctor = participants.find((p) => p.displayName === "Dr. Eva Lund")!;
  const invitees = (responses: Partial<Record<string, "YES" | "NO" | "MAYBE">>, attended?: Record<string, boolean>) => [
    { kind: "OWNER" as const, userId: who.owner, name: person(who.owner).name, email: person(who.owner).email },
    { kind: "COORDINATOR" as const, userId: who.coordinator, name: person(who.coordinator).name, email: person(who.coordinator).email },
    { kind: "PARTICIPANT" as const, userId: who.relative, participantId: participantOf(who.relative), name: person(who.relative).name, email: person(who.relative).email },
    { kind: "PARTICIPANT" as const, userId: who.physio, participantId: participantOf(who.physio), name: person(who.physio).name, email: person(who.physio).email, organisation: "Fysio- og ergoterapi" },
    { kind: "PARTICIPANT" as const, participantId: doctor.id, name: doctor.displayName!, email: doctor.email, organisation: doctor.organisation },
  ].map((i) => ({ ...i, response: responses[i.name] ?? ("PENDING" as const), attended: attended ? (attended[i.name] ?? false) : null }));

  const heldAt = osloAt(-100, "10:00");
  const held = await prisma.meeting.create({
    data: {
      municipalityId,
      planId,
      startsAt: heldAt,
      durationMinutes: 90,
      location: "Helsehuset, møterom 1",
      status: "APPROVED",
      organizerId: who.coordinator,
      attendanceRecordedAt: new Date(heldAt.getTime() + 2 * 3_600_000),
      minutesText: [
        "Til stede: Kari Nordmann, Ola Nordmann, Ingrid Berg (koordinator), Jonas Lie (fysioterapeut). Dr. Eva Lund hadde meldt forfall.",
        "",
        "1. Morgenen: Kari står opp selv tre av fem dager. Morgenbesøkene fortsetter, og vi vurderer nedtrapping om tre måneder.",
        "2. Balanse: Treningen går godt, ingen fall siste måned. Jonas vurderer om Kari kan øke til tre økter i uka.",
        "3. Arbeid: Kari vil tilbake til biblioteket. Ingrid tar kontakt med NAV om arbeidsutprøving.",
        "",
        "Neste møte: om cirka tre måneder, før klokka 12 som Kari ønsker.",
      ].join("\n"),
      minutesApprovedAt: new Date(heldAt.getTime() + 2 * 86_400_000),
      minutesApprovedById: who.coordinator,
      invitees: {
        create: invitees(
          { "Kari Nordmann": "YES", "Ingrid Berg": "YES", "Ola Nordmann": "YES", "Jonas Lie": "YES", "Dr. Eva Lund": "NO" },
          { "Kari Nordmann": true, "Ingrid Berg": true, "Ola Nordmann": true, "Jonas Lie": true },
        ),
      },
      agenda: {
        create: [
          { kind: "EVALUATION", title: "Evaluering av mål: Jeg vil klare morgenen selv", goalId: goals.daily, sortOrder: 0 },
          { kind: "EVALUATION", title: "Evaluering av tiltak: Balansetrening med fysioterapeut", measureId: goals.training, sortOrder: 1 },
          { kind: "USER_POINT", title: "Jeg vil tilbake til jobben i biblioteket", addedById: who.owner, sortOrder: 2 },
        ],
      },
    },
  });
  const evaluation = await prisma.evaluation.findFirst({ where: { planId, goalId: goals.daily }, select: { id: true } });
  if (evaluation) {
    await prisma.meetingAction.create({
      data: { meetingId: held.id, planId, kind: "evaluation.create", targetType: "evaluation", targetId: evaluation.id, summary: "Evaluering av målet «Jeg vil klare morgenen selv»", actorId: who.coordinator, createdAt: heldAt },
    });
  }
  const task = await prisma.meetingTask.create({
    data: { meetingId: held.id, planId, title: "Vurdere tre treningsøkter i uka", responsibleUserId: who.physio, dueDate: dateFromToday(10), createdById: who.coordinator, createdAt: heldAt },
  });
  const done = await prisma.meetingTask.create({
    data: {
      meetingId: held.id,
      planId,
      title: "Kontakte NAV om arbeidsutprøving",
      responsibleUserId: who.coordinator,
      dueDate: dateFromToday(-80),
      status: "DONE",
      completedAt: dateFromToday(-85),
      completedById: who.coordinator,
      createdById: who.coordinator,
      createdAt: heldAt,
    },
  });
  await prisma.meetingAction.createMany({
    data: [
      { meetingId: held.id, planId, kind: "task.create", targetType: "task", targetId: task.id, summary: "Oppfølgingsoppgave: «Vurdere tre treningsøkter i uka» (Jonas Lie)", actorId: who.coordinator, createdAt: heldAt },
      { meetingId: held.id, planId, kind: "task.create", targetType: "task", targetId: done.id, summary: "Oppfølgingsoppgave: «Kontakte NAV om arbeidsutprøving» (Ingrid Berg)", actorId: who.coordinator, createdAt: heldAt },
    ],
  });

  const nextAt = osloAt(7, "10:00");
  const next = await prisma.meeting.create({
    data: {
      municipalityId,
      planId,
      startsAt: nextAt,
      durationMinutes: 90,
      location: "Helsehuset, møterom 1",
      videoLink: "https://video.demo.kommune.no/ansvarsgruppe-42",
      organizerId: who.coordinator,
      invitees: { create: invitees({ "Ingrid Berg": "YES", "Ola Nordmann": "YES" }) },
    },
  });
  const agenda = await buildAgenda(prisma, planId, next);
  await prisma.agendaItem.createMany({
    data: [
      ...agenda.map((item, index) => ({ ...item, meetingId: next.id, sortOrder: index })),
      { meetingId: next.id, kind: "USER_POINT" as const, title: "Jeg vil ta bussen alene til treningen", note: "Dette vil jeg snakke om", addedById: who.owner, sortOrder: agenda.length },
    ],
  });
}

/** Cases in every state, so the coordinating unit's lists and figures show something true. */
async function seedDemoCases(prisma: Client, municipalityId: string, who: { officer: string; leader: string; coordinator: string }) {
  const users = await prisma.user.findMany({ where: { municipalityId, email: { in: ["bruker2@demo.no", "bruker5@demo.no", "bruker6@demo.no", "bruker8@demo.no"] } } });
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const specs: {
    type: CaseType;
    daysAgo: number;
    /** `pid`: the identity number given on the case (a synthetic one of the test ID-porten's persons). */
    subject: { id?: string; name: string; pid?: string };
    description: string;
    channel?: "PORTAL" | "PAPER" | "PHONE";
    assigned?: string;
    interimSent?: boolean;
    decidedAfterDays?: number;
    outcome?: CaseOutcome;
  }[] = [
    { type: "IP_APPLICATION", daysAgo: 3, subject: { id: byEmail.get("bruker6@demo.no")?.id, name: "Sander Nilsen" }, description: "Jeg har mange tjenester og trenger hjelp til å få dem til å henge sammen." },
    { type: "IP_APPLICATION", daysAgo: 40, subject: { id: byEmail.get("bruker5@demo.no")?.id, name: "Nora Pettersen" }, description: "Søker om individuell plan etter utskriving fra sykehuset.", assigned: who.officer, interimSent: true },
    { type: "COORDINATOR_REQUEST", daysAgo: 36, subject: { name: "Per Hansen" }, channel: "PAPER", description: "Brev fra Per Hansen om koordinator.", assigned: who.officer },
    { type: "NEED_NOTICE", daysAgo: 5, subject: { id: byEmail.get("bruker8@demo.no")?.id, name: "Magnus Olsen" }, description: "Melding fra sykehuset: behov for koordinerte tjenester etter utskriving.", channel: "PHONE" },
    { type: "COMPLAINT", daysAgo: 25, subject: { name: "Eva Berg" }, channel: "PAPER", description: "Klage på avslag om individuell plan.", assigned: who.leader },
    { type: "IP_APPLICATION", daysAgo: 120, subject: { name: "Jon Dahl" }, description: "Søknad om individuell plan.", assigned: who.officer, decidedAfterDays: 24, outcome: "GRANTED" },
    { type: "IP_APPLICATION", daysAgo: 95, subject: { name: "Sara Lunde" }, description: "Søknad om individuell plan.", assigned: who.officer, interimSent: true, decidedAfterDays: 45, outcome: "GRANTED" },
    { type: "COORDINATOR_REQUEST", daysAgo: 70, subject: { name: "Ali Khan" }, description: "Ønsker koordinator.", assigned: who.leader, decidedAfterDays: 12, outcome: "GRANTED" },
    { type: "IP_APPLICATION", daysAgo: 60, subject: { name: "Tor Vik" }, description: "Søknad om individuell plan.", assigned: who.officer, decidedAfterDays: 18, outcome: "REFUSED" },
    // Jakob has never used the portal: granting makes him a person with a plan, and his first
    // sign-in with the test ID-porten shows it.
    {
      type: "IP_APPLICATION",
      daysAgo: 2,
      subject: { name: "Jakob Lund", pid: TEST_RESIDENTS.find((p) => p.sub === "resident-jakob")!.pid },
      channel: "PAPER",
      description: "Søknad på papir fra Jakob Lund: ønsker hjelp til å samordne tjenestene etter ulykken.",
    },
    // Ahmed already has an active plan: granting links the case to it.
    {
      type: "IP_APPLICATION",
      daysAgo: 1,
      subject: { id: byEmail.get("bruker2@demo.no")?.id, name: "Ahmed Hassan", pid: TEST_RESIDENTS.find((p) => p.sub === "resident-ahmed")!.pid },
      description: "Jeg søker igjen fordi jeg har fått nye tjenester.",
    },
  ];
  let number = 0;
  for (const spec of specs.sort((a, b) => b.daysAgo - a.daysAgo)) {
    const receivedAt = new Date(Date.now() - spec.daysAgo * day);
    const setting = DEFAULT_CASE_SETTINGS[spec.type];
    const deadlines = caseDeadlines(receivedAt, { amount: setting.deadlineAmount, unit: setting.deadlineUnit });
    const decidedAt = spec.decidedAfterDays ? new Date(receivedAt.getTime() + spec.decidedAfterDays * day) : null;
    await prisma.case.create({
      data: {
        municipalityId,
        reference: `${receivedAt.getUTCFullYear()}-${String(++number).padStart(4, "0")}`,
        type: spec.type,
        channel: spec.channel ?? "PORTAL",
        status: decidedAt ? "DECIDED" : spec.assigned ? "IN_PROGRESS" : "RECEIVED",
        subjectUserId: spec.subject.id ?? null,
        subjectName: spec.subject.name,
        ...(spec.subject.pid ? (({ identityEnc, identityHash, birthDate }) => ({ subjectIdentityEnc: identityEnc, subjectIdentityHash: identityHash, subjectBirthDate: birthDate }))(protectIdentityNumber(spec.subject.pid)) : {}),
        submittedById: spec.channel && spec.channel !== "PORTAL" ? null : (spec.subject.id ?? null),
        description: spec.description,
        receivedAt,
        assignedToId: spec.assigned ?? null,
        interimReplyDue: new Date(`${deadlines.interimReply.date}T00:00:00Z`),
        decisionDue: new Date(`${deadlines.decision.date}T00:00:00Z`),
        formalDecision: setting.formalDecision,
        interimReplySentAt: spec.interimSent ? new Date(receivedAt.getTime() + 29 * day) : null,
        interimReplyText: spec.interimSent
          ? "Foreløpig svar\n\nSaken din er ikke ferdig behandlet ennå. Vi venter på opplysninger fra fastlegen og regner med å gi svar innen fire uker.\n\nMed vennlig hilsen\nMona Hansen\nKoordinerende enhet, Demo kommune"
          : null,
        decidedAt,
        decidedById: decidedAt ? spec.assigned : null,
        outcome: spec.outcome ?? null,
        decisionGrounds: decidedAt ? "Vurdert etter helse- og omsorgstjenesteloven § 7-1." : null,
      },
    });
  }
}
