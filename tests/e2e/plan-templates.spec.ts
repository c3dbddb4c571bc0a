import { expect, test, type Page } from "@playwright/test";
import { login, openAllDisclosures, openDisclosure, planIdFromMyPlans, seriousViolations, signedInPage } from "./helpers.ts";

// Plan types and their templates (issue 13, docs/decisions/028): the administrator edits the
// individual plan's template at /admin/maler, and a coordinator sees the change on Kari's plan.
// The test puts the template back as it found it.

const KARI = "Kari Nordmann";
const unique = (text: string) => `${text} (${Date.now().toString(36)})`;
const areaRow = (page: Page, name: string) => page.locator("#omrader li").filter({ has: page.getByRole("checkbox", { name, exact: true }) });
const areaOrder = (page: Page) => page.locator("#omrader li input[type=checkbox]").evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).labels?.[0]?.textContent ?? ""));
const goalGuidance = (page: Page) => page.locator("#overskrifter li").filter({ has: page.locator("input[value='Mål']") }).getByLabel("Veiledning");

async function save(page: Page) {
  await page.getByRole("button", { name: "Lagre malen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Malen for Individuell plan er lagret." })).toBeVisible();
}

test("the administrator removes a life area and edits a heading's guidance; the coordinator sees it on a plan", async ({ page, browser, baseURL }) => {
  // Two people signed in, three axe runs and four saves.
  test.slow();
  await login(page, "admin@demo.no");
  await page.goto("/admin/maler");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Maler for planer");
  await expect(page.getByRole("link", { name: "Individuell plan", exact: true })).toHaveAttribute("aria-current", "page");
  expect(await seriousViolations(page)).toEqual([]);

  // The stafettlogg has its own headings.
  await page.getByRole("link", { name: "Oppfølgingsplan (stafettlogg)" }).click();
  await expect(page.locator("#overskrifter input[value='Bekymring/utgangspunkt']")).toHaveCount(1);
  await page.getByRole("link", { name: "Individuell plan", exact: true }).click();
  await expect(page.locator("#overskrifter input[value='Om meg']")).toHaveCount(1);

  const originalGuidance = await goalGuidance(page).inputValue();
  const guidance = unique("Skriv målet slik brukeren sier det");
  try {
    // Moving by keyboard: "Flytt ned" on Helse, with Enter; the button keeps focus and the move is announced.
    const before = await areaOrder(page);
    const down = page.getByRole("button", { name: "Flytt ned: Helse" });
    await down.focus();
    await page.keyboard.press("Enter");
    await expect(down).toBeFocused();
    await expect(page.getByText("Helse er flyttet til plass", { exact: false })).toBeAttached();
    const moved = await areaOrder(page);
    expect(moved.indexOf("Helse")).toBe(before.indexOf("Helse") + 1);
    await page.keyboard.press("Shift+Tab");
    await expect(page.getByRole("button", { name: "Flytt opp: Helse" })).toBeFocused();
    await page.keyboard.press("Enter");
    expect(await areaOrder(page)).toEqual(before);

    await areaRow(page, "Økonomi").getByRole("checkbox").uncheck();
    await goalGuidance(page).fill(guidance);
    await save(page);
    await expect(areaRow(page, "Økonomi").getByRole("checkbox")).not.toBeChecked();
    await expect(goalGuidance(page)).toHaveValue(guidance);
    await expect(page.getByText("Sist endret", { exact: false })).toContainText("Espen Aas");
    expect(await seriousViolations(page)).toEqual([]);

    // The coordinator sees the change on Kari's plan: the guidance, and no "Økonomi" for a new goal.
    const coordinator = await signedInPage(browser, baseURL, "koordinator@demo.no");
    try {
      const planId = await planIdFromMyPlans(coordinator.page, KARI);
      await coordinator.page.goto(`/planer/${planId}`);
      await expect(coordinator.page.locator("header.plan-header")).toContainText("Individuell plan");
      const help = await openDisclosure(coordinator.page.locator("body"), "Slik fyller dere ut individuell plan");
      await expect(help).toContainText(guidance);
      await openAllDisclosures(coordinator.page);
      const newGoal = coordinator.page.locator("#mal details", { has: coordinator.page.locator(":scope > summary", { hasText: /^\s*Legg til mål\s*$/ }) });
      const options = await newGoal.getByLabel("Livsområde").locator("option").allTextContents();
      expect(options).toContain("Helse");
      expect(options).not.toContain("Økonomi");
      expect(await seriousViolations(coordinator.page)).toEqual([]);
    } finally {
      await coordinator.context.close();
    }
  } finally {
    // As it was.
    await page.goto("/admin/maler?type=IP");
    await areaRow(page, "Økonomi").getByRole("checkbox").check();
    // An area not offered is listed last: back before "Annet", where it was.
    await page.getByRole("button", { name: "Flytt opp: Økonomi" }).click();
    await goalGuidance(page).fill(originalGuidance);
    await save(page);
  }
});
