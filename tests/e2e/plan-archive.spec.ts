import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { formatNumericDate } from "../../app/domain/oslo-time.ts";
import { login, planIdFromMyPlans, seriousViolations } from "./helpers.ts";

// Archive copies (issue 13, docs/decisions/027): the coordinator archives Kari's plan with
// "Arkiver nå", sees when it was last archived and downloads the copy's PDF/A.

const KARI = "Kari Nordmann";

test("the coordinator archives the plan, sees «Sist arkivert» and downloads the PDF", async ({ page }) => {
  // Making the PDF/A and the package takes a few seconds on a busy machine.
  test.slow();
  await login(page, "koordinator@demo.no");
  const planId = await planIdFromMyPlans(page, KARI);
  await page.goto(`/planer/${planId}#arkiv`);
  const section = page.locator("section#arkiv");
  await expect(section.getByRole("heading", { name: "Arkivkopier" })).toBeVisible();

  await section.getByRole("button", { name: "Arkiver nå" }).click();
  const today = formatNumericDate(new Date(), "nb");
  await expect(section.getByTestId("last-archived")).toHaveText(`Sist arkivert ${today}`, { timeout: 30_000 });
  const copies = section.getByRole("table", { name: "Arkivkopier av planen" });
  await expect(copies.getByRole("row").nth(1)).toContainText("Laget på forespørsel");
  await expect(copies.getByRole("row").nth(1)).toContainText("Levert");
  expect(await seriousViolations(page)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent("download"), copies.getByRole("link", { name: /^PDF – arkivkopi fra/ }).first().click()]);
  expect(download.suggestedFilename()).toMatch(/^plan-arkivkopi-\d{4}-\d{2}-\d{2}\.pdf$/);
  const file = await download.path();
  const pdf = readFileSync(file);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.toString("latin1")).toContain("<pdfaid:part>2</pdfaid:part>");
});
