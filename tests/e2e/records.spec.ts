import { expect, test, type Page } from "@playwright/test";
import { login, openDisclosure, planIdFromMyPlans, seriousViolations, signedInPage } from "./helpers.ts";

// Records people can trust (docs/decisions/012): the notices people wait for, labels that say
// who wrote what, and the whole access log. The demo database is shared by all tests of a run,
// so what a test writes carries a unique mark.

const KARI = "Kari Nordmann";
const unique = (text: string) => `${text} (${Date.now().toString(36)})`;
const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const REFERENCE = /\b(\d{4}-\d{4,})\b/;

/** The notice in «Varsler» with this title and text (the newest one first). */
const notice = (page: Page, title: string, text: string) => page.getByRole("main").getByRole("listitem").filter({ hasText: title }).filter({ hasText: text }).first();

test.describe("notices", () => {
  test("the applicant sees the interim reply and the decision as notices", async ({ page, browser, baseURL }) => {
    const kari = await signedInPage(browser, baseURL, "bruker@demo.no");
    try {
      await kari.page.goto("/sok");
      await kari.page.getByRole("group", { name: "Hva søker du om?" }).getByRole("radio", { name: "Klage", exact: true }).check();
      await kari.page.getByLabel("Fortell kort om situasjonen din").fill(unique("Jeg er uenig i vedtaket om praktisk bistand"));
      await kari.page.getByRole("button", { name: "Send søknaden" }).click();
      const receipt = kari.page.getByText(/^Saksnummeret ditt er \d{4}-\d{4,}\.$/);
      const reference = REFERENCE.exec((await receipt.textContent()) ?? "")![1];

      // The case officer sends the interim reply, then decides.
      await login(page, "saksbehandler@demo.no");
      await page.goto("/saker");
      await page.getByRole("link", { name: `Sak ${reference}`, exact: true }).click();
      await expect(heading(page)).toHaveText(`Klage – sak ${reference}`);
      const interim = page.getByRole("region", { name: "Foreløpig svar", exact: true });
      await interim.getByRole("button", { name: "Send foreløpig svar" }).click();
      await expect(interim.getByRole("status").filter({ hasText: "Foreløpig svar er sendt" })).toBeVisible();

      await kari.page.goto("/varsler");
      await expect(notice(kari.page, "Foreløpig svar i saken din", `Du har fått et foreløpig svar i saken ${reference}.`)).toBeVisible();

      const decision = page.getByRole("region", { name: "Avgjørelse", exact: true });
      await decision.getByRole("group", { name: "Resultat" }).getByRole("radio", { name: "Avslått", exact: true }).check();
      await decision.getByLabel("Begrunnelse").fill("Vedtaket om praktisk bistand står ved lag etter en ny vurdering.");
      await decision.getByRole("button", { name: "Lagre avgjørelsen" }).click();
      await expect(decision.getByRole("status").filter({ hasText: "Avgjørelsen er lagret" })).toBeVisible();

      // Kari hears of it live (the unread count in the header), and reads it in «Varsler».
      await kari.page.goto("/min-plan");
      await kari.page.getByRole("banner").getByRole("link", { name: /^Varsler/ }).click();
      await expect(heading(kari.page)).toHaveText("Varsler");
      const decided = notice(kari.page, "Vedtak i saken din", `Saken ${reference} er avgjort.`);
      await expect(decided).toBeVisible();
      await decided.getByRole("link", { name: "Åpne" }).click();
      await expect(heading(kari.page)).toContainText(reference);
      // The case officer is not told of her own decision.
      await page.goto("/varsler");
      await expect(page.getByText("Vedtak i saken din", { exact: true })).toHaveCount(0);
    } finally {
      await kari.context.close();
    }
  });

  test("the coordinator sees «Kari har skrevet et nytt mål»", async ({ page, browser, baseURL }) => {
    const kari = await signedInPage(browser, baseURL, "bruker@demo.no");
    try {
      const goals = kari.page.getByRole("region", { name: "Målene dine" });
      const form = await openDisclosure(goals, "Skriv et nytt mål");
      const title = unique("Jeg vil lære å lage middag");
      await form.getByLabel("Hva vil du oppnå?").fill(title);
      await form.getByLabel("Hva gjelder det?").selectOption({ label: "Hverdagen" });
      await form.getByRole("button", { name: "Legg til målet" }).click();
      await expect(goals.getByRole("heading", { level: 3, name: title, exact: true })).toBeVisible();
    } finally {
      await kari.context.close();
    }

    await login(page, "koordinator@demo.no");
    await page.goto("/varsler");
    const written = notice(page, "Kari har skrevet et nytt mål", `${KARI} har skrevet et nytt mål i planen sin.`);
    await expect(written).toBeVisible();
    await written.getByRole("link", { name: "Åpne" }).click();
    await expect(heading(page)).toHaveText(`Planen til ${KARI}`);
  });
});

