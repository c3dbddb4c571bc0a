import { expect, test, type Locator, type Page } from "@playwright/test";
import { login, openAllDisclosures, openDisclosure, seriousViolations } from "./helpers.ts";
import { openKari } from "./plan-page.ts";

// Kartlegging (issue 15): the coordinator records an assessment on Kari's plan, Kari gives her
// own view on her phone, and the coordinator sees the difference flagged on the plan and on the
// next meeting's agenda. Both sides of "Hukommelse" are set here, whatever the demo holds.

const MEMORY_STAFF = "Hukommelse";
const MEMORY_PLAIN = "Å huske det som har skjedd nylig";
const FLAG = "Ulik vurdering – tas opp på neste møte";

/** The plan's Kartlegging part, opened like a person would: through the contents. */
async function openAssessment(page: Page): Promise<Locator> {
  await page.getByRole("navigation", { name: "Innhold i planen" }).getByRole("link", { name: "Kartlegging" }).click();
  const part = page.locator("section#kartlegging");
  await expect(part.locator(":scope > details")).toHaveAttribute("open", "");
  return part;
}

test("staff record an assessment, Kari gives her own view on a phone, the coordinator sees the difference flagged", async ({ page, browser, baseURL }) => {
  // The part starts folded (the plan stays short); the coordinator opens it and records.
  await openKari(page);
  await expect(page.locator("section#kartlegging > details")).not.toHaveAttribute("open", "");
  let part = await openAssessment(page);
  const form = await openDisclosure(part, "Ny kartlegging");
  await form.getByRole("checkbox", { name: "Observasjon" }).check();
  await form.getByLabel("Merknad").fill("Kartlagt sammen med Kari hjemme.");
  // One area all fine in one step; one looked at more closely, with the scoring guide's words at each level.
  await form.getByRole("group", { name: "Syn og hørsel", exact: true }).getByLabel("Alt greit her (1 på alt)").check();
  const cognition = form.getByRole("group", { name: "Hukommelse og kommunikasjon", exact: true });
  await cognition.getByLabel("Se nærmere på området").check();
  const memory = cognition.getByRole("group", { name: MEMORY_STAFF, exact: true });
  await expect(memory.getByRole("radio")).toHaveCount(6);
  await expect(memory.getByText("4 – Stort behov: hjelperen må være til stede hele tiden")).toBeVisible();
  await memory.getByRole("radio", { name: /^2 – Klarer seg selv/ }).check();
  await form.getByRole("button", { name: "Lagre kartleggingen" }).click();
  await expect(form.getByRole("status")).toHaveText("Lagret.");

  const memoryRow = part.getByRole("row", { name: new RegExp(`^${MEMORY_STAFF}\\b`) });
  await expect(memoryRow.getByRole("cell").first()).toHaveText(/^2 – Klarer seg selv/);
  await expect(part.getByRole("row", { name: /^Syn\b/ }).getByRole("cell").first()).toHaveText("1 – Ingen problemer");
  await expect(part).toContainText("Sist kartlagt");
  await expect(part).toContainText("Ingrid Berg (samtale, observasjon)");

  // Kari on her phone: the staff's score in plain words, and her own view beside it.
  const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const kari = await phone.newPage();
  await login(kari, "bruker@demo.no");
  await kari.goto("/min-plan");
  const mine = kari.getByRole("region", { name: "Slik ser jeg det" });
  const area = await openDisclosure(mine, "Å huske og å snakke med andre");
  const hers = area.getByRole("group", { name: MEMORY_PLAIN, exact: true });
  await expect(hers).toContainText("De ansatte mener: 2 – Du klarer det selv, men det er vanskeligere enn før");
  await hers.getByRole("radio", { name: "Jeg trenger mye hjelp", exact: true }).check();
  await mine.getByRole("textbox", { name: `Noen ord (om du vil) – ${MEMORY_PLAIN}` }).fill("Jeg glemmer avtaler, også med kalenderen.");
  await mine.getByRole("button", { name: "Lagre det jeg har skrevet" }).click();
  await expect(mine.getByRole("status").last()).toHaveText("Lagret. De som kan lese planen din, ser det du har skrevet. Dette tas opp på neste møte.");
  await expect(kari.locator(`#own-IPLOS-13`)).toContainText("Dette tas opp på neste møte.");
  const { scrollWidth, clientWidth } = await kari.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  expect(await seriousViolations(kari)).toEqual([]);
  await phone.close();

  // The coordinator: the two side by side, flagged in words; and on the next meeting's agenda.
  await page.reload();
  part = await openAssessment(page);
  const flagged = part.getByRole("row", { name: new RegExp(`^${MEMORY_STAFF}\\b`) });
  await expect(flagged.getByRole("cell").first()).toHaveText(/^2 – /);
  await expect(flagged.getByRole("cell").nth(1)).toContainText("4 – Jeg trenger mye hjelp");
  await expect(flagged.getByRole("cell").nth(1)).toContainText("Jeg glemmer avtaler, også med kalenderen.");
  await expect(flagged.getByRole("cell").nth(1)).toContainText(FLAG);
  expect(await seriousViolations(page)).toEqual([]);

  const summary = page.getByRole("region", { name: "Det viktigste i planen" });
  await expect(summary.getByRole("link", { name: /ulike? vurdering/ })).toBeVisible();
  await summary.locator('a[href^="/moter/"]').click();
  // Once on the agenda, with both scores.
  const point = page.getByRole("listitem").filter({ has: page.locator(".agenda-title", { hasText: "Ulik vurdering i kartleggingen: Hukommelse" }) });
  await expect(point).toHaveCount(1);
  await expect(point).toContainText("De ansattes og den egne vurderingen er ulike.");
});

