import { expect, test, type Page } from "@playwright/test";
import { login, seriousViolations } from "./helpers.ts";

// Search (issue 13, decision 026) on the demo: the coordinator finds Kari on "Mine planer" and
// searches her plan's goals; the coordinating unit finds her plan and is asked why before it opens.

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
// Axe on the whole plan page takes a while on a busy machine.
test.describe.configure({ timeout: 120_000 });

test("a coordinator searches on Mine planer, opens the plan, and finds a goal by a word in it", async ({ page }) => {
  await login(page, "koordinator@demo.no");
  await page.goto("/mine-planer");
  await page.getByRole("searchbox", { name: "Søk etter person eller plan" }).fill("kari 14.03.1988");
  await page.getByRole("search").getByRole("button", { name: "Søk" }).click();
  await expect(page).toHaveURL(/\/mine-planer\?q=kari/);
  const hits = page.getByRole("table", { name: "Treff blant planene du kan åpne" });
  await expect(hits.getByRole("row")).toHaveCount(2);
  await expect(hits).toContainText("14.03.1988");
  await expect(hits).toContainText(/P\d{4}-\d{4}/);
  expect(await seriousViolations(page)).toEqual([]);

  await hits.getByRole("link", { name: /Kari Nordmann/ }).click();
  await expect(heading(page)).toHaveText("Planen til Kari Nordmann");
  await expect(page.locator("header.plan-header")).toContainText(/P\d{4}-\d{4}/);

  // In the plan: "morgen" finds "Jeg vil klare morgenen selv" as one types, a link to the goal.
  await page.getByRole("searchbox", { name: "Søk i mål og tiltak" }).fill("morgen");
  const result = page.getByRole("list", { name: "Treff i mål og tiltak" }).getByRole("link", { name: "Jeg vil klare morgenen selv" });
  await expect(result).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await result.click();
  await expect(page).toHaveURL(/#goal-[0-9a-f-]{36}$/);
});

test("the coordinating unit searches the municipality and is asked for a purpose before the plan opens", async ({ page }) => {
  await login(page, "leder@demo.no");
  await page.getByRole("navigation").getByRole("link", { name: "Søk", exact: true }).first().click();
  await expect(heading(page)).toHaveText("Søk i kommunens planer og saker");
  await page.getByRole("searchbox", { name: "Søk etter person, plan eller sak" }).fill("Kari Nordmann");
  await page.getByRole("search").getByRole("button", { name: "Søk" }).click();
  const plans = page.getByRole("table", { name: "Planer i kommunen" });
  const row = plans.getByRole("row").filter({ hasText: "Kari Nordmann" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Du må skrive formålet før planen åpnes");
  // Only what identifies the plan: no goal of hers is on the page.
  await expect(page.getByText("Jeg vil klare morgenen selv")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  await row.getByRole("link", { name: /Kari Nordmann/ }).click();
  await expect(heading(page)).toHaveText("Formål med innsyn");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel("Formål med innsyn").fill("Kontroll etter klage fra pårørende");
  await page.getByRole("button", { name: "Åpne planen" }).click();
  await expect(heading(page)).toHaveText("Planen til Kari Nordmann");
});
