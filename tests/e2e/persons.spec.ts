import { expect, test, type Page } from "@playwright/test";
import { makeIdentityNumber } from "../../app/domain/identity-number.ts";
import { escapeRegExp, login, openDisclosure, planIdFromMyPlans, seriousViolations } from "./helpers.ts";

// Persons by identity number (issue 12): the coordinating unit registers a paper application for
// someone without an account, the number is refused when wrong and shown masked when right, and
// granting creates the person and the plan. Checked at phone width with axe.

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const unique = (text: string) => `${text} ${Date.now().toString(36)}`;

/** A synthetic number (Tenor's form) no earlier run has used: a random individual number. */
function freshNumber(): string {
  return makeIdentityNumber("1991-06-12", 100 + Math.floor(Math.random() * 390), { synthetic: true });
}

test.describe("a paper application for a person without an account", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("a wrong number is refused in words; a right one is shown masked; granting creates the person and the plan", async ({ page }) => {
    const name = unique("Jakob Hansen");
    const number = freshNumber();
    await login(page, "saksbehandler@demo.no");
    await page.goto("/saker");
    await expect(heading(page)).toHaveText("Saker");
    const register = await openDisclosure(page.locator("main"), "Registrer sak");
    await register.getByLabel("Type sak").selectOption({ label: "Søknad om individuell plan" });
    await register.getByLabel(/^Hvem gjelder saken/).fill(name);
    const wrong = `${number.slice(0, 10)}${(Number(number[10]) + 1) % 10}`;
    await register.getByLabel(/^Fødselsnummer eller D-nummer/).fill(wrong);
    await register.getByLabel(/^Hva gjelder saken/).fill("Søknad om individuell plan kom i posten.");
    await register.getByRole("button", { name: "Registrer saken" }).click();

    await expect(page.getByRole("alert").filter({ hasText: "Fødselsnummeret er ikke gyldig. Sjekk at alle sifrene er riktige." })).toBeVisible();
    // Never echoed back: the field is empty, and the number is nowhere in the page.
    expect(await page.content()).not.toContain(wrong);
    const again = await openDisclosure(page.locator("main"), "Registrer sak");
    await expect(again.getByLabel(/^Hvem gjelder saken/)).toHaveValue(name);
    await again.getByLabel(/^Fødselsnummer eller D-nummer/).fill(number);
    await again.getByRole("button", { name: "Registrer saken" }).click();

    await expect(page).toHaveURL(/\/saker\/[0-9a-f-]{36}\?lagret=register/);
    const masked = `${number.slice(0, 6)} *****`;
    const facts = page.getByRole("region", { name: "Om saken" });
    await expect(facts.getByText(masked, { exact: true })).toBeVisible();
    expect(await page.content()).not.toContain(number);
    await expect(page.getByRole("region", { name: "Personens planer og saker" })).toContainText("Personen har ingen planer eller andre saker i kommunen.");
    const decision = page.getByRole("region", { name: "Avgjørelse" });
    await expect(decision).toContainText("opprettes planen for personen med navn og fødselsnummer fra saken");
    expect(await seriousViolations(page)).toEqual([]);

    await decision.getByRole("group", { name: /^Resultat/ }).getByRole("radio", { name: "Innvilget", exact: true }).check();
    await decision.getByLabel(/^Begrunnelse/).fill("Du har behov for langvarige og koordinerte tjenester.");
    await decision.getByRole("button", { name: "Lagre avgjørelsen" }).click();
    await expect(page).toHaveURL(/lagret=decide/);
    await expect(decision.getByRole("link", { name: /plan/i })).toBeVisible();
    // The person's plans now list the new plan.
    await expect(page.getByRole("region", { name: "Personens planer og saker" }).getByRole("link", { name: new RegExp(`^${escapeRegExp("Åpne planen (utkast")}`) })).toBeVisible();
    expect(await page.content()).not.toContain(number);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("inviting a participant from outside", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("the coordinator gets the link to copy (no e-mail here); the invitee signs in, accepts once, and still sees nothing of the plan", async ({ page, browser, baseURL }) => {
    // Two people, and axe over the whole plan workspace.
    test.slow();
    const gp = unique("Dr. Lund");
    await login(page, "koordinator@demo.no");
    const planId = await planIdFromMyPlans(page, "Kari Nordmann");
    await page.goto(`/planer/${planId}#deltakere`);
    const group = page.getByRole("region", { name: "Deltakere og ansvarsgruppe" });
    const add = await openDisclosure(group, "Legg til deltaker");
    await add.getByLabel(/^Navn/).fill(gp);
    await add.getByLabel(/^Arbeidssted eller tjeneste/).fill("Fastlege");
    await add.getByRole("button", { name: "Legg til deltakeren" }).click();
    const row = group.getByRole("listitem").filter({ has: page.getByRole("heading", { name: gp, exact: true }) });
    await expect(row).toBeVisible();

    const invite = await openDisclosure(row, `Inviter ${gp} til portalen`);
    await invite.getByLabel(/^E-postadresse/).fill("koordinator2@demo.no");
    await invite.getByRole("button", { name: "Send invitasjon" }).click();
    const linkField = row.getByLabel("Invitasjonslenke");
    await expect(linkField).toHaveValue(/\/invitasjon\/[a-z2-7]{32}$/);
    await expect(row.getByRole("status").filter({ hasText: "e-post er ikke satt opp" })).toBeVisible();
    const link = await linkField.inputValue();
    expect(await seriousViolations(page)).toEqual([]);

    // The invitee, in a browser of their own: signed out, the link leads to the sign-in and back.
    const context = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 } });
    const other = await context.newPage();
    await other.goto(new URL(link).pathname);
    await expect(other).toHaveURL(/\/login\?redirectTo=/);
    await login(other, "koordinator2@demo.no");
    await other.goto(new URL(link).pathname);
    await expect(heading(other)).toHaveText("Invitasjon til ansvarsgruppe");
    await expect(other.getByText(/^Du er invitert til å delta i en ansvarsgruppe i /)).toBeVisible();
    await expect(other.locator("main")).not.toContainText("Kari");
    expect(await seriousViolations(other)).toEqual([]);
    await other.getByRole("button", { name: "Godta invitasjonen" }).click();
    await expect(other.getByRole("status").filter({ hasText: "Du er nå med i ansvarsgruppen" })).toBeVisible();

    // Once only; and before the user's consent, the plan is not there for them.
    await other.goto(new URL(link).pathname);
    await expect(other.getByRole("alert")).toHaveText("Invitasjonen er allerede brukt.");
    const response = await other.goto(`/planer/${planId}`);
    expect(response?.status()).toBe(404);
    await context.close();
  });
});
