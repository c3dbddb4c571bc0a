import { expect, test, type Locator, type Page } from "@playwright/test";
import { login, openAllDisclosures, openDisclosure, planIdFromMyPlans, seriousViolations, signedInPage } from "./helpers.ts";

// Responsibility-group meetings as the people of Demo kommune hold them (prisma/demo.ts): Ingrid
// Berg coordinates Kari Nordmann's plan; Jonas Lie (physiotherapist) is in it; Lars Eide and
// Berit Solberg are not. All tests share one database for the whole run, so what they write
// carries a unique mark and nothing assumes counts.

const KARI = "Kari Nordmann";
const JONAS = "Jonas Lie";
/** A goal of Kari's that is due for evaluation. */
const MORNING_GOAL = "Jeg vil klare morgenen selv";

const unique = (text: string) => `${text} (${Date.now().toString(36)})`;

/** An Oslo wall-clock time `minutesFromNow` away, as the date and time fields want it. */
function osloTime(minutesFromNow: number) {
  const at = new Date(Date.now() + minutesFromNow * 60_000);
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(at);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Oslo", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  return { date, time };
}

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const minutesField = (page: Page) => page.getByRole("textbox", { name: "Referatet", exact: true });

/** Puts the cursor at the end of a text and writes a new paragraph there. */
async function writeParagraph(field: Locator, text: string) {
  await field.click();
  await field.press("ControlOrMeta+End");
  await field.press("Enter");
  await field.pressSequentially(text);
}