test("the folded Kartlegging is drawn when opened; without JavaScript it is in the page from the start", async ({ page, browser, baseURL }) => {
  // A browser that runs our JavaScript has said so on the pages before (decision 037).
  const planId = await openKari(page);
  const part = page.locator("section#kartlegging");
  await expect(part.locator(":scope > details")).not.toHaveAttribute("open", "");
  await expect(part.locator(".assessment-overview")).toHaveCount(0);
  await part.getByRole("heading", { name: "Kartlegging", level: 2 }).click();
  await expect(part.locator(":scope > details")).toHaveAttribute("open", "");
  await expect(part.getByRole("row", { name: new RegExp(`^${MEMORY_STAFF}\\b`) })).toBeVisible();

  // Without JavaScript the part opens natively, so its content is sent with the page.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const plain = await context.newPage();
  await login(plain, "koordinator@demo.no");
  await plain.goto(`/planer/${planId}`);
  const folded = plain.locator("section#kartlegging");
  await expect(folded.locator(":scope > details")).not.toHaveAttribute("open", "");
  await expect(folded.locator(".assessment-overview")).toHaveCount(1);
  await folded.getByRole("heading", { name: "Kartlegging", level: 2 }).click();
  await expect(folded.getByRole("row", { name: new RegExp(`^${MEMORY_STAFF}\\b`) })).toBeVisible();
  await context.close();
});

test("Kari's own view: a folded part is drawn when she opens it, and a part she never opened is left as it was when she saves", async ({ browser, baseURL }) => {
  const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const kari = await phone.newPage();
  await login(kari, "bruker@demo.no");
  await kari.goto("/min-plan");
  const mine = kari.getByRole("region", { name: "Slik ser jeg det" });
  const social = mine.locator("details.own-view-area", { has: kari.locator("summary", { hasText: "Å være sammen med andre og bestemme selv" }) });
  await expect(social).not.toHaveAttribute("open", "");
  await expect(social.locator(".own-view-variable")).toHaveCount(0);
  const area = await openDisclosure(mine, "Å være sammen med andre og bestemme selv");
  const together = area.getByRole("group", { name: "Å være sammen med andre", exact: true });
  await expect(together.getByRole("radio", { name: "Jeg klarer det selv, men det er vanskeligere enn før", exact: true })).toBeChecked();
  const words = mine.getByRole("textbox", { name: "Noen ord (om du vil) – Å være sammen med andre" });
  const before = await words.inputValue();
  await words.fill("Jeg treffer venner i helgene.");
  // "Å komme seg rundt", with her words on going out, stays folded and undrawn.
  await expect(kari.locator("#own-IPLOS-11")).toHaveCount(0);
  await mine.getByRole("button", { name: "Lagre det jeg har skrevet" }).click();
  await expect(mine.getByRole("status").last()).toContainText("Lagret.");

  // The parts she never opened were not sent, and are as they were.
  await kari.reload();
  await openAllDisclosures(kari);
  await expect(kari.locator("#own-IPLOS-11 textarea")).toHaveValue("Jeg går tur rundt vannet alene nå.");
  await expect(kari.locator("#own-IPLOS-01 textarea")).toHaveValue("Jeg treffer venner i helgene.");
  // Back as the demo had it, for the tests after this one.
  await kari.locator("#own-IPLOS-01 textarea").fill(before);
  await mine.getByRole("button", { name: "Lagre det jeg har skrevet" }).click();
  await expect(mine.getByRole("status").last()).toContainText("Lagret.");
  await phone.close();

  // Without JavaScript every part's fields are in the page from the start.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const plain = await context.newPage();
  await login(plain, "bruker@demo.no");
  await plain.goto("/min-plan");
  const folded = plain.locator("section#slik-ser-jeg-det details.own-view-area:not([open])");
  expect(await folded.count()).toBeGreaterThan(1);
  for (const part of await folded.all()) await expect(part.locator(".own-view-variable").first()).toBeAttached();
  await context.close();
});