test.describe("labels", () => {
  test("a relative's comment is labelled with the relative's name", async ({ page, browser, baseURL }) => {
    const ola = await signedInPage(browser, baseURL, "parorende@demo.no");
    const body = unique("Kari sover dårlig etter kveldsvakten");
    const planId = await planIdFromMyPlans(ola.page, KARI);
    try {
      await ola.page.goto(`/planer/${planId}`);
      const about = ola.page.getByRole("region", { name: "Om meg – hva er viktig for meg" });
      // The comments are folded under the part they are about.
      await about.locator("details.comments > summary").click();
      const form = await openDisclosure(about, "Skriv en kommentar");
      await form.getByLabel("Kommentar").fill(body);
      await form.getByRole("button", { name: "Send kommentaren" }).click();
      await expect(about.getByText(body, { exact: true })).toBeVisible();
      // To himself, it is his own.
      await expect(about.getByRole("listitem").filter({ hasText: body })).toContainText("Deg,");
    } finally {
      await ola.context.close();
    }

    await login(page, "koordinator@demo.no");
    await page.goto(`/planer/${planId}`);
    const aboutHers = page.getByRole("region", { name: "Om meg – hva er viktig for meg" });
    await aboutHers.locator("details.comments > summary").click();
    const comment = aboutHers.getByRole("listitem").filter({ hasText: body });
    await expect(comment).toContainText("Ola Nordmann (pårørende)");
    await expect(comment).not.toContainText("brukeren");
  });

  test("a relative following a plan sees no staff follow-up wording", async ({ page }) => {
    await login(page, "parorende@demo.no");
    await expect(heading(page)).toHaveText("Mine planer");
    await expect(page.getByText("Trenger oppfølging")).toHaveCount(0);
    await expect(page.getByRole("table", { name: "Planer du følger" })).toBeVisible();
  });
});

