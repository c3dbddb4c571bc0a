import { expect, test } from "@playwright/test";
import { login, seriousViolations } from "./helpers.ts";
import { openKari } from "./plan-page.ts";

const PAGES: { path: string; as: string | null; heading: string }[] = [
  { path: "/login", as: null, heading: "Logg inn" },
  { path: "/min-plan", as: "bruker@demo.no", heading: "Min plan" },
  { path: "/mine-planer", as: "koordinator@demo.no", heading: "Mine planer" },
  { path: "/ke", as: "leder@demo.no", heading: "Koordinerende enhet – oversikt" },
  { path: "/admin", as: "admin@demo.no", heading: "Administrasjon" },
  { path: "/konto", as: "bruker@demo.no", heading: "Min konto" },
];

test.describe("accessibility (axe, WCAG 2.1 AA)", () => {
  for (const { path, as, heading } of PAGES) {
    test(`${path}${as ? ` as ${as}` : ""} has no serious or critical violations`, async ({ page }) => {
      if (as) await login(page, as);
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("/min-plan fits the screen and starts with the skip link", async ({ page }) => {
    await login(page, "bruker@demo.no");
    await page.goto("/min-plan");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Min plan");
    // The live editors of «Om meg» and the goals are in the page before measuring; a text's
    // formatting buttons show while someone writes in it.
    const aboutMe = page.getByRole("textbox", { name: "Om meg", exact: true });
    await expect(aboutMe).toHaveAttribute("aria-readonly", "false");
    await aboutMe.focus();
    await expect(page.getByRole("toolbar", { name: "Tekstformat for «Om meg»" })).toBeVisible();

    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Min plan");

    const skipLink = page.getByRole("link", { name: "Hopp til hovedinnhold" });
    await page.keyboard.press("Tab");
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
  });
});

// The plan read as a document (issue 13, docs/decisions/029), on the demo as it is seeded: this
// file runs first, before other tests add to Kari's plan.
test.describe("the plan read as a document", () => {
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

  test("Kari reads her own plan in under 5,000 px at 1280 px", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await login(page, "bruker@demo.no");
    await page.getByRole("link", { name: "Se hele planen" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planen til Kari Nordmann");
    await page.waitForLoadState("networkidle");
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(JSON.stringify({ page: "plan", viewer: "user", width: 1280, height_px: height }));
    expect(height).toBeLessThan(5000);
  });

  test("on a phone the user's goals come before any form", async ({ page }) => {
    await openKari(page, 390);
    const firstGoal = page.getByRole("region", { name: "Det viktigste i planen" }).getByRole("link", { name: "Jeg vil klare morgenen selv" });
    const goalTop = (await firstGoal.boundingBox())!.y;
    const formTops = await page.locator("main form:visible, main input:visible, main textarea:visible").evaluateAll((all) => all.map((el) => el.getBoundingClientRect().top + window.scrollY));
    expect(Math.min(...formTops)).toBeGreaterThan(goalTop);
  });
});
