import { expect, test, type Locator, type Page } from "@playwright/test";
import { openDisclosure, seriousViolations } from "./helpers.ts";
import { openKari } from "./plan-page.ts";

// The plan read as a document (issue 13, docs/decisions/029): each goal opens in place
// ("Endre"/"Ferdig") and what was typed is kept; goals can be moved, deleted and restored.
// Its length and the phone's order are checked in a11y.spec.ts, which runs first, on the demo
// as it is seeded (the collaboration tests add paragraphs to Kari's goals).

const unique = (text: string) => `${text} ${Date.now().toString(36)}`;


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

test("a goal opens in place, saves, closes with nothing lost, moves, and is deleted and restored", async ({ page }) => {
  const planId = await openKari(page);
  const title = unique("Gå på kino");
  const goal = await addGoal(page, title);

  // Reading: no forms and no editor until "Endre".
  await expect(goal.getByLabel("Brukerens syn")).toHaveCount(0);
  await goal.getByRole("button", { name: `Endre: ${title}` }).click();
  await expect(goal.getByRole("button", { name: `Ferdig: ${title}` })).toBeVisible();
  // A field of the form, changed and not saved: "Ferdig" saves it, and gives focus back to "Endre".
  await goal.getByRole("form", { name: "Endre målet" }).getByLabel(/^Evalueres/).fill("2027-03-01");
  await goal.getByRole("button", { name: `Ferdig: ${title}` }).click();
  await expect(goal.getByRole("button", { name: `Endre: ${title}` })).toBeFocused();
  await expect(goal.locator(".goal-card")).toContainText("1. mars 2027");

  // The goal's own texts save as they are written; "Ferdig" closes with the text kept.
  await goal.getByRole("button", { name: `Endre: ${title}` }).click();
  const ownView = unique("Jeg liker actionfilmer");
  await goal.getByLabel("Brukerens syn").fill(ownView);
  await goal.getByRole("button", { name: `Ferdig: ${title}` }).click();
  await expect(goal.locator(".goal-card")).toContainText(ownView);
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