test.describe("«Hvem har sett planen min»", () => {
  test("shows every visit, folded by person and day, filters by person and reads, and downloads as CSV and PDF", async ({ page, browser, baseURL }) => {
    // Ingrid opens Kari's plan three times.
    const ingrid = await signedInPage(browser, baseURL, "koordinator@demo.no");
    try {
      const planId = await planIdFromMyPlans(ingrid.page, KARI);
      for (let i = 0; i < 3; i++) {
        await ingrid.page.goto(`/planer/${planId}`);
        await expect(heading(ingrid.page)).toHaveText(`Planen til ${KARI}`);
      }
    } finally {
      await ingrid.context.close();
    }

    await login(page, "bruker@demo.no");
    await page.getByRole("link", { name: "Hvem har sett planen min" }).click();
    await expect(heading(page)).toHaveText("Hvem har sett planen");
    const table = page.getByRole("table", { name: /hendelser?, nyeste først$/ });
    const ingridToday = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Ingrid Berg (koordinator)" }) }).first();
    await expect(ingridToday).toContainText("Åpnet planen");
    await expect(ingridToday).toContainText(/\(\d+ ganger\)/);

    // Only Ingrid's, only reads: every line is hers.
    await page.getByLabel("Person").selectOption({ label: "Ingrid Berg" });
    await page.getByLabel("Hendelser").selectOption({ label: "Bare de som har sett planen" });
    await page.getByRole("button", { name: "Vis", exact: true }).click();
    await expect(page).toHaveURL(/person=.*vis=lesing/);
    const rows = table.getByRole("row").filter({ has: page.getByRole("rowheader") });
    await expect(rows.first()).toBeVisible();
    for (const header of await table.getByRole("rowheader").allTextContents()) expect(header).toBe("Ingrid Berg (koordinator)");
    expect(await seriousViolations(page)).toEqual([]);

    // Her own copy of every row.
    const csv = await page.request.get(await page.getByRole("link", { name: "Som regneark (CSV)" }).getAttribute("href").then((h) => h!));
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe("\uFEFFNår;Hvem;Rolle i planen;Hva;Formål med innsyn");
    expect(text).toContain("Ingrid Berg;koordinator;Åpnet planen");
    const pdf = await page.request.get(await page.getByRole("link", { name: "Som PDF" }).getAttribute("href").then((h) => h!));
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  test("the coordinator may read the log but not download it", async ({ page }) => {
    await login(page, "koordinator@demo.no");
    const planId = await planIdFromMyPlans(page, KARI);
    await page.goto(`/planer/${planId}/innsyn`);
    await expect(heading(page)).toHaveText("Hvem har sett planen");
    await expect(page.getByRole("link", { name: "Som PDF" })).toHaveCount(0);
    const refused = await page.request.get(`/planer/${planId}/innsyn/fil?format=csv`);
    expect(refused.status()).toBe(403);
  });
});

test.describe("Min konto", () => {
  test("a person chooses which notices also come by e-mail, and a daily digest", async ({ page }) => {
    await login(page, "koordinator@demo.no");
    await page.goto("/konto");
    const settings = page.getByRole("region", { name: "Varsler på e-post" });
    const kind = settings.getByRole("checkbox", { name: "Nytt fra brukeren eller representanten" });
    await expect(kind).toBeChecked();
    // Kinds that do not concern a coordinator are not offered.
    await expect(settings.getByRole("checkbox", { name: "Nye saker til koordinerende enhet" })).toHaveCount(0);
    await kind.uncheck();
    await settings.getByRole("radio", { name: "Én samlet e-post om dagen" }).check();
    await settings.getByRole("button", { name: "Lagre varslingsvalgene" }).click();
    await expect(settings.getByRole("status")).toHaveText("Varslingsvalgene er lagret.");
    await page.reload();
    await expect(settings.getByRole("checkbox", { name: "Nytt fra brukeren eller representanten" })).not.toBeChecked();
    await expect(settings.getByRole("radio", { name: "Én samlet e-post om dagen" })).toBeChecked();
    expect(await seriousViolations(page)).toEqual([]);
    // Back as it was, for the other tests.
    await settings.getByRole("checkbox", { name: "Nytt fra brukeren eller representanten" }).check();
    await settings.getByRole("radio", { name: "En e-post for hvert varsel" }).check();
    await settings.getByRole("button", { name: "Lagre varslingsvalgene" }).click();
    await expect(settings.getByRole("status")).toHaveText("Varslingsvalgene er lagret.");
  });
});

test.describe("activity", () => {
  /** Kari's plan as the coordinator's «Mine planer» sees it: last activity and what is new from the user. */
  async function followUp(page: Page, planId: string) {
    const response = await page.request.get("/mine-planer?_data=routes%2Fmine-planer");
    const { plans } = (await response.json()) as { plans: { id: string; lastActivityAt: string; newFromUser: number }[] };
    const plan = plans.find((p) => p.id === planId)!;
    return { lastActivityAt: plan.lastActivityAt, newFromUser: plan.newFromUser };
  }

  test("opening every page ten times as every member moves neither the plan's activity nor «new from the user»", async ({ page, browser, baseURL }) => {
    // About 300 page loads.
    test.setTimeout(180_000);
    await login(page, "koordinator@demo.no");
    const planId = await planIdFromMyPlans(page, KARI);
    await page.goto(`/planer/${planId}`);
    const before = await followUp(page, planId);
    expect(before.newFromUser).toBe(0);

    const pages: Record<string, string[]> = {
      "bruker@demo.no": ["/min-plan", `/planer/${planId}`, `/planer/${planId}/utskrift`, `/planer/${planId}/innsyn`, "/mine-saker", "/varsler", "/konto"],
      "parorende@demo.no": ["/mine-planer", `/planer/${planId}`, `/planer/${planId}/utskrift`, "/moter", "/varsler"],
      "koordinator@demo.no": ["/mine-planer", `/planer/${planId}`, `/planer/${planId}/utskrift`, `/planer/${planId}/innsyn`, "/mine-tiltak", "/moter"],
      "fagperson@demo.no": ["/mine-planer", `/planer/${planId}`, "/mine-tiltak", "/moter"],
      "leder@demo.no": ["/ke", "/saker", `/planer/${planId}`],
    };
    for (const [email, paths] of Object.entries(pages)) {
      const member = email === "koordinator@demo.no" ? { page, context: null } : await signedInPage(browser, baseURL, email);
      try {
        // The coordinating unit says why it reads (a posted form; not activity in the plan either).
        if (email === "leder@demo.no") {
          const stated = await member.page.request.post(`/planer/${planId}/formal`, { form: { formal: "Årlig gjennomgang", til: `/planer/${planId}` }, headers: { origin: baseURL! }, maxRedirects: 0 });
          expect(stated.status()).toBe(302);
        }
        for (const path of paths) {
          for (let i = 0; i < 10; i++) {
            const response = await member.page.request.get(path);
            expect(response.status(), `${email} ${path}`).toBe(200);
          }
        }
      } finally {
        await member.context?.close();
      }
    }
    expect(await followUp(page, planId)).toEqual(before);

    // A real change by Kari moves both. (Ingrid leaves the plan's page first: with it open, she
    // would see the change live, and it would no longer be new to her.)
    await page.goto("/mine-planer");
    const kari = await signedInPage(browser, baseURL, "bruker@demo.no");
    try {
      const goals = kari.page.getByRole("region", { name: "Målene dine" });
      const form = await openDisclosure(goals, "Skriv et nytt mål");
      await form.getByLabel("Hva vil du oppnå?").fill(unique("Gå tur med hunden"));
      await form.getByLabel("Hva gjelder det?").selectOption({ label: "Fritid" });
      await form.getByRole("button", { name: "Legg til målet" }).click();
      await expect(goals.getByRole("heading", { level: 3, name: /^Gå tur med hunden/ })).toBeVisible();
    } finally {
      await kari.context.close();
    }
    const after = await followUp(page, planId);
    expect(after.newFromUser).toBe(1);
    // Last activity has a resolution of a minute (server/records/activity.ts): it now says "just now".
    expect(after.lastActivityAt >= before.lastActivityAt).toBe(true);
    expect(Date.now() - Date.parse(after.lastActivityAt)).toBeLessThan(61_000 + 5_000);
  });
});
