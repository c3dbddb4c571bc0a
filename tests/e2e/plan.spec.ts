import { expect, test, type Page } from "@playwright/test";
import { PDFDocument } from "pdf-lib";
import { login, openAllDisclosures, openDisclosure, planIdFromMyPlans, seriousViolations, signedInPage } from "./helpers.ts";

// The plan itself, as the people in Demo kommune use it (prisma/demo.ts). All tests share one
// database for the whole run, so what they write carries a unique mark and nothing assumes counts.

const KARI = "Kari Nordmann";
/** A goal of Kari's without sub-goals: its "Legg til tiltak" is the only one in it. */
const WORK_GOAL = "Jeg vil tilbake til jobben i biblioteket";
/** Liv Solberg's plan: Lars Eide coordinates it; Berit Solberg is in it, without Liv's consent. */
const LIV = "Liv Solberg";
const LIV_GOAL = "Jeg vil ha en fast jobb noen dager i uka";

/** Text no other test, and no earlier run against the same server, has written. */
const unique = (text: string) => `${text} (${Date.now().toString(36)})`;

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

/** "Andre som er i planen nå: …" */
const presence = (page: Page) => page.getByRole("status").filter({ hasText: "Andre som er i planen nå:" });

/** Whether the page has been loaded again since `markNotReloaded` (a mark on the window would be gone). */
async function markNotReloaded(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { e2eNotReloaded?: boolean }).e2eNotReloaded = true;
  });
}
const stillNotReloaded = (page: Page) => page.evaluate(() => (window as unknown as { e2eNotReloaded?: boolean }).e2eNotReloaded === true);

/** The list behind "Alle planer" on the coordinating unit's page, where a plan is opened from. */
async function allPlans(page: Page) {
  await page.goto("/ke/liste?liste=planer&tall=allPlans");
  return page.getByRole("table", { name: "Alle planer (også utkast og avsluttede)" });
}

test.describe("Min plan: the service user's own words", () => {
  test("«Om meg» saves itself while typing and is still there after a reload", async ({ page, browser, baseURL }) => {
    await login(page, "bruker@demo.no");
    await expect(page).toHaveURL((url) => url.pathname === "/min-plan");
    const about = page.getByRole("region", { name: "Om meg – hva er viktig for meg" });
    // The text saves itself once the page's script runs (without it, the page says writing needs it).
    await expect(about.getByText("Teksten lagres av seg selv mens du skriver.")).toBeVisible();

    const field = about.getByRole("textbox", { name: "Om meg", exact: true });
    await expect(field).toBeEditable();
    const before = (await field.textContent()) ?? "";
    const added = ` ${unique("Jeg har begynt å gå tur med Pus i bånd.")}`;
    await field.click();
    await field.press("ControlOrMeta+End");
    await field.pressSequentially(added);
    // The field's state in words is tied to it: hint, then "Lagrer…" / "Lagret".
    await expect(field).toHaveAccessibleDescription("Fortell om deg selv med dine egne ord. Lagret");

    await page.reload();
    await expect(about.getByText("Teksten lagres av seg selv mens du skriver.")).toBeVisible();
    await expect(field).toBeEditable();
    await expect(field).toHaveText(before + added);
    // Nothing waiting to be saved after the reload: only the hint.
    await expect(field).toHaveAccessibleDescription("Fortell om deg selv med dine egne ord.");

    // From the server, not only this browser's own copy: the coordinator, in a browser of her
    // own, reads it in the plan, and the page the server sends already has it.
    const ingrid = await signedInPage(browser, baseURL, "koordinator@demo.no");
    try {
      const planId = await planIdFromMyPlans(ingrid.page, KARI);
      await ingrid.page.goto(`/planer/${planId}`);
      const hers = ingrid.page.getByRole("region", { name: "Om meg – hva er viktig for meg" }).getByRole("textbox", { name: "Om meg", exact: true });
      await expect(hers).toHaveText(before + added);
      await expect
        .poll(async () => (await ingrid.page.request.get(`/planer/${planId}`)).text())
        .toContain(added.trim());
    } finally {
      await ingrid.context.close();
    }
  });

  test("a goal in the user's own words shows as theirs, also in the whole plan", async ({ page }) => {
    await login(page, "bruker@demo.no");
    const goals = page.getByRole("region", { name: "Målene dine" });
    const form = await openDisclosure(goals, "Skriv et nytt mål");
    const title = unique("Jeg vil gå på konsert med Ola");
    await form.getByLabel("Hva vil du oppnå?").fill(title);
    await form.getByLabel("Hva gjelder det?").selectOption({ label: "Fritid" });
    await form.getByLabel("Fortell mer om du vil").fill("Helst en gang i måneden.");
    await form.getByRole("button", { name: "Legg til målet" }).click();

    const goal = goals.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: title, exact: true }) });
    await expect(goal).toBeVisible();
    await expect(goal.getByText("Skrevet av deg", { exact: true })).toBeVisible();
    await expect(goal.getByText("Ikke startet", { exact: true })).toBeVisible();
    await expect(goal).toContainText("Helst en gang i måneden.");

    await page.getByRole("link", { name: "Se hele planen" }).click();
    await expect(heading(page)).toHaveText(`Planen til ${KARI}`);
    const inWorkspace = page.getByRole("region", { name: "Fritid", exact: true }).getByRole("article", { name: title, exact: true });
    await expect(inWorkspace).toBeVisible();
    // Her own words, as she reads them; to others, "Skrevet av Kari Nordmann (brukeren)".
    await expect(inWorkspace.getByText("Skrevet av deg", { exact: true })).toBeVisible();
  });
});

