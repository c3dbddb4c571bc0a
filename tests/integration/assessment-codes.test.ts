import { describe, expect, it } from "vitest";
import { DEFAULT_CODE_LIST, variableKey } from "../../app/domain/assessment.ts";
import { createUser } from "../../prisma/factories.ts";
import { codeListVersion, currentCodeList } from "../../server/assessments/codes.ts";
import { DomainError } from "../../server/errors.ts";
import { translate } from "../../server/i18n.ts";
import { signIn } from "./helpers.ts";
import { createPlanWorld, type PlanWorld } from "./plan-world.ts";
import { useTestDatabase } from "./test-db.ts";

// The administrator's code list for Kartlegging (issue 15, server/assessments/codes.ts): every
// save is a new version and saved versions never change; a save on an old version is a
// conflict; the content's rules (areas exist, keys unique, a key keeps its area) refuse with a
// message a person can read; only the administrator, audited.

const t = useTestDatabase();

const contentOf = (list: typeof DEFAULT_CODE_LIST) => ({ areas: list.areas, variables: list.variables });

const withTrust = (list: typeof DEFAULT_CODE_LIST) => ({
  ...contentOf(list),
  variables: [
    ...list.variables.map((v) => (variableKey(v) === "IPLOS:13" ? { ...v, plain: "Å huske avtaler og det som skjedde i går" } : v)),
    { system: "LOKAL", code: "TILSYN", text: "Tilsyn", plain: "Å ha noen som ser til meg", area: "trygghet" },
  ],
});

/** The message the person reads for a refusal, in bokmål. */
async function refusal(p: Promise<unknown>) {
  const error = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; cause?: unknown } | null;
  expect(error).not.toBeNull();
  const cause = error!.cause;
  expect(cause).toBeInstanceOf(DomainError);
  const domain = cause as DomainError;
  return { code: error!.code, text: translate("nb", domain.messageKey, domain.params) };
}

const save = (w: PlanWorld, input: Parameters<PlanWorld["callers"]["admin"]["assessment"]["saveCodeList"]>[0]) => w.callers.admin.assessment.saveCodeList(input);

