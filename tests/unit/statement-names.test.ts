import { describe, expect, it } from "vitest";
import { statementNames } from "../../server/db/pg-pool.ts";

// How Prisma's SQL texts are named for pg's prepared statements (decision 036); that PostgreSQL
// prepares and reuses them is in tests/integration/statements.test.ts.

describe("statementNames", () => {
  it("gives one text one name, another text another, and a text without parameters none", () => {
    const nameOf = statementNames();
    const read = { sql: `SELECT "id" FROM "Plan" WHERE "id" = $1`, args: ["a"] };
    expect(nameOf(read)).toMatch(/^prisma_[0-9a-f]{32}$/);
    expect(nameOf({ ...read, args: ["b"] })).toBe(nameOf(read));
    expect(nameOf({ sql: `SELECT "id" FROM "Goal" WHERE "id" = $1`, args: ["a"] })).not.toBe(nameOf(read));
    expect(nameOf({ sql: "BEGIN", args: [] })).toBe("");
  });

  it("names no more than its limit of texts; those named keep their names", () => {
    const nameOf = statementNames(2);
    const text = (n: number) => ({ sql: `SELECT $1 + ${n}`, args: [1] });
    const [first, second] = [nameOf(text(1)), nameOf(text(2))];
    expect(nameOf(text(3))).toBe("");
    expect([nameOf(text(1)), nameOf(text(2))]).toEqual([first, second]);
    expect(first).not.toBe("");
  });
});
