import { makeIdentityNumber } from "../../app/domain/identity-number.ts";

// The local test identity provider's synthetic persons, the way ID-porten's test environment
// offers synthetic persons from Tenor: real in form (valid check digits), month + 80, so they
// belong to nobody and are refused in production. The demo municipality's accounts carry the
// same numbers (prisma/demo.ts), so choosing "Kari Nordmann" here signs Kari in.

export interface TestPerson {
  /** The provider's subject; stable per person. */
  sub: string;
  pid: string;
  name: string;
  email?: string;
  /** Staff: role names as a staff provider's claim carries them (mapped by DEMO_ROLE_MAP). */
  roles?: string[];
  /** Who the person is in the demo, for the chooser. */
  note: string;
}

const synthetic = (birthDate: string, individual: number) => makeIdentityNumber(birthDate, individual, { synthetic: true });

/** Residents: the ID-porten test provider lists these. */
export const TEST_RESIDENTS: TestPerson[] = [
  { sub: "resident-kari", pid: synthetic("1988-03-14", 412), name: "Kari Nordmann", note: "tjenestemottaker med aktiv plan" },
  { sub: "resident-ola", pid: synthetic("1956-11-02", 201), name: "Ola Nordmann", note: "pårørende til Kari" },
  { sub: "resident-ahmed", pid: synthetic("1979-07-21", 322), name: "Ahmed Hassan", note: "tjenestemottaker" },
  { sub: "resident-jakob", pid: synthetic("2001-05-09", 103), name: "Jakob Lund", note: "ny i portalen, ingen plan" },
];

/** Staff: the staff test provider (standing in for HelseID or Entra ID) lists these. */
export const TEST_STAFF: TestPerson[] = [
  { sub: "staff-ingrid", pid: synthetic("1975-09-30", 256), name: "Ingrid Berg", email: "koordinator@demo.no", roles: ["koordinator", "fagperson"], note: "koordinator" },
  { sub: "staff-jonas", pid: synthetic("1983-02-17", 377), name: "Jonas Lie", email: "fagperson@demo.no", roles: ["fagperson"], note: "fysioterapeut" },
  { sub: "staff-mona", pid: synthetic("1970-12-05", 144), name: "Mona Hansen", email: "saksbehandler@demo.no", roles: ["ke-saksbehandler"], note: "saksbehandler i koordinerende enhet" },
  { sub: "staff-per", pid: synthetic("1965-04-28", 288), name: "Per Johansen", email: "leder@demo.no", roles: ["ke-leder"], note: "leder av koordinerende enhet" },
  { sub: "staff-espen", pid: synthetic("1990-08-11", 170), name: "Espen Aas", email: "admin@demo.no", roles: [], note: "administrator (roller satt i portalen)" },
  { sub: "staff-nina", pid: synthetic("1992-01-23", 311), name: "Nina Ny", email: "nina.ny@demo.no", roles: ["koordinator"], note: "ny ansatt, ingen konto ennå" },
];

/** Which of our roles each role name in the staff provider's `roles` claim gives (the demo's mapping). */
export const DEMO_ROLE_MAP = {
  koordinator: "COORDINATOR",
  fagperson: "STAFF",
  "ke-saksbehandler": "KE_CASE_OFFICER",
  "ke-leder": "KE_LEADER",
} as const;

/** The synthetic number of a demo account, by its e-mail or name; null for accounts without one. */
export function testIdentityOf(person: { email?: string | null; name: string }): string | null {
  const staff = TEST_STAFF.find((p) => p.email && p.email === person.email);
  if (staff) return staff.pid;
  return TEST_RESIDENTS.find((p) => p.name === person.name)?.pid ?? null;
}
