import { spawn, type ChildProcess } from "node:child_process";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { expect, test, type Page } from "@playwright/test";
import { seriousViolations } from "./helpers.ts";

// The second factor of a password sign-in, in a municipality outside the demo (whose accounts
// sign in in one step). Such a municipality is not in the demo data, so these tests start a
// portal of their own beside the shared one (tests/e2e/second-factor-server.ts), on the next port.

const PORT = Number(process.env.E2E_PORT ?? 3210) + 7;
const ORIGIN = `http://localhost:${PORT}`;
const EMAIL = "kari.koordinator@testby.no";
const PASSWORD = "testby-passord-1";
const SHOTS = process.env.SCREENSHOT_DIR;

let server: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // A process group of its own, so that the server (a child of tsx) ends with it.
  server = spawn("npx", ["tsx", "tests/e2e/second-factor-server.ts"], { env: { ...process.env, PORT: String(PORT) }, stdio: "ignore", detached: true });
  const until = Date.now() + 150_000;
  for (;;) {
    const ready = await fetch(`${ORIGIN}/healthz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > until || server.exitCode !== null) throw new Error("the second factor's portal did not start");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

test.afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server!.once("exit", resolve));
  process.kill(-server.pid!, "SIGTERM");
  await exited;
});

const step = () => Math.floor(Date.now() / 30_000);
const codeAt = (key: Uint8Array, at: number) => generateHOTP(key, BigInt(at), 6);

async function passwordStep(page: Page) {
  await page.goto(`${ORIGIN}/login`);
  await page.getByLabel("E-postadresse", { exact: true }).fill(EMAIL);
  await page.getByLabel("Passord", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Logg inn", exact: true }).click();
  await page.waitForURL(`${ORIGIN}/login/kode`);
}

async function noHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

test("set-up with a first code, recovery codes once, then a code or a recovery code at each sign-in", async ({ page }) => {
  test.setTimeout(120_000);
  await passwordStep(page);
  // No session yet: the second step is all there is.
  await expect(page.getByRole("button", { name: "Logg ut" })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sett opp totrinnsinnlogging");
  await expect(page.getByRole("img", { name: "QR-kode for å legge kontoen til i appen for engangskoder" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Åpne i appen for engangskoder/ })).toHaveAttribute("href", /^otpauth:\/\/totp\//);
  const keyText = (await page.locator("code.totp-key").textContent()) ?? "";
  expect(keyText).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  const key = decodeBase32IgnorePadding(keyText.replace(/ /g, ""));
  expect(await seriousViolations(page)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/setup-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await noHorizontalScroll(page);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/setup-phone.png`, fullPage: true });

  // A wrong code is refused in plain words; the right one turns the second factor on.
  const codeField = page.getByLabel("Engangskode", { exact: true });
  const wrong = String((Number(codeAt(key, step())) + 500_000) % 1_000_000).padStart(6, "0");
  await codeField.fill(wrong);
  await page.getByRole("button", { name: "Bekreft og logg inn" }).click();
  await expect(page.getByRole("alert")).toHaveText("Koden stemmer ikke. Prøv igjen med koden som vises i appen nå.");
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  const first = codeAt(key, step());
  await codeField.fill(first);
  await page.getByRole("button", { name: "Bekreft og logg inn" }).click();

  // Ten recovery codes, shown once.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reservekoder");
  const codes = await page.getByRole("list", { name: "Dine reservekoder" }).getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  expect(await seriousViolations(page)).toEqual([]);
  await noHorizontalScroll(page);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/recovery-phone.png`, fullPage: true });
  await page.getByRole("link", { name: "Jeg har tatt vare på kodene – fortsett" }).click();
  await expect(page.getByRole("button", { name: "Logg ut" })).toBeVisible();

  // Next time: a code from the app.
  await page.getByRole("button", { name: "Logg ut" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  await page.setViewportSize({ width: 1280, height: 800 });
  await passwordStep(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Skriv inn engangskode");
  expect(await seriousViolations(page)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/code-desktop.png`, fullPage: true });
  const signedInAt = step() + 1;
  await page.getByLabel("Engangskode", { exact: true }).fill(codeAt(key, signedInAt));
  await page.getByRole("button", { name: "Logg inn", exact: true }).click();
  await expect(page.getByRole("button", { name: "Logg ut" })).toBeVisible();

  // And with a recovery code (once): "Min konto" says how many are left.
  await page.getByRole("button", { name: "Logg ut" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  await passwordStep(page);
  await page.getByLabel("Engangskode", { exact: true }).fill(codes[0]);
  await page.getByRole("button", { name: "Logg inn", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/konto");
  await expect(page.getByRole("status").filter({ hasText: "Du logget inn med en reservekode. Du har 9 igjen." })).toBeVisible();
  const section = page.getByRole("region", { name: "Totrinnsinnlogging" });
  await expect(section).toContainText("9 ubrukte reservekoder");
  expect(await seriousViolations(page)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/konto-desktop.png`, fullPage: true });

  // New codes from "Min konto", for a current code from the app: shown once. Each step is taken
  // once, so the code comes from a step after the one used to sign in.
  while (step() + 1 <= signedInAt) await page.waitForTimeout(1000);
  await section.getByLabel("Engangskode", { exact: true }).fill(codeAt(key, step() + 1));
  await section.getByRole("button", { name: "Lag nye reservekoder" }).click();
  await expect(section.getByRole("list", { name: "Dine reservekoder" }).getByRole("listitem")).toHaveCount(10);
  expect(await seriousViolations(page)).toEqual([]);

  // The used recovery code does not work a second time.
  await page.getByRole("button", { name: "Logg ut" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  await passwordStep(page);
  await page.getByLabel("Engangskode", { exact: true }).fill(codes[0]);
  await page.getByRole("button", { name: "Logg inn", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("Koden stemmer ikke. Prøv igjen med koden som vises i appen nå.");
  await expect(page.getByRole("button", { name: "Logg ut" })).toHaveCount(0);
});
