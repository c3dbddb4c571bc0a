import { expect, test, type Page } from "@playwright/test";
import { login, openDisclosure, planIdFromMyPlans, seriousViolations, signedInPage } from "./helpers.ts";

// Closing a plan and opening it again (issue 13), on Magnus Olsen's plan: the demo's closed plan,
// coordinated by Lars Eide. The test leaves it closed, as it found it.

const MAGNUS = "Magnus Olsen";
const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const unique = (text: string) => `${text} (${Date.now().toString(36)})`;

test("the coordinator opens a closed plan again with a reason, and closes it with a reason, a date and a confirmation", async ({ page, browser, baseURL }) => {
  await login(page, "koordinator2@demo.no");
  const planId = await planIdFromMyPlans(page, MAGNUS);
  await page.goto(`/planer/${planId}`);
  await expect(heading(page)).toHaveText(`Planen til ${MAGNUS}`);
  const notice = page.getByRole("note").filter({ hasText: "Planen ble avsluttet" });
  await expect(notice).toContainText("Alle med tilgang kan lese den, men ingen kan endre den.");
  // Read-only: no form to write in the log, nothing to change.
  await expect(page.locator("summary", { hasText: "Skriv i loggen" })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  const reopen = await openDisclosure(page.locator("header.plan-header"), "Åpne planen igjen");
  await reopen.getByLabel("Hvorfor åpnes planen igjen?").fill(unique("Magnus ønsker en ny periode"));
  await reopen.getByRole("button", { name: "Åpne planen igjen" }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.locator("header.plan-header")).toContainText("Aktiv");
  await expect(page.locator("summary", { hasText: "Skriv i loggen" })).toHaveCount(1);

  const closing = await openDisclosure(page.locator("header.plan-header"), "Avslutt planen");
  const reason = unique("Målene er nådd");
  await closing.getByLabel("Hvorfor avsluttes planen?").fill(reason);
  // Without the tick, nothing happens but a clear question.
  await closing.getByRole("button", { name: "Avslutt planen" }).click();
  await expect(closing.getByText("Kryss av for at du forstår at planen blir skrivebeskyttet.")).toBeVisible();
  await closing.getByLabel("Jeg forstår at planen blir skrivebeskyttet for alle.").check();
  await closing.getByRole("button", { name: "Avslutt planen" }).click();
  await expect(notice).toContainText(reason);
  await expect(page.locator("header.plan-header")).toContainText("Avsluttet");

  // Magnus still reads it, with the reason, and cannot change it.
  const magnus = await signedInPage(browser, baseURL, "bruker9@demo.no");
  try {
    await magnus.page.goto("/min-plan");
    await expect(magnus.page.getByRole("note")).toContainText(reason);
    await magnus.page.goto(`/planer/${planId}`);
    await expect(magnus.page.getByRole("note").filter({ hasText: "Planen ble avsluttet" })).toContainText(reason);
    expect(await seriousViolations(magnus.page)).toEqual([]);
  } finally {
    await magnus.context.close();
  }
});
