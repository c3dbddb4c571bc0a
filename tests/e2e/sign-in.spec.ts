import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { TEST_RESIDENTS } from "../../server/test-idp/persons.ts";
import { seriousViolations } from "./helpers.ts";
import { serverLogPath } from "./server-log.ts";

// Signing in through the local test ID-porten and the staff provider that `npm start` runs
// beside the portal, with synthetic persons (issue 12).

const kari = TEST_RESIDENTS.find((p) => p.sub === "resident-kari")!;

async function chooseAtProvider(page: Page, name: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/ID-porten \(test\)|Ansattinnlogging \(test\)/);
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
}

test.describe("sign-in through identity providers", () => {
  test("a resident signs in with the test ID-porten and lands on Min plan; signing out ends the provider's session too", async ({ page }) => {
    await page.goto("/login");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Logg inn med ID-porten (test)" }).click();
    // The provider's page, with the synthetic persons (numbers masked) and the level of assurance.
    await expect(page.getByText("Testmiljø: bare syntetiske testpersoner.")).toBeVisible();
    await expect(page.getByLabel("Sikkerhetsnivå")).toHaveValue("idporten-loa-high");
    await chooseAtProvider(page, "Kari Nordmann");
    await page.waitForURL((url) => url.pathname === "/min-plan");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Min plan");
    // Kari's own plan: her coordinator is there.
    await expect(page.getByRole("region", { name: "Din koordinator" })).toContainText("Ingrid Berg");
    await expect(page.getByRole("button", { name: "Logg ut" })).toBeVisible();

    await page.getByRole("button", { name: "Logg ut" }).click();
    await page.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("utlogget") === "1");
    await expect(page.getByRole("status")).toHaveText("Du er logget ut.");
    // The provider forgot Kari: signing in again asks who it is rather than letting her straight in.
    await page.getByRole("link", { name: "Logg inn med ID-porten (test)" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ID-porten (test)");
  });

  test("staff sign in through the staff provider with the roles its claim maps to", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Logg inn som ansatt" }).click();
    await chooseAtProvider(page, "Ingrid Berg");
    await page.waitForURL((url) => url.pathname === "/mine-planer");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mine planer");
    await expect(page.getByRole("link", { name: "Kari Nordmann – åpne planen" })).toBeVisible();
  });

  test("a level of assurance below high is refused with a clear message", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Logg inn med ID-porten (test)" }).click();
    await page.getByLabel("Sikkerhetsnivå").selectOption("idporten-loa-substantial");
    await chooseAtProvider(page, "Kari Nordmann");
    await page.waitForURL((url) => url.pathname === "/login");
    await expect(page.getByRole("alert")).toHaveText(/høyere sikkerhetsnivå/);
    await expect(page.getByRole("button", { name: "Logg ut" })).toHaveCount(0);
  });

  test("the sign-in page works on a phone, and no identity number reaches the log or a page unmasked", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto("/login");
    const link = page.getByRole("link", { name: "Logg inn med ID-porten (test)" });
    expect((await link.boundingBox())!.width).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await link.click();
    expect(await page.content()).not.toContain(kari.pid);
    await chooseAtProvider(page, "Kari Nordmann");
    await page.waitForURL((url) => url.pathname === "/min-plan");
    expect(await page.content()).not.toContain(kari.pid);
    await page.goto("/konto");
    expect(await page.content()).not.toContain(kari.pid);
    expect(readFileSync(serverLogPath(), "utf8")).not.toContain(kari.pid);
  });
});