test.describe("the plan workspace", () => {
  test("the coordinator adds a measure with the physiotherapist responsible; it is in his «Mine tiltak»", async ({ page, browser, baseURL }) => {
    await login(page, "koordinator@demo.no");
    await page.getByRole("link", { name: `${KARI} – åpne planen` }).click();
    await expect(heading(page)).toHaveText(`Planen til ${KARI}`);

    const goal = page.getByRole("article", { name: WORK_GOAL, exact: true });
    const form = await openDisclosure(goal, "Legg til tiltak");
    const title = unique("Styrketrening før arbeidsutprøvingen");
    await form.getByLabel("Hva skal gjøres", { exact: true }).fill(title);
    await form.getByLabel("Hvor mye eller hvor ofte").fill("To ganger i uka, 45 minutter");
    await form.getByLabel("Ansvarlig (valgfritt)", { exact: true }).selectOption({ label: "Jonas Lie (Fysio- og ergoterapi)" });
    await form.getByRole("button", { name: "Legg til tiltak" }).click();

    const measure = goal.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
    await expect(measure).toBeVisible();
    await expect(measure).toContainText("Jonas Lie");
    await expect(measure).toContainText("To ganger i uka, 45 minutter");

    const jonas = await signedInPage(browser, baseURL, "fagperson@demo.no");
    try {
      await jonas.page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Mine tiltak" }).click();
      await expect(heading(jonas.page)).toHaveText("Mine tiltak");
      const table = jonas.page.getByRole("table", { name: "Tiltak du er ansvarlig for, med den nærmeste evalueringen først" });
      const row = table.getByRole("row").filter({ has: jonas.page.getByRole("link", { name: title, exact: true }) });
      // Whose plan, under which goal, its status, and no evaluation date yet.
      await expect(row.getByRole("cell")).toHaveText([KARI, WORK_GOAL, "Planlagt", "Ikke satt"]);

      // The link leads to the measure in the plan, marked as his.
      await row.getByRole("link", { name: title, exact: true }).click();
      await expect(heading(jonas.page)).toHaveText(`Planen til ${KARI}`);
      const his = jonas.page.getByRole("listitem").filter({ has: jonas.page.getByRole("heading", { name: title, exact: true }) });
      await expect(his.getByText("Ditt ansvar", { exact: true })).toBeVisible();
    } finally {
      await jonas.context.close();
    }
  });

  test("two people in the plan at once see each other, and a change without reloading", async ({ page, browser, baseURL }) => {
    await login(page, "koordinator@demo.no");
    const planId = await planIdFromMyPlans(page, KARI);
    const jonas = await signedInPage(browser, baseURL, "fagperson@demo.no");
    try {
      await page.goto(`/planer/${planId}`);
      await jonas.page.goto(`/planer/${planId}`);
      await expect(heading(jonas.page)).toHaveText(`Planen til ${KARI}`);
      await expect(presence(page)).toContainText("Jonas Lie");
      await expect(presence(jonas.page)).toContainText("Ingrid Berg");
      await markNotReloaded(jonas.page);

      // Ingrid writes a new goal: it turns up on Jonas's screen.
      const goals = page.getByRole("region", { name: "Mål", exact: true });
      const add = await openDisclosure(goals, "Legg til mål");
      const title = unique("Jeg vil besøke tante Guri i Bergen");
      await add.getByLabel("Livsområde", { exact: true }).selectOption({ label: "Familie" });
      await add.getByLabel("Målet", { exact: true }).fill(title);
      await add.getByRole("button", { name: "Legg til mål" }).click();

      const hers = page.getByRole("article", { name: title, exact: true });
      const his = jonas.page.getByRole("article", { name: title, exact: true });
      await expect(hers).toBeVisible();
      await expect(his).toBeVisible();
      await expect(his.getByText("Ikke startet", { exact: true })).toBeVisible();

      // Ingrid marks it as reached: Jonas's screen follows.
      await hers.getByRole("button", { name: `Endre: ${title}`, exact: true }).click();
      const edit = hers.getByRole("form", { name: "Endre målet" });
      await edit.getByLabel("Status", { exact: true }).selectOption({ label: "Nådd" });
      await edit.getByRole("button", { name: "Lagre", exact: true }).click();
      await expect(edit.getByRole("status")).toHaveText("Lagret.");

      await expect(his.getByText("Nådd", { exact: true })).toBeVisible();
      await expect(his.getByText("Ikke startet", { exact: true })).toHaveCount(0);
      expect(await stillNotReloaded(jonas.page)).toBe(true);

      // Jonas leaves: Ingrid no longer sees him there.
      await jonas.context.close();
      await expect(presence(page)).toHaveCount(0);
    } finally {
      await jonas.context.close();
    }
  });

  test("the print view has the heading and the goals", async ({ page }) => {
    await login(page, "koordinator@demo.no");
    await page.goto(`/planer/${await planIdFromMyPlans(page, KARI)}`);
    await page.getByRole("link", { name: "Utskrift og PDF" }).click();
    await expect(heading(page)).toHaveText(`Individuell plan for ${KARI}`);
    // A first page with whose plan it is, who coordinates and the period.
    const cover = page.locator("header.print-cover");
    await expect(cover).toContainText("Ingrid Berg");
    await expect(cover).toContainText("Planperiode");
    await expect(cover).toContainText("Taushetsbelagt");
    // Sections are numbered in order, empty ones left out.
    const numbers = (await page.locator(".print-section > h2").allTextContents()).map((h) => Number(/^(\d+)\./.exec(h.trim())?.[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const goals = page.getByRole("region", { name: /^\d+\. Mål, tiltak og evalueringer$/ });
    for (const goal of ["Jeg vil klare morgenen selv", "Delmål: Jeg vil huske medisinene selv", WORK_GOAL, "Bedre balanse og mindre fall", "Jeg vil treffe venner hver uke"]) {
      await expect(goals.getByRole("heading", { level: 4, name: goal, exact: true })).toBeVisible();
    }
    await expect(goals.getByRole("rowheader", { name: /^Balansetrening med fysioterapeut/ })).toBeVisible();
    // Kartlegging: staff's scores beside Kari's own view, by area.
    const assessment = page.getByRole("region", { name: /^\d+\. Kartlegging$/ });
    await expect(assessment.getByRole("heading", { level: 3, name: "Trygghet og initiativ" })).toBeVisible();
    await expect(assessment.getByRole("columnheader", { name: "Slik ser jeg det" }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Tilbake til planen" })).toBeVisible();
    // As A4 with its cover on a page of its own.
    const pdf = await PDFDocument.load(await page.pdf({ format: "A4", printBackground: true }));
    expect(pdf.getPageCount()).toBeGreaterThan(2);
  });
});

test.describe("who may see a plan", () => {
  test("a relative without consent who types the plan's address gets «not found» and nothing of the plan", async ({ page, browser, baseURL }) => {
    await login(page, "koordinator2@demo.no");
    const planId = await planIdFromMyPlans(page, LIV);
    // Control: the plan is there, and its coordinator sees the goal.
    await page.goto(`/planer/${planId}`);
    await expect(page.getByRole("article", { name: LIV_GOAL, exact: true })).toBeVisible();

    const berit = await signedInPage(browser, baseURL, "parorende2@demo.no");
    try {
      const other = berit.page;
      await expect(other.getByRole("main")).not.toContainText(LIV);
      const unknownPlan = "00000000-0000-4000-8000-000000000000";
      for (const path of [`/planer/${planId}`, `/planer/${planId}/utskrift`, `/planer/${planId}/innsyn`, `/planer/${unknownPlan}`]) {
        const response = await other.goto(path);
        // The same answer as for a plan that does not exist: it does not even tell that it does.
        expect(response?.status(), path).toBe(404);
        await expect(heading(other)).toHaveText("Siden finnes ikke");
        await expect(other.getByRole("link", { name: "Gå til forsiden" })).toBeVisible();
        await expect(other.locator("body")).not.toContainText(LIV_GOAL);
        await expect(other.locator("body")).not.toContainText(LIV);
        // Not in the page's data for the script either.
        const html = await response!.text();
        expect(html).not.toContain(LIV_GOAL);
        expect(html).not.toContain(LIV);
      }
    } finally {
      await berit.context.close();
    }
  });

  test("the user sees the coordinator's visit in «Hvem har sett planen min»", async ({ page, browser, baseURL }) => {
    const ingrid = await signedInPage(browser, baseURL, "koordinator@demo.no");
    const opened = Date.now();
    try {
      await ingrid.page.goto(`/planer/${await planIdFromMyPlans(ingrid.page, KARI)}`);
      await expect(heading(ingrid.page)).toHaveText(`Planen til ${KARI}`);
    } finally {
      await ingrid.context.close();
    }

    await login(page, "bruker@demo.no");
    await page.getByRole("link", { name: "Hvem har sett planen min" }).click();
    await expect(heading(page)).toHaveText("Hvem har sett planen");
    const table = page.getByRole("table", { name: /hendelser?, nyeste først$/ });
    // Newest first: the first visit of Ingrid's in the list is the one just now.
    const visit = table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: /^Ingrid Berg\b/ }) })
      .filter({ hasText: "Åpnet planen" })
      .first();
    await expect(visit).toBeVisible();
    const time = visit.locator("time");
    const at = Date.parse((await time.getAttribute("datetime")) ?? "");
    expect(at).toBeGreaterThanOrEqual(opened - 1_000);
    expect(at).toBeLessThanOrEqual(Date.now());
    const oslo = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("nb-NO", { ...options, timeZone: "Europe/Oslo" }).format(at);
    await expect(time).toContainText(oslo({ day: "numeric", month: "long", year: "numeric" }));
    await expect(time).toContainText(oslo({ hour: "2-digit", minute: "2-digit" }));
  });

  test("a KE leader opening a plan they are not in gives a purpose first, and it is logged", async ({ page }) => {
    await login(page, "leder@demo.no");
    await (await allPlans(page)).getByRole("link", { name: LIV, exact: true }).click();
    await expect(heading(page)).toHaveText("Formål med innsyn");
    await expect(page.getByRole("main")).not.toContainText(LIV_GOAL);

    const purpose = unique("Årlig gjennomgang av planer");
    await page.getByLabel("Formål med innsyn").fill(purpose);
    await page.getByRole("button", { name: "Åpne planen" }).click();
    await expect(heading(page)).toHaveText(`Planen til ${LIV}`);
    await expect(page.getByText(`Du ser planen som koordinerende enhet. Formål: «${purpose}». Innsynet er loggført.`)).toBeVisible();
    await expect(page.getByRole("article", { name: LIV_GOAL, exact: true })).toBeVisible();

    // The purpose is in the plan's access log, which Liv can read.
    await page.getByRole("link", { name: "Hvem har sett planen" }).click();
    await expect(heading(page)).toHaveText("Hvem har sett planen");
    const own = page
      .getByRole("table", { name: /hendelser?, nyeste først$/ })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: /^Deg\b/ }) })
      .filter({ hasText: "Åpnet planen" })
      .first();
    await expect(own).toContainText(`formål: ${purpose}`);
  });
});

