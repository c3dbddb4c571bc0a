import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../../server/db/unavailable.ts";
import { databaseUnavailable } from "../../server/errors.ts";
import { DomainTRPCError } from "../../server/trpc/errors.ts";

// What counts as "the database is away" (a 503) and what does not (a fault to log as such).

const prisma = (code: string, cause: object) => Object.assign(new Error("Invalid invocation"), { name: "PrismaClientKnownRequestError", code, meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });

describe("isDatabaseUnavailable", () => {
  it("knows Prisma's, the driver adapter's, PostgreSQL's and the pool's ways of saying the server is away", () => {
    expect(isDatabaseUnavailable(prisma("P1001", { kind: "DatabaseNotReachable" }))).toBe(true);
    expect(isDatabaseUnavailable(prisma("P2010", { kind: "DatabaseNotReachable" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { name: "DriverAdapterError", cause: { kind: "postgres", code: "57P01" } }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect"), { name: "DriverAdapterError", cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) }))).toBe(true);
  });

  it("is still known after the tRPC edge has turned it into a 503, so the gate hears of it", () => {
    const original = prisma("P1001", { kind: "DatabaseNotReachable" });
    expect(isDatabaseUnavailable(new DomainTRPCError(databaseUnavailable(original)))).toBe(true);
  });

  it("does not take other faults for it: a query error, a refused e-mail or identity provider", () => {
    expect(isDatabaseUnavailable(prisma("P2002", { kind: "UniqueConstraintViolation" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("syntax error"), { code: "42601" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:587"), { code: "ECONNREFUSED" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
