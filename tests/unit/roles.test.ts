import { describe, expect, it } from "vitest";
import { navFor, safeRedirect, startPathFor } from "../../app/lib/roles.ts";

describe("start page per role", () => {
  it.each([
    [["USER"], "/min-plan"],
    [["RELATIVE"], "/mine-planer"],
    [["STAFF"], "/mine-planer"],
    [["COORDINATOR"], "/mine-planer"],
    [["KE_CASE_OFFICER"], "/ke"],
    [["KE_LEADER"], "/ke"],
    [["UNIT_LEADER"], "/enhet"],
    [["ADMIN"], "/admin"],
    [["COORDINATOR", "UNIT_LEADER"], "/mine-planer"],
    [["ADMIN", "KE_LEADER"], "/ke"],
    [[], "/konto"],
  ] as const)("%j lands on %s", (roles, path) => {
    expect(startPathFor(roles)).toBe(path);
  });

  it("shows each role only its own pages", () => {
    expect(navFor(["USER"]).map((i) => i.to)).toEqual(["/min-plan"]);
    expect(navFor(["COORDINATOR", "UNIT_LEADER"]).map((i) => i.to)).toEqual(["/mine-planer", "/enhet"]);
  });
});

describe("safeRedirect", () => {
  it("keeps same-site paths and refuses anything that could leave the site", () => {
    expect(safeRedirect("/ke?x=1")).toBe("/ke?x=1");
    expect(safeRedirect("/planer/1/innsyn?fra=min-plan#top")).toBe("/planer/1/innsyn?fra=min-plan#top");
    const bad = [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "",
      null,
      undefined,
      "javascript:alert(1)",
      // A tab, a line break or a backslash after the first slash (issue 11, finding 3).
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\nSet-Cookie: x=1",
      "/\\/evil.example",
      "/\u0000",
    ];
    for (const to of bad) expect(safeRedirect(to, "/"), JSON.stringify(to)).toBe("/");
  });
});
