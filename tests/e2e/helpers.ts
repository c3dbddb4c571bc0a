import { expect, type Page } from "@playwright/test";

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