describe("assessment code list", () => {
  it("a municipality without a saved version has version 0, the default list", async () => {
    const w = await createPlanWorld(t.db);
    const view = await w.callers.admin.assessment.codeList();
    expect(view.current).toEqual(DEFAULT_CODE_LIST);
    expect(view.versions).toEqual([]);
    expect(view.maxAgeMonths).toBe(12);
    expect(view.lockedAreas["IPLOS:06"]).toBe("egenomsorg");
    expect(await currentCodeList(t.db.prisma, w.home.id)).toEqual(DEFAULT_CODE_LIST);
    expect(await codeListVersion(t.db.prisma, w.home.id, 0)).toEqual(DEFAULT_CODE_LIST);
    await expect(codeListVersion(t.db.prisma, w.home.id, 7)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the administrator saves a new version: the number goes up, the old version stays as it was, the limit is saved, one audit row", async () => {
    const w = await createPlanWorld(t.db);
    const first = await save(w, { basedOnVersion: 0, content: withTrust(DEFAULT_CODE_LIST), maxAgeMonths: 18 });
    expect(first.version).toBe(1);
    const v1 = await currentCodeList(t.db.prisma, w.home.id);
    expect(v1.version).toBe(1);
    expect(v1.variables.find((v) => variableKey(v) === "IPLOS:13")?.plain).toBe("Å huske avtaler og det som skjedde i går");
    expect(v1.variables.find((v) => variableKey(v) === "LOKAL:TILSYN")?.area).toBe("trygghet");
    // The sensory variables' own level words are kept.
    expect(v1.variables.find((v) => variableKey(v) === "IPLOS:16")?.levels?.[5]).toBe("Ingen funksjon");
    expect((await t.db.prisma.municipality.findUniqueOrThrow({ where: { id: w.home.id } })).assessmentMaxAgeMonths).toBe(18);

    // Version 2 leaves a variable out and changes a text; version 1 stays as saved.
    const stored1 = await t.db.prisma.assessmentCodeList.findUniqueOrThrow({ where: { municipalityId_version: { municipalityId: w.home.id, version: 1 } } });
    const second = await save(w, {
      basedOnVersion: 1,
      content: { ...contentOf(v1), variables: v1.variables.filter((v) => v.code !== "INITIATIV").map((v) => (v.code === "TILSYN" ? { ...v, text: "Behov for tilsyn", icf: "d571" } : v)) },
      maxAgeMonths: 12,
    });
    expect(second.version).toBe(2);
    const again1 = await t.db.prisma.assessmentCodeList.findUniqueOrThrow({ where: { municipalityId_version: { municipalityId: w.home.id, version: 1 } } });
    expect(again1.content).toEqual(stored1.content);
    expect((await codeListVersion(t.db.prisma, w.home.id, 1)).variables.some((v) => v.code === "INITIATIV")).toBe(true);
    const v2 = await currentCodeList(t.db.prisma, w.home.id);
    expect(v2.variables.some((v) => v.code === "INITIATIV")).toBe(false);
    expect(v2.variables.find((v) => v.code === "TILSYN")).toMatchObject({ text: "Behov for tilsyn", icf: "d571" });

    const view = await w.callers.admin.assessment.codeList();
    expect(view.current.version).toBe(2);
    expect(view.maxAgeMonths).toBe(12);
    expect(view.versions.map((v) => [v.version, v.createdBy])).toEqual([
      [2, w.people.admin.name],
      [1, w.people.admin.name],
    ]);

    const rows = await t.db.prisma.auditEvent.findMany({ where: { action: "assessment.codes" }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: "ADMIN", actorId: w.people.admin.id, municipalityId: w.home.id, planId: null, targetType: "assessmentCodeList", details: { version: 1, added: ["LOKAL:TILSYN"], removed: [], maxAgeMonths: 18 } });
    expect(rows[1]).toMatchObject({ details: { version: 2, removed: ["LOKAL:INITIATIV"] } });
  });

  it("a save on an older version than the newest is a CONFLICT in words a person understands, and nothing is saved", async () => {
    const w = await createPlanWorld(t.db);
    await save(w, { basedOnVersion: 0, content: withTrust(DEFAULT_CODE_LIST), maxAgeMonths: 12 });
    const { code, text } = await refusal(save(w, { basedOnVersion: 0, content: contentOf(DEFAULT_CODE_LIST), maxAgeMonths: 24 }));
    expect(code).toBe("CONFLICT");
    expect(text).toContain("versjon 1");
    expect(await t.db.prisma.assessmentCodeList.count({ where: { municipalityId: w.home.id } })).toBe(1);
    expect((await t.db.prisma.municipality.findUniqueOrThrow({ where: { id: w.home.id } })).assessmentMaxAgeMonths).toBe(12);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "assessment.codes" } })).toBe(1);
    // A version from the future is as stale.
    await expect(save(w, { basedOnVersion: 5, content: contentOf(DEFAULT_CODE_LIST), maxAgeMonths: 12 })).rejects.toMatchObject({ code: "CONFLICT" });
    // Two administrators saving from the same version at once: one wins, the other is told.
    const racing = await Promise.allSettled([1, 2].map((n) => save(w, { basedOnVersion: 1, content: contentOf(DEFAULT_CODE_LIST), maxAgeMonths: 12 + n })));
    expect(racing.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(racing.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await t.db.prisma.assessmentCodeList.count({ where: { municipalityId: w.home.id } })).toBe(2);
  });

  it("invalid content is refused with 400 and a readable message: an unknown area, a key twice, an existing key moved to another area", async () => {
    const w = await createPlanWorld(t.db);
    const base = contentOf(DEFAULT_CODE_LIST);

    const unknown = await refusal(save(w, { basedOnVersion: 0, content: { ...base, variables: [...base.variables, { system: "LOKAL", code: "TILSYN", text: "Tilsyn", plain: "Tilsyn", area: "fritid" }] }, maxAgeMonths: 12 }));
    expect(unknown).toMatchObject({ code: "BAD_REQUEST" });
    expect(unknown.text).toContain("«fritid»");

    const twice = await refusal(save(w, { basedOnVersion: 0, content: { ...base, variables: [...base.variables, { ...base.variables[0]!, text: "Igjen" }] }, maxAgeMonths: 12 }));
    expect(twice).toMatchObject({ code: "BAD_REQUEST" });
    expect(twice.text).toContain("IPLOS:01 finnes allerede");

    const areaTwice = await refusal(save(w, { basedOnVersion: 0, content: { ...base, areas: [...base.areas, base.areas[0]!] }, maxAgeMonths: 12 }));
    expect(areaTwice.code).toBe("BAD_REQUEST");

    const moved = await refusal(save(w, { basedOnVersion: 0, content: { ...base, variables: base.variables.map((v) => (v.code === "13" ? { ...v, area: "trygghet" } : v)) }, maxAgeMonths: 12 }));
    expect(moved).toMatchObject({ code: "BAD_REQUEST" });
    expect(moved.text).toContain("IPLOS:13");
    expect(moved.text).toContain("«kognisjon»");

    // A variable once saved keeps its area even after a version that left it out.
    await save(w, { basedOnVersion: 0, content: withTrust(DEFAULT_CODE_LIST), maxAgeMonths: 12 });
    const v1 = await currentCodeList(t.db.prisma, w.home.id);
    await save(w, { basedOnVersion: 1, content: { ...contentOf(v1), variables: v1.variables.filter((v) => v.code !== "TILSYN") }, maxAgeMonths: 12 });
    const back = await refusal(save(w, { basedOnVersion: 2, content: { ...base, variables: [...base.variables, { system: "LOKAL", code: "TILSYN", text: "Tilsyn", plain: "Tilsyn", area: "hjem" }] }, maxAgeMonths: 12 }));
    expect(back.code).toBe("BAD_REQUEST");
    expect(back.text).toContain("«trygghet»");

    // The shape: no areas, no variables, a bad ICF code, a limit out of range, an unknown field in levels.
    await expect(save(w, { basedOnVersion: 2, content: { areas: [], variables: base.variables }, maxAgeMonths: 12 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(save(w, { basedOnVersion: 2, content: { areas: base.areas, variables: [] }, maxAgeMonths: 12 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(save(w, { basedOnVersion: 2, content: { ...base, variables: base.variables.map((v, i) => (i === 0 ? { ...v, icf: "x12" } : v)) }, maxAgeMonths: 12 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(save(w, { basedOnVersion: 2, content: base, maxAgeMonths: 61 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(save(w, { basedOnVersion: 2, content: base, maxAgeMonths: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      save(w, { basedOnVersion: 2, content: { ...base, variables: base.variables.map((v, i) => (i === 0 ? { ...v, levels: { 7: "sju" } } : v)) } as never, maxAgeMonths: 12 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.prisma.assessmentCodeList.count({ where: { municipalityId: w.home.id } })).toBe(2);
  });

  it("nobody but the administrator reads or saves the code list, and an administrator only their own municipality's", async () => {
    const w = await createPlanWorld(t.db);
    const input = { basedOnVersion: 0, content: withTrust(DEFAULT_CODE_LIST), maxAgeMonths: 6 };
    for (const who of ["keLeader", "coordinator", "caseOfficer", "unitLeader", "owner", "representative", "staffInGroup"] as const) {
      await expect(w.callers[who].assessment.saveCodeList(input), who).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.callers[who].assessment.codeList(), who).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await t.db.prisma.assessmentCodeList.count()).toBe(0);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "assessment.codes" } })).toBe(0);
    const awayAdmin = await createUser(t.db.prisma, { municipalityId: w.other.id, roles: ["ADMIN"] });
    const { caller: away } = await signIn(t.db, awayAdmin.id);
    expect((await away.assessment.saveCodeList(input)).version).toBe(1);
    expect(await currentCodeList(t.db.prisma, w.home.id)).toEqual(DEFAULT_CODE_LIST);
    expect((await w.callers.admin.assessment.codeList()).versions).toEqual([]);
    expect((await t.db.prisma.municipality.findUniqueOrThrow({ where: { id: w.home.id } })).assessmentMaxAgeMonths).toBe(12);
  });
});
