import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { createI18n } from "../../app/i18n/i18n.ts";
import { loadCaseList, loadPlanList } from "../../app/lib/dashboard-lists.server.ts";
import { toCsv, toXlsx } from "../../app/lib/export.server.ts";
import { describeUnknownError } from "../../server/trpc/errors.ts";
import { createPlanWorld } from "./plan-world.ts";
import { signIn } from "./helpers.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();

describe("dashboard exports", () => {
  it("CSV and Excel files hold exactly the rows of the list on screen", async () => {
    const w = await createPlanWorld(t.db);
    await t.db.prisma.plan.update({ where: { id: w.plan.id }, data: { lastActivityAt: new Date(Date.now() - 400 * 86_400_000) } });
    await w.callers.owner.case.create({ type: "COMPLAINT", description: "Klage på vedtaket." });
    const { auth, caller } = await signIn(t.db, w.people.keLeader.id);
    const context = { caller, user: auth.user, lang: "nb", cspNonce: "", describeError: (e: unknown) => describeUnknownError(e, "nb") } as unknown as AppLoadContext;
    const request = new Request("http://localhost/ke/liste");
    const { t: tr } = createI18n("nb");
    const filter = { publication: false };

    const plans = await loadPlanList(context, request, "inactive12Months", filter, tr);
    const onScreen = await caller.dashboard.plans({ metric: "inactive12Months", filter });
    expect(plans.table.rows).toHaveLength(onScreen.length);
    expect(plans.table.rows.map((r) => r[0])).toEqual(onScreen.map((p) => p.ownerName));

    const csv = toCsv(plans.table);
    expect(csv.startsWith("\uFEFFPlanen til;Status;Koordinator")).toBe(true);
    expect(csv.trim().split("\r\n")).toHaveLength(1 + onScreen.length);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(plans.table)) as never);
    const sheet = workbook.worksheets[0];
    // Excel keeps no trailing empty cells; compare without them.
    const trim = (row: unknown[]) => {
      const copy = [...row];
      while (copy.length && (copy[copy.length - 1] === undefined || copy[copy.length - 1] === null)) copy.pop();
      return copy.map((v) => v ?? null);
    };
    const values = sheet.getSheetValues().slice(1).map((row) => trim((row as unknown[]).slice(1)));
    expect(values).toEqual([plans.table.columns, ...plans.table.rows].map(trim));

    const cases = await loadCaseList(context, request, "openCases", filter, tr);
    expect(cases.table.rows).toHaveLength((await caller.dashboard.cases({ metric: "openCases", filter })).length);
  });
});
