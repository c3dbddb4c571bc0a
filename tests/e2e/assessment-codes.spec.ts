import { expect, test, type Page } from "@playwright/test";
import { login, seriousViolations } from "./helpers.ts";

// The administrator's code list for Kartlegging (issue 15): /admin/kartlegging. A new variable
// and a changed plain text are saved as the next version. Other specs record assessments with
// the default variables on the same demo server: this one never leaves a default variable out,
// and puts the plain text back and leaves its own variable out again when it is done.

const suffix = Date.now().toString(36).toUpperCase();
const plainOf = (page: Page) => page.getByLabel("Klarspråk for brukeren, LOKAL:INITIATIV", { exact: true });

async function currentVersion(page: Page): Promise<number> {
  const button = await page.getByRole("button", { name: /^Lagre som versjon \d+$/ }).textContent();
  return Number(/(\d+)$/.exec(button ?? "")?.[1]) - 1;
}

test("the administrator changes a plain text and adds a local variable; it is saved as the next version", async ({ page }) => {
  test.slow();
  await login(page, "admin@demo.no");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Administrasjon" }).getByRole("link", { name: "Kartlegging" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kodeliste for kartlegging");
  expect(await seriousViolations(page)).toEqual([]);

  const before = await currentVersion(page);
  const original = await plainOf(page).inputValue();
  const code = `E2E${suffix}`;
  try {
    await plainOf(page).fill("Å komme i gang med ting på egen hånd");
    const added = page.getByRole("group", { name: "Legg til variabel" });
    await expect(added.getByLabel("Kodesystem")).toHaveValue("LOKAL");
    await added.getByLabel("Kode", { exact: true }).fill(code);
    await added.getByLabel("Tekst for ansatte").fill("Tilsyn");
    await added.getByLabel("Klarspråk for brukeren").fill("Å ha noen som ser til meg");
    await added.getByLabel("Område").selectOption({ label: "Trygghet og initiativ" });
    await added.getByLabel("ICF-kode").fill("d571");
    await page.getByRole("button", { name: `Lagre som versjon ${before + 1}` }).click();
    await expect(page.getByRole("status").filter({ hasText: `Kodelisten er lagret som versjon ${before + 1}.` })).toBeVisible();
    // On a fresh demo server this is version 1.
    if (before === 0) await expect(page.getByText(/^Versjon 1, lagret /)).toBeVisible();
    await expect(plainOf(page)).toHaveValue("Å komme i gang med ting på egen hånd");
    await expect(page.getByRole("rowheader", { name: `LOKAL:${code}` })).toBeVisible();
    await expect(page.getByRole("region", { name: "Variabler i «Trygghet og initiativ»" }).getByRole("rowheader", { name: `LOKAL:${code}` })).toBeVisible();
    await expect(page.getByRole("table", { name: "Tidligere versjoner" }).getByRole("row").filter({ hasText: "Espen Aas" }).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // An ICF code that is not one, and an empty text: refused at the fields, nothing typed lost.
    const again = page.getByRole("group", { name: "Legg til variabel" });
    await again.getByLabel("Kode", { exact: true }).fill(`X${suffix}`);
    await again.getByLabel("ICF-kode").fill("12x");
    await again.getByLabel("Område").selectOption({ label: "Bevegelse" });
    await page.getByRole("button", { name: `Lagre som versjon ${before + 2}` }).click();
    await expect(page.getByText("Skriv ICF-koden som en bokstav (b, d, e eller s) og tall, for eksempel b1528.")).toBeVisible();
    await expect(again.getByLabel("Kode", { exact: true })).toHaveValue(`X${suffix}`);
    await expect(again.getByLabel("ICF-kode")).toHaveAttribute("aria-invalid", "true");
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    // Back as it was for the other specs: the plain text, and the variable left out (a new version).
    await page.goto("/admin/kartlegging");
    await plainOf(page).fill(original);
    const own = page.getByRole("checkbox", { name: `Ta bort LOKAL:${code} fra den nye versjonen` });
    if (await own.count()) await own.check();
    await page.getByRole("button", { name: /^Lagre som versjon \d+$/ }).click();
    await expect(page.getByRole("status").filter({ hasText: /Kodelisten er lagret som versjon \d+\./ })).toBeVisible();
  }
});

test("the code list page works at 390 px", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, "admin@demo.no");
  await page.goto("/admin/kartlegging");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kodeliste for kartlegging");
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(page)).toEqual([]);
});
