import type { PrismaClient } from "../server/db/database.ts";
import type { Role } from "../server/db/generated/enums.ts";
import { createMunicipality, createPlan, createUnit, createUser } from "./factories.ts";

// "Demo kommune": a small municipality where every role has something true to look at.

export const DEMO_PASSWORD = "demo1234";
export const DEMO_MUNICIPALITY = { name: "Demo kommune", number: "9999" } as const;

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

  await createPlan(prisma, {
    municipalityId: municipality.id,
    ownerId: id("bruker@demo.no"),
    status: "ACTIVE",
    coordinatorId: id("koordinator@demo.no"),
    startDate: dateFromToday(-200),
    endDate: dateFromToday(530),
    nextReviewAt: dateFromToday(165),
    participants: [
      { userId: id("parorende@demo.no"), kind: "RELATIVE", contribution: "Følger opp hjemme og på møter" },
      { userId: id("fagperson@demo.no"), kind: "PROVIDER", organisation: "Fysio- og ergoterapi", contribution: "Trening for balanse og styrke" },
      { kind: "PROVIDER", displayName: "Dr. Eva Lund", organisation: "Fastlege, Sentrum legekontor", contribution: "Medisinsk oppfølging" },
      { kind: "PROVIDER", displayName: "Rune Bakke", organisation: "NAV Demo", contribution: "Arbeid og aktivitet" },
    ],
  });

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
    await createPlan(prisma, {
      municipalityId: municipality.id,
      ownerId: owner.id,
      status,
      // The draft waits for a coordinator: the coordinating unit's overview shows it.
      coordinatorId: status === "DRAFT" ? undefined : byFirstCoordinator ? id("koordinator@demo.no") : secondCoordinator.id,
      startDate: dateFromToday(-400 + index * 40),
      nextReviewAt: dateFromToday(-30 + index * 25),
      participants:
        index === 1
          ? [{ userId: otherRelative.id, kind: "RELATIVE", contribution: "Mor" }]
          : index === 2
            ? [{ userId: id("fagperson@demo.no"), kind: "PROVIDER", organisation: "Fysio- og ergoterapi" }]
            : [],
    });
  }

  return {
    municipalityName: municipality.name,
    accounts: ACCOUNTS.map(({ email, description }) => ({ email, description })),
  };
}
