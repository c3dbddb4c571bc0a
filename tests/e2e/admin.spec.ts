import { expect, test, type Page } from "@playwright/test";
import { login, seriousViolations } from "./helpers.ts";

// The administrator runs Demo kommune (issue 12): creates a unit and a person in it, finds them in
// the lists, and the pages pass axe and fit a phone. The run shares one database, so what is
// created carries a unique mark.

const unique = (text: string) => `${text} ${Date.now().toString(36)}`;
const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const ADMIN_PAGES = [
  { path: "/admin", heading: "Administrasjon" },
  { path: "/admin/brukere", heading: "Brukere" },
  { path: "/admin/brukere/ny", heading: "Ny bruker" },
  { path: "/admin/enheter", heading: "Enheter" },
  { path: "/admin/import", heading: "Importer ansatte" },
  { path: "/admin/innstillinger", heading: "Innstillinger for kommunen" },
];

test.describe("administration", () => {
  test("the administrator creates a unit and a user in it, and finds both listed", async ({ page }) => {
    const unitName = unique("Rehabilitering");
    const userName = unique("Nina Nyansatt");
    const email = `${unique("nina").replace(" ", ".")}@demo.no`;
    await login(page, "admin@demo.no");

    await page.goto("/admin");
    await page.getByRole("navigation", { name: "Administrasjon" }).getByRole("link", { name: "Enheter" }).click();
    await expect(heading(page)).toHaveText("Enheter");
    const newUnit = page.getByRole("form", { name: "Ny enhet" });
    await newUnit.getByLabel("Navn på enheten").fill(unitName);
    await newUnit.getByRole("button", { name: "Opprett enhet" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${unitName} er opprettet.` })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: unitName })).toBeVisible();

    await page.getByRole("navigation", { name: "Administrasjon" }).getByRole("link", { name: "Brukere" }).click();
    await page.getByRole("link", { name: "Ny bruker" }).click();
    await expect(heading(page)).toHaveText("Ny bruker");
    const form = page.getByRole("form", { name: "Ny bruker" });
    await form.getByLabel("Navn", { exact: true }).fill(userName);
    await form.getByLabel(/^E-post/).fill(email);
    await form.getByLabel(/^Stilling/).fill("Ergoterapeut");
    await form.getByLabel("Enhet personen jobber i").selectOption({ label: unitName });
    const roles = form.getByRole("group", { name: "Roller" });
    await roles.getByRole("checkbox", { name: "Koordinator", exact: true }).check();
    await form.getByRole("button", { name: "Opprett bruker" }).click();

    await expect(heading(page)).toHaveText(userName);
    await expect(page.getByRole("status").filter({ hasText: `${userName} er opprettet.` })).toBeVisible();

    // Listed, and found by search.
    await page.goto("/admin/brukere");
    await page.getByRole("searchbox", { name: "Søk etter navn, e-post eller stilling" }).fill(userName);
    await page.getByRole("button", { name: "Søk", exact: true }).click();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: userName }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(unitName);
    await expect(row).toContainText("Fagperson, Koordinator");
    await page.goto("/admin/enheter");
    await expect(page.getByRole("region", { name: unitName })).toContainText("1 ansatt");
  });

  test("a second account with the same e-mail is refused in words, and the form keeps what was typed", async ({ page }) => {
    await login(page, "admin@demo.no");
    await page.goto("/admin/brukere/ny");
    const form = page.getByRole("form", { name: "Ny bruker" });
    await form.getByLabel("Navn", { exact: true }).fill("Dobbel Konto");
    await form.getByLabel(/^E-post/).fill("koordinator@demo.no");
    await form.getByRole("button", { name: "Opprett bruker" }).click();
    await expect(form.getByRole("alert")).toContainText("Det finnes allerede en konto med e-postadressen koordinator@demo.no.");
    await expect(form.getByLabel("Navn", { exact: true })).toHaveValue("Dobbel Konto");
  });

  test("deactivation asks first", async ({ page }) => {
    await login(page, "admin@demo.no");
    await page.goto("/admin/brukere/ny");
    const name = unique("Kortvarig Ansatt");
    const form = page.getByRole("form", { name: "Ny bruker" });
    await form.getByLabel("Navn", { exact: true }).fill(name);
    await form.getByLabel(/^E-post/).fill(`${unique("kort").replace(" ", ".")}@demo.no`);
    await form.getByRole("button", { name: "Opprett bruker" }).click();
    await expect(heading(page)).toHaveText(name);
    await page.getByRole("button", { name: `Deaktiver ${name}` }).click();
    await expect(page.getByRole("heading", { name: `Vil du deaktivere ${name}?` })).toBeVisible();
    await page.getByRole("button", { name: "Ja, deaktiver" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${name} er deaktivert og logget ut overalt.` })).toBeVisible();
    await expect(page.getByRole("button", { name: `Aktiver ${name} igjen` })).toBeVisible();
  });

  test("the import previews each line's errors and offers no import until every line is right", async ({ page }) => {
    await login(page, "admin@demo.no");
    await page.goto("/admin/import");
    await page.getByLabel("Eller lim inn innholdet").fill("navn;e-post;enhet\nOla Olsen;ola@demo.no;Finnes ikke\n;uten@demo.no;");
    await page.getByRole("button", { name: "Vis forhåndsvisning" }).click();
    const preview = page.getByRole("region", { name: "Forhåndsvisning" });
    await expect(preview).toContainText("2 linjer. 2 linjer har feil. Ingenting er lagret.");
    await expect(preview.getByRole("row").filter({ hasText: "Ola Olsen" })).toContainText("Enheten «Finnes ikke» finnes ikke.");
    await expect(preview).toContainText("Navn mangler.");
    await expect(page.getByRole("button", { name: /^Importer/ })).toHaveCount(0);

    const name = unique("Importert Person");
    await page.getByLabel("Eller lim inn innholdet").fill(`navn;e-post;enhet;roller\n${name};${unique("imp").replace(" ", ".")}@demo.no;Hjemmetjenesten;Fagperson`);
    await page.getByRole("button", { name: "Vis forhåndsvisning" }).click();
    await expect(page.getByRole("region", { name: "Forhåndsvisning" })).toContainText("Alle linjene er riktige.");
    await page.getByRole("button", { name: "Importer 1 person" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 person er importert." })).toBeVisible();
    await page.goto(`/admin/brukere?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("link", { name })).toBeVisible();
  });

  for (const { path, heading: text } of ADMIN_PAGES) {
    test(`${path} has no serious or critical axe violations, with every disclosure open`, async ({ page }) => {
      await login(page, "admin@demo.no");
      await page.goto(path);
      await expect(heading(page)).toHaveText(text);
      await page.locator("details:not([open])").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test("someone who is not the administrator is refused every administration page", async ({ page }) => {
    await login(page, "leder@demo.no");
    for (const { path } of ADMIN_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
  });
});

test.describe("administration on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the pages fit the screen", async ({ page }) => {
    await login(page, "admin@demo.no");
    for (const { path, heading: text } of ADMIN_PAGES) {
      await page.goto(path);
      await expect(heading(page)).toHaveText(text);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect(scrollWidth, path).toBeLessThanOrEqual(clientWidth);
    }
  });
});
