import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

/** Every demo account has this password (prisma/demo.ts). */
export const DEMO_PASSWORD = "demo1234";

/** Fills in the login form and submits it; without a password, the demo password. */
export async function submitLogin(page: Page, email: string, password = DEMO_PASSWORD) {
  if (new URL(page.url(), "http://x").pathname !== "/login") await page.goto("/login");
  await page.getByLabel("E-postadresse", { exact: true }).fill(email);
  await page.getByLabel("Passord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logg inn", exact: true }).click();
}

/** Signs in as a demo account and waits until the portal has moved on from /login. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await submitLogin(page, email, password);
  await page.waitForURL((url) => url.pathname !== "/login");
  await expect(page.getByRole("button", { name: "Logg ut" })).toBeVisible();
}

/** A second browser of its own (cookies, storage, live connection) signed in as a demo account: two people at once. */
export async function signedInPage(browser: Browser, baseURL: string | undefined, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await login(page, email);
  return { context, page };
}

/** The id of a plan, read from its link in "Mine planer" (for someone who is in the plan). */
export async function planIdFromMyPlans(page: Page, ownerName: string): Promise<string> {
  await page.goto("/mine-planer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mine planer");
  const href = await page.getByRole("link", { name: `${ownerName} – åpne planen` }).getAttribute("href");
  const planId = /^\/planer\/([0-9a-f-]{36})$/.exec(href ?? "")?.[1];
  if (!planId) throw new Error(`No link to the plan of ${ownerName} in Mine planer (href: ${href})`);
  return planId;
}

/** `text` as a regular expression that matches exactly it. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Opens the collapsed form or section (<details>) in `scope` whose summary reads exactly `summary`,
 * and returns it, so its fields can be looked up inside it.
 */
export async function openDisclosure(scope: Locator, summary: string): Promise<Locator> {
  const toggle = scope.page().locator(":scope > summary", { hasText: new RegExp(`^\\s*${escapeRegExp(summary)}\\s*$`) });
  const details = scope.locator("details", { has: toggle });
  await expect(details, `one "${summary}" to open`).toHaveCount(1);
  if ((await details.getAttribute("open")) === null) await details.locator(":scope > summary").click();
  await expect(details).toHaveAttribute("open", "");
  return details;
}

/** Opens every collapsed form and section on the page (to check what is inside them too). */
export async function openAllDisclosures(page: Page) {
  const closed = page.locator("details:not([open])");
  // A part drawn when opened (decisions 034 and 037) brings folded parts of its own: open those too.
  await expect(async () => {
    await closed.evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await expect(closed).toHaveCount(0, { timeout: 1_000 });
  }).toPass();
}

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Serious and critical WCAG 2.1 A/AA violations (axe), one readable line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