test.describe("responsibility-group meetings", () => {
  test("planned, prepared by Kari, minuted together, decided on, approved and read", async ({ page, browser, baseURL }) => {
    // Three people in browsers of their own, live texts and approvals: more than the usual time.
    test.setTimeout(180_000);

    // --- The coordinator plans a meeting in Kari's plan (it has just begun: it is held today). ---
    await login(page, "koordinator@demo.no");
    const planId = await planIdFromMyPlans(page, KARI);
    await page.goto(`/planer/${planId}#moter`);
    const meetingsSection = region(page, "Møter");
    await meetingsSection.getByRole("link", { name: "Planlegg møte" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planlegg møte");
    const start = osloTime(-10);
    const place = unique("Helsehuset, møterom 2");
    await page.getByLabel("Dato", { exact: true }).fill(start.date);
    await page.getByLabel("Klokkeslett", { exact: true }).fill(start.time);
    await page.getByLabel("Varighet", { exact: true }).selectOption({ label: "90 minutter" });
    await page.getByLabel("Møtested (valgfritt)").fill(place);
    // Kari is always invited; Jonas is in the group and chosen by default.
    await expect(page.getByRole("checkbox", { name: new RegExp(`^${KARI}`) })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: new RegExp(`^${KARI}`) })).toBeDisabled();
    await expect(page.getByRole("checkbox", { name: new RegExp(`^${JONAS}`) })).toBeChecked();
    // A guest from Kari's school, with Kari's consent recorded by the coordinator.
    const guests = await openDisclosure(page.getByRole("main"), "Gjester (ikke med i ansvarsgruppen)");
    const firstGuest = guests.getByRole("group", { name: "Gjest 1" });
    await firstGuest.getByLabel("Navn (valgfritt)").fill("Siri Dahl");
    await firstGuest.getByLabel("Arbeidssted eller rolle (valgfritt)").fill("Voksenopplæringen");
    await firstGuest.getByLabel("Brukeren har sagt ja til at denne personen er med i møtet").check();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Send invitasjon" }).click();

    await page.waitForURL(/\/moter\/[0-9a-f-]{36}/);
    const meetingId = /\/moter\/([0-9a-f-]{36})/.exec(page.url())![1];
    const meetingUrl = `/moter/${meetingId}`;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Møte /);
    await expect(page.getByRole("status").filter({ hasText: "Møtet er planlagt." })).toBeVisible();
    await expect(region(page, "Tid og sted")).toContainText(place);
    const invitees = region(page, "Hvem er invitert");
    await expect(invitees.getByRole("listitem").filter({ hasText: "Siri Dahl" })).toContainText("Gjest");
    await expect(invitees.getByRole("listitem").filter({ hasText: "Ingrid Berg" })).toContainText("Kommer");

    // "Legg i kalender": the coordinator's own invitation, in Oslo time, with nothing from the plan.
    const downloading = page.waitForEvent("download");
    await region(page, "Tid og sted").getByRole("link", { name: "Legg i kalender" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("ansvarsgruppemote.ics");
    const ics = await (await page.request.get(`${meetingUrl}/kalender`)).text();
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("TZID=Europe/Oslo");
    expect(ics).toContain(`UID:${meetingId}@individuell-plan`);
    expect(ics).not.toContain(KARI);

    // The plan's "Møter" lists it as coming.
    await page.goto(`/planer/${planId}#moter`);
    await expect(region(page, "Møter").getByRole("link", { name: /kl\./ }).first()).toBeVisible();
    await expect(region(page, "Møter")).toContainText(place);

    // --- Kari is invited in the portal, answers, and adds what she wants to talk about. ---
    const kari = await signedInPage(browser, baseURL, "bruker@demo.no");
    const jonas = await signedInPage(browser, baseURL, "fagperson@demo.no");
    try {
      await kari.page.goto("/varsler");
      const invitation = kari.page.getByRole("listitem").filter({ hasText: place });
      await expect(invitation).toContainText("Invitasjon til ansvarsgruppemøte");
      await expect(invitation.getByRole("link", { name: "Åpne" })).toHaveAttribute("href", meetingUrl);
      await kari.page.goto("/min-plan");
      const next = region(kari.page, "Neste møte");
      await expect(next).toContainText(place);
      await next.getByRole("button", { name: "Ja, jeg kommer" }).click();
      await expect(next.getByText("Ditt svar: Kommer.")).toBeVisible();
      const point = unique("Jeg vil snakke om å ta bussen alene");
      await next.getByLabel("Hva vil du snakke om?").fill(point);
      await next.getByRole("button", { name: "Legg til på listen" }).click();
      await expect(region(kari.page, "Dette skal vi snakke om").getByRole("listitem").filter({ hasText: point })).toBeVisible();
      expect(await seriousViolations(kari.page)).toEqual([]);

      // --- In the meeting: Ingrid and Kari write the minutes together, each sees the other's words. ---
      await page.goto(meetingUrl);
      await expect(region(page, "Saksliste").getByRole("listitem").filter({ hasText: point })).toContainText("Brukerens punkt");
      await next.getByRole("link", { name: "Se hele møtet" }).click();
      await expect(kari.page).toHaveURL(new RegExp(`${meetingUrl}$`));

      const hers = minutesField(page);
      const karis = minutesField(kari.page);
      await expect(hers).toBeEditable();
      await expect(karis).toBeEditable();
      const fromIngrid = unique("Morgenen: Kari står opp selv fire av fem dager");
      const fromKari = unique("Kari vil prøve bussen til treningen med Jonas");
      // Each sees the other's words as they come, without reloading.
      await writeParagraph(hers, fromIngrid);
      await expect(karis).toContainText(fromIngrid);
      await writeParagraph(karis, fromKari);
      await expect(hers).toContainText(fromKari);
      await expect(hers).toContainText(fromIngrid);
      await expect(hers).toHaveAccessibleDescription(/Lagret$/);
      await expect(karis).toHaveAccessibleDescription(/Lagret$/);
      // No serious WCAG violations with the editor and every form on the page open.
      await openAllDisclosures(page);
      expect(await seriousViolations(page)).toEqual([]);

      // An evaluation of a goal, recorded with the meeting.
      const decisions = region(page, "Vedtak og oppgaver fra møtet");
      const evaluation = await openDisclosure(decisions, "Evaluer et mål eller tiltak");
      await evaluation.getByLabel("Hva evalueres?").selectOption({ label: MORNING_GOAL });
      const achieved = unique("Står opp selv fire av fem dager");
      await evaluation.getByLabel("Hva er oppnådd").fill(achieved);
      await evaluation.getByRole("button", { name: "Lagre evalueringen" }).click();
      await expect(decisions.getByRole("listitem").filter({ hasText: `Evaluering av målet «${MORNING_GOAL}»` }).first()).toBeVisible();

      // A follow-up task for the physiotherapist.
      const task = unique("Finne en busstid som passer treningen");
      const taskForm = await openDisclosure(decisions, "Ny oppfølgingsoppgave");
      await taskForm.getByLabel("Hva skal gjøres?").fill(task);
      await taskForm.getByLabel("Hvem har ansvaret?").selectOption({ label: `${JONAS} (Fysio- og ergoterapi)` });
      await taskForm.getByLabel("Frist").fill(osloTime(14 * 24 * 60).date);
      await taskForm.getByRole("button", { name: "Lagre oppgaven" }).click();
      // Listed twice: as what was decided, and as a task with its responsible person.
      await expect(decisions.getByRole("listitem").filter({ hasText: `Oppfølgingsoppgave: «${task}»` })).toContainText(JONAS);
      const taskItem = (p: Page) => region(p, "Vedtak og oppgaver fra møtet").getByRole("listitem").filter({ hasText: task }).filter({ hasText: "Ansvarlig:" });
      await expect(taskItem(page)).toContainText(`Ansvarlig: ${JONAS}`);

      // Who came: those who said yes (Ingrid and Kari) are ticked.
      const attendance = region(page, "Oppmøte");
      await expect(attendance.getByRole("checkbox", { name: KARI })).toBeChecked();
      await attendance.getByRole("button", { name: "Lagre oppmøtet" }).click();
      await expect(region(page, "Hvem er invitert").getByText(/^Oppmøtet ble registrert/)).toBeVisible();

      // --- The coordinator approves: what she confirms is what the server stored. ---
      await expect
        .poll(async () => {
          const html = await (await page.request.get(meetingUrl)).text();
          return html.includes(fromIngrid) && html.includes(fromKari);
        })
        .toBe(true);
      await region(page, "Referat").getByRole("button", { name: "Godkjenn referat" }).click();
      const confirm = region(page, "Godkjenne referatet?");
      await expect(confirm).toContainText(fromIngrid);
      await expect(confirm).toContainText(fromKari);
      await confirm.getByRole("button", { name: "Ja, godkjenn referatet" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Referatet er godkjent." })).toBeVisible();
      const approved = region(page, "Godkjent referat");
      await expect(approved).toContainText(fromIngrid);
      await expect(approved).toContainText(fromKari);
      await expect(minutesField(page)).toHaveCount(0);
      // Kari's open page follows: the live text gives way to the approved one.
      await expect(region(kari.page, "Godkjent referat")).toContainText(fromIngrid);
      await expect(minutesField(kari.page)).toHaveCount(0);

      // A correction goes under the unchanged text.
      const correction = unique("Det var tre av fem dager, ikke fire");
      const correctionForm = await openDisclosure(approved, "Legg til rettelse");
      await correctionForm.getByLabel("Rettelse", { exact: true }).fill(correction);
      await correctionForm.getByRole("button", { name: "Lagre rettelsen" }).click();
      await expect(approved.getByRole("listitem").filter({ hasText: correction })).toContainText("Rettelse fra Ingrid Berg");
      await expect(approved).toContainText(fromIngrid);

      // --- Kari reads the approved minutes in "Min plan". ---
      await kari.page.goto("/min-plan");
      const minutes = region(kari.page, "Referat fra møtet");
      await expect(minutes).toContainText(fromIngrid);
      await expect(minutes).toContainText(fromKari);
      await expect(minutes).toContainText(correction);
      expect(await seriousViolations(kari.page)).toEqual([]);

      // --- Jonas finds his task in "Mine møter" and marks it done. ---
      await jonas.page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Mine møter" }).click();
      await expect(jonas.page.getByRole("heading", { level: 1 })).toHaveText("Mine møter");
      const myTasks = region(jonas.page, "Mine oppgaver");
      const mine = myTasks.getByRole("listitem").filter({ hasText: task });
      await expect(mine).toContainText(`Planen til ${KARI}`);
      expect(await seriousViolations(jonas.page)).toEqual([]);
      // The same list is in "Mine tiltak".
      await jonas.page.goto("/mine-tiltak");
      const inMeasures = region(jonas.page, "Mine oppgaver").getByRole("listitem").filter({ hasText: task });
      await expect(inMeasures).toBeVisible();
      // The button names its task for screen readers ("Ferdig: …").
      await inMeasures.getByRole("button", { name: /^Ferdig\b/ }).click();
      await expect(region(jonas.page, "Mine oppgaver").getByRole("listitem").filter({ hasText: task })).toHaveCount(0);
      // The meeting shows it done.
      await page.reload();
      await expect(taskItem(page)).toContainText(/– gjort \d/);
    } finally {
      await kari.context.close();
      await jonas.context.close();
    }
  });

  test("someone without a part in the plan gets «not found» for a meeting and its calendar file", async ({ page, browser, baseURL }) => {
    await login(page, "koordinator@demo.no");
    const planId = await planIdFromMyPlans(page, KARI);
    await page.goto(`/planer/${planId}#moter`);
    const href = await region(page, "Møter").getByRole("link", { name: /kl\./ }).first().getAttribute("href");
    const meetingId = /^\/moter\/([0-9a-f-]{36})/.exec(href ?? "")?.[1];
    expect(meetingId, "a meeting in Kari's plan").toBeTruthy();

    for (const email of ["koordinator2@demo.no", "parorende2@demo.no"]) {
      const other = await signedInPage(browser, baseURL, email);
      try {
        const response = await other.page.goto(`/moter/${meetingId}`);
        expect(response?.status()).toBe(404);
        await expect(other.page.getByRole("heading", { level: 1 })).toHaveText("Siden finnes ikke");
        await expect(other.page.getByText(KARI)).toHaveCount(0);
        const ics = await other.page.request.get(`/moter/${meetingId}/kalender`);
        expect(ics.status()).toBe(404);
        expect(await ics.text()).not.toContain("BEGIN:VCALENDAR");
      } finally {
        await other.context.close();
      }
    }
  });
});

test.describe("meetings without JavaScript and on a phone", () => {
  test("Kari adds a point and answers in «Min plan» without JavaScript", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await login(page, "bruker@demo.no");
      await page.goto("/min-plan");
      const next = region(page, "Neste møte");
      const point = unique("Jeg vil snakke om ferien");
      await next.getByLabel("Hva vil du snakke om?").fill(point);
      await next.getByRole("button", { name: "Legg til på listen" }).click();
      // Back on "Min plan" (post/redirect/get), with the point on the list.
      await expect(page).toHaveURL(/\/min-plan\?lagret=agenda-add/);
      await expect(region(page, "Dette skal vi snakke om").getByRole("listitem").filter({ hasText: point })).toBeVisible();
      await region(page, "Neste møte").getByRole("button", { name: "Kanskje" }).click();
      await expect(region(page, "Neste møte").getByText("Ditt svar: Kanskje.")).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    test("the meeting page fits the screen for the coordinator", async ({ page }) => {
      await login(page, "koordinator@demo.no");
      await page.goto("/moter");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mine møter");
      await region(page, "Kommende møter").getByRole("link", { name: /kl\./ }).first().click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Møte /);
      await openAllDisclosures(page);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
});

test("a meeting a week past without minutes shows on the coordinating unit's overview, with the list behind it", async ({ page, browser, baseURL }) => {
  // Ingrid records a meeting held eight days ago and leaves it without attendance or minutes.
  await login(page, "koordinator@demo.no");
  const planId = await planIdFromMyPlans(page, KARI);
  await page.goto(`/planer/${planId}/nytt-mote`);
  const held = osloTime(-8 * 24 * 60);
  await page.getByLabel("Dato", { exact: true }).fill(held.date);
  await page.getByLabel("Klokkeslett", { exact: true }).fill(held.time);
  await page.getByLabel("Videolenke (valgfritt)").fill("https://video.demo.kommune.no/e2e");
  await page.getByRole("button", { name: "Send invitasjon" }).click();
  await page.waitForURL(/\/moter\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Møte /);

  const leader = await signedInPage(browser, baseURL, "leder@demo.no");
  try {
    const ke = leader.page;
    await ke.goto("/ke");
    const activity = region(ke, "Planaktivitet");
    await expect(activity.getByText("Møter uten referat (mer enn en uke siden)", { exact: true })).toBeVisible();
    await activity.getByRole("link", { name: /Møter uten referat/ }).click();
    await expect(ke.getByRole("heading", { level: 1 })).toHaveText("Møter uten referat (mer enn en uke siden)");
    const row = ke.getByRole("row").filter({ has: ke.getByRole("link", { name: KARI }) }).filter({ hasText: "Oppmøte og referat" });
    await expect(row.first()).toContainText("Ingrid Berg");
    expect(await seriousViolations(ke)).toEqual([]);

    await ke.getByRole("link", { name: "Tilbake til oversikten" }).click();
    await region(ke, "Planaktivitet").getByRole("link", { name: /Aktive planer uten møte siste 6 måneder/ }).click();
    await expect(ke.getByRole("heading", { level: 1 })).toHaveText("Aktive planer uten møte siste 6 måneder");
    // Kari's plan has had meetings: it is not in this list.
    await expect(ke.getByRole("table").getByRole("link", { name: KARI })).toHaveCount(0);
    expect(await seriousViolations(ke)).toEqual([]);
  } finally {
    await leader.context.close();
  }
});
