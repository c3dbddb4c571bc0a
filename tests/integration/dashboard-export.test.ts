import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { exportLoader } from "../../app/lib/dashboard-list-loaders.server.ts";
import { describeUnknownError } from "../../server/trpc/errors.ts";
import { createPlanWorld } from "./plan-world.ts";
import { signIn } from "./helpers.ts";
import { useTestDatabase } from "./test-db.ts";

const t = useTestDatabase();

/** The export route as a browser calls it, for one signed-in person. */
async function download(db: typeof t.db, userId: string, query: string) {
  const { auth, caller } = await signIn(db, userId);
  const context = { caller, user: auth.user, lang: "nb", cspNonce: "", describeError: (e: unknown) => describeUnknownError(e, "nb") } as unknown as AppLoadContext;
  return exportLoader({ context, request: new Request(`http://localhost/ke/eksport?${query}`), params: {} });
}

describe("dashboard exports", () => {
  it("CSV and Excel files hold every row of the list, written page by page, each page recorded", async () => {
    const w = await createPlanWorld(t.db);
    const prisma = t.db.prisma;
    // More plans than one page of the file (1,000 rows), all quiet for over a year.
    const owners = Array.from({ length: 1004 }, (_, i) => ({ id: randomUUID(), municipalityId: w.home.id, name: `Eier ${i}`, email: `eier${i}@eksport.no` }));
    await prisma.user.createMany({ data: owners });
    await prisma.plan.createMany({ data: owners.map((o) => ({ municipalityId: w.home.id, ownerId: o.id, status: "ACTIVE" as const, lastActivityAt: new Date(Date.now() - 400 * 86_400_000) })) });
    const onScreen = await w.callers.keLeader.dashboard.plans({ metric: "inactive12Months", filter: {}, limit: 5 });
    expect(onScreen.total).toBe(1004);

    const csvResponse = await download(t.db, w.people.keLeader.id, "liste=planer&tall=inactive12Months&format=csv");
    expect(csvResponse.headers.get("Content-Type")).toContain("text/csv");
    expect(csvResponse.headers.get("Content-Disposition")).toContain("attachment");
    // Keep the byte-order mark (Response.text() drops it): Norwegian Excel needs it for æøå.
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csvResponse.arrayBuffer());
    expect(csv.startsWith("\uFEFFPlanen til;Status;Koordinator")).toBe(true);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(1 + 1004);
    expect(new Set(lines.slice(1).map((line) => line.split(";")[0])).size).toBe(1004);
    expect(lines.slice(1, 6).map((line) => line.split(";")[0])).toEqual(onScreen.rows.map((p) => p.ownerName));
    // Two pages read for the file, two export rows in the audit trail.
    expect(await prisma.auditEvent.count({ where: { actorId: w.people.keLeader.id, action: "dashboard.export" } })).toBe(2);

    const xlsxResponse = await download(t.db, w.people.keLeader.id, "liste=planer&tall=inactive12Months&format=xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsxResponse.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    const values = sheet.getSheetValues().slice(1) as unknown[][];
    expect(values).toHaveLength(1 + 1004);
    expect(values[0].slice(1, 4)).toEqual(["Planen til", "Status", "Koordinator"]);
    expect(values.slice(1, 6).map((row) => row[1])).toEqual(onScreen.rows.map((p) => p.ownerName));

    // Cases, meetings and measures too: the file has the list's rows.
    const cases = await download(t.db, w.people.keLeader.id, "liste=saker&tall=openCases&format=csv");
    expect((await cases.text()).trim().split("\r\n")).toHaveLength(1 + (await w.callers.keLeader.dashboard.cases({ metric: "openCases", filter: {} })).total);
  });

  it("is refused before any file is written: in publication mode, and to whoever may not see the list", async () => {
    const w = await createPlanWorld(t.db);
    await expect(download(t.db, w.people.keLeader.id, "liste=planer&tall=activePlans&format=csv&publisering=1")).rejects.toMatchObject({ status: 403 });
    await expect(download(t.db, w.people.admin.id, "liste=planer&tall=activePlans&format=xlsx")).rejects.toMatchObject({ status: 403 });
    await expect(download(t.db, w.people.coordinator.id, "liste=saker&tall=openCases&format=csv")).rejects.toMatchObject({ status: 403 });
    await expect(download(t.db, w.people.keLeader.id, "liste=planer&tall=alt&format=csv")).rejects.toMatchObject({ status: 404 });
  });
});
