import { expect, test, type Locator, type Page } from "@playwright/test";
import { login, openDisclosure, planIdFromMyPlans, seriousViolations } from "./helpers.ts";

// The plan read as a document (issue 13, docs/decisions/029): Kari's plan is short enough to
// read, each goal and measure opens in place ("Endre"/"Ferdig") and what was typed is kept,
// goals come first on a phone, and goals can be moved, deleted and restored.

const KARI = "Kari Nordmann";
const unique = (text: string) => `${text} ${Date.now().toString(36)}`;

async function openKari(page: Page, width = 1280) {
  await page.setViewportSize({ width, height: 900 });
  await login(page, "koordinator@demo.no");
  const planId = await planIdFromMyPlans(page, KARI);
  await page.goto(`/planer/${planId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Planen til ${KARI}`);
  return planId;
}

/** A new main goal, added through "Legg til mål", in the area "Fritid". */
async function addGoal(page: Page, title: string): Promise<Locator> {
  const form = await openDisclosure(page.locator("section#mal"), "Legg til mål");
  await form.getByLabel("Livsområde").selectOption({ label: "Fritid" });
  await form.getByLabel("Målet", { exact: true }).fill(title);
  await form.getByRole("button", { name: "Legg til mål" }).click();
  const goal = page.locator("article.goal", { has: page.getByRole("heading", { name: title, exact: true }) });
  await expect(goal).toHaveCount(1);
  return goal;
}

test("Kari's plan reads in under 5,000 px at 1280 px, what matters first, and axe passes", async ({ page }) => {
  await openKari(page);
  await page.waitForLoadState("networkidle");
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(JSON.stringify({ page: "plan", viewer: "coordinator", width: 1280, height_px: height }));
  expect(height).toBeLessThan(5000);
  const summary = page.getByRole("region", { name: "Det viktigste i planen" });
  await expect(summary.getByRole("link", { name: "Jeg vil klare morgenen selv" })).toBeVisible();
  await expect(summary).toContainText("Neste møte");
  // The parts one works in rarely are folded, and a link in the contents opens them.
  await expect(page.locator("section#deltakere > details")).not.toHaveAttribute("open", "");
  await page.getByRole("navigation", { name: "Innhold i planen" }).getByRole("link", { name: "Deltakere og ansvarsgruppe" }).click();
  await expect(page.locator("section#deltakere > details")).toHaveAttribute("open", "");
  expect(await seriousViolations(page)).toEqual([]);
});

test("on a phone the user's goals come before any form", async ({ page }) => {
  await openKari(page, 390);
  const firstGoal = page.getByRole("region", { name: "Det viktigste i planen" }).getByRole("link", { name: "Jeg vil klare morgenen selv" });
  const goalTop = (await firstGoal.boundingBox())!.y;
  const formTops = await page.locator("main form:visible, main input:visible, main textarea:visible").evaluateAll((all) => all.map((el) => el.getBoundingClientRect().top + window.scrollY));
  expect(Math.min(...formTops)).toBeGreaterThan(goalTop);
});

test("a goal opens in place, saves, closes with nothing lost, moves, and is deleted and restored", async ({ page }) => {
  const planId = await openKari(page);
  const title = unique("Gå på kino");
  const goal = await addGoal(page, title);

  // Reading: no forms and no editor until "Endre".
  await expect(goal.getByLabel("Brukerens syn")).toHaveCount(0);
  await goal.getByRole("button", { name: `Endre: ${title}` }).click();
  await expect(goal.getByRole("button", { name: `Ferdig: ${title}` })).toBeVisible();
  // The goal's own texts save as they are written; "Ferdig" closes with the text kept.
  const ownView = unique("Jeg liker actionfilmer");
  await goal.getByLabel("Brukerens syn").fill(ownView);
  // A field of the form, changed and not saved: "Ferdig" saves it.
  await goal.getByLabel("Evalueres").fill("2027-03-01");
  await goal.getByRole("button", { name: `Ferdig: ${title}` }).click();
  await expect(goal.getByRole("button", { name: `Endre: ${title}` })).toBeFocused();
  await expect(goal.locator(".goal-card")).toContainText(ownView);
  await expect(goal.locator(".goal-card")).toContainText("1. mars 2027");
  await page.reload();
  await expect(goal.locator(".goal-card")).toContainText(ownView);
  await expect(goal.locator(".goal-card")).toContainText("1. mars 2027");

  // Moving with the keyboard: "Flytt opp" is a button with the goal's name.
  const area = page.locator("section.life-area", { has: goal });
  const before = await area.locator(":scope > article.goal h4").allTextContents();
  if (before.length > 1) {
    await goal.getByRole("button", { name: `Flytt «${title}» opp` }).press("Enter");
    await expect.poll(async () => (await area.locator(":scope > article.goal h4").allTextContents()).indexOf(title)).toBe(before.indexOf(title) - 1);
  }

  // Deleting asks why; the goal is gone from the plan and the summary.
  await goal.getByRole("button", { name: `Endre: ${title}` }).click();
  const deleting = await openDisclosure(goal, `Slett: ${title}`);
  await deleting.getByLabel("Hvorfor slettes det?").fill("Skrevet inn ved en feil");
  await deleting.getByRole("button", { name: "Slett" }).click();
  await expect(page.getByRole("heading", { name: title, exact: true })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Det viktigste i planen" })).not.toContainText(title);

  // The coordinator finds it under what was deleted, with why, and brings it back.
  await page.getByRole("link", { name: /^Slettet i planen de siste 30 dagene/ }).click();
  await expect(page).toHaveURL(`/planer/${planId}/slettet`);
  const item = page.locator(".deleted-list li", { hasText: title });
  await expect(item).toContainText("Grunn: Skrevet inn ved en feil");
  expect(await seriousViolations(page)).toEqual([]);
  await item.getByRole("button", { name: new RegExp(`^Hent tilbake ?: ${title}$`) }).click();
  await expect(page.locator(".deleted-list li", { hasText: title })).toHaveCount(0);
  await page.goto(`/planer/${planId}`);
  await expect(page.getByRole("heading", { name: title, exact: true })).toHaveCount(1);

  // Tidy up for the tests that follow: delete it again.
  const again = page.locator("article.goal", { has: page.getByRole("heading", { name: title, exact: true }) });
  await again.getByRole("button", { name: `Endre: ${title}` }).click();
  const tidy = await openDisclosure(again, `Slett: ${title}`);
  await tidy.getByLabel("Hvorfor slettes det?").fill("Testmål");
  await tidy.getByRole("button", { name: "Slett" }).click();
  await expect(page.getByRole("heading", { name: title, exact: true })).toHaveCount(0);
});