test.describe("accessibility of the plan (axe, WCAG 2.1 AA)", () => {
  test("/min-plan as the service user, also with every form opened", async ({ page }) => {
    await login(page, "bruker@demo.no");
    await expect(heading(page)).toHaveText("Min plan");
    await expect(page.getByText("Teksten lagres av seg selv mens du skriver.")).toBeVisible();
    // The live editors are there, with their buttons, before axe looks.
    const aboutMe = page.getByRole("textbox", { name: "Om meg", exact: true });
    await expect(aboutMe).toBeEditable();
    await aboutMe.focus();
    await expect(page.getByRole("toolbar", { name: "Tekstformat for «Om meg»" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await openAllDisclosures(page);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the plan workspace as the coordinator, also with every form opened", async ({ page }) => {
    // The biggest page there is, checked twice, with its live editors connected: more than the usual time.
    test.slow();
    await login(page, "koordinator@demo.no");
    await page.goto(`/planer/${await planIdFromMyPlans(page, KARI)}`);
    await expect(heading(page)).toHaveText(`Planen til ${KARI}`);
    // A goal opened for editing: its texts save themselves (no save button once the script runs),
    // and its description is a live editor; the user's «Om meg» is live and read-only.
    const work = page.getByRole("article", { name: WORK_GOAL, exact: true });
    await work.getByRole("button", { name: `Endre: ${WORK_GOAL}`, exact: true }).click();
    await expect(work.getByRole("textbox", { name: "Beskrivelse", exact: true })).toBeEditable();
    await expect(page.getByRole("button", { name: "Lagre tekstene" })).toHaveCount(0);
    await expect(page.getByRole("textbox", { name: "Om meg", exact: true })).toHaveAttribute("aria-readonly", "true");
    expect(await seriousViolations(page)).toEqual([]);
    await openAllDisclosures(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
