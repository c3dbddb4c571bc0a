import { expect, test } from "@playwright/test";
import { login, seriousViolations } from "./helpers.ts";

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
