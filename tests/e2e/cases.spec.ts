import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { escapeRegExp, login, openAllDisclosures, openDisclosure, seriousViolations, signedInPage } from "./helpers.ts";

// Cases (søknader, foreløpig svar) and the coordinating unit's dashboard, as the people in Demo
// kommune use them (prisma/demo.ts, seedDemoCases). All tests share one database for the whole
// run, so what they write carries a unique mark and nothing assumes counts.

const KARI = "Kari Nordmann";
/** A paper case about a coordinator, received 36 days ago and still open: both its deadlines have passed. */
const PER_HANSEN = "Per Hansen";
const LEADER_NAME = "Per Johansen";
/** Where each coordinator in the demo signs in. */
const COORDINATOR_EMAIL: Record<string, string> = { "Ingrid Berg": "koordinator@demo.no", "Lars Eide": "koordinator2@demo.no" };

const CSV_HEADER = "Saksnr.;Type;Gjelder;Mottatt;Frist foreløpig svar;Frist avgjørelse";
const REFERENCE = /\b(\d{4}-\d{4,})\b/;

/** Text no other test, and no earlier run against the same server, has written. */
const unique = (text: string) => `${text} (${Date.now().toString(36)})`;

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

/** The value of a fact in a description list: the <dd> right after the <dt> that reads `term`. */
const fact = (scope: Locator, term: string) =>
  scope
    .getByRole("term")
    .filter({ hasText: new RegExp(`^${escapeRegExp(term)}$`) })
    .locator("xpath=following-sibling::dd[1]");

/** A calendar date `days` from today in Norway, written the way the portal writes dates ("22. desember 2026"). */
function osloDateText(days = 0): string {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(new Date()).split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return new Intl.DateTimeFormat("nb-NO", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** A case of the person's own in "Mine saker", by its heading ("Klage – sak 2026-0010"). */
const myCase = (page: Page, type: string, reference: string) => page.getByRole("article", { name: `${type} – sak ${reference}`, exact: true });

/** Fills in and sends "Søk om individuell plan" (already open), and returns the case reference on the receipt. */
async function sendApplication(page: Page, option: string, description: string): Promise<string> {
  await expect(heading(page)).toHaveText("Søk om individuell plan");
  await page.getByRole("group", { name: "Hva søker du om?" }).getByRole("radio", { name: option, exact: true }).check();
  await page.getByLabel("Fortell kort om situasjonen din").fill(description);
  await page.getByRole("button", { name: "Send søknaden" }).click();
  await expect(heading(page)).toHaveText("Vi har fått saken din");
  const receipt = page.getByText(/^Saksnummeret ditt er \d{4}-\d{4,}\.$/);
  await expect(receipt).toBeVisible();
  const reference = REFERENCE.exec((await receipt.textContent()) ?? "")?.[1];
  if (!reference) throw new Error("No case reference on the receipt");
  return reference;
}

/** The list behind a dashboard figure, opened from /ke through its "Se listen" link; returns the figure's value. */
async function openFigureList(page: Page, section: string, figure: string): Promise<number> {
  await page.goto("/ke");
  await expect(heading(page)).toHaveText("Koordinerende enhet – oversikt");
  // "Se listen" with the figure's name for screen readers (read as "Se listen : …" in Chromium).
  const link = page.getByRole("link", { name: new RegExp(`^Se listen\\s?: ${escapeRegExp(figure)}$`) });
  const value = page.getByRole("region", { name: section }).getByRole("definition").filter({ has: link });
  await expect(value).toHaveText(/^\s*\d+\s*Se listen/);
  const count = Number(/\d+/.exec((await value.textContent()) ?? "")?.[0]);
  await value.getByRole("link").click();
  await expect(heading(page)).toHaveText(figure);
  return count;
}

test.describe("applying as a service user", () => {
  test("Kari sends a complaint and gets a reference and a date; it is in «Mine saker» as «Mottatt»", async ({ page }) => {
    await login(page, "bruker@demo.no");
    await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Mine saker" }).click();
    await expect(heading(page)).toHaveText("Mine saker");
    await page.getByRole("link", { name: "Søk om individuell plan eller koordinator" }).click();

    // Kari already has a plan: she complains instead. A complaint is answered within 30 calendar
    // days (the default for the case type, server/cases/settings.ts).
    const description = unique("Jeg er uenig i at morgenbesøkene skal trappes ned");
    const reference = await sendApplication(page, "Klage", description);
    const today = osloDateText();
    const due = osloDateText(30);
    await expect(page.getByText(`Klage, mottatt ${today}`)).toBeVisible();
    await expect(page.getByText(`Vi regner med å gi deg svar innen ${due}.`, { exact: true })).toBeVisible();
    // The receipt is read back from the case: a reload shows the same.
    await page.reload();
    await expect(page.getByText(`Saksnummeret ditt er ${reference}.`, { exact: true })).toBeVisible();

    await page.getByRole("navigation", { name: "Hva vil du gjøre nå?" }).getByRole("link", { name: "Gå til Mine saker" }).click();
    await expect(heading(page)).toHaveText("Mine saker");
    const mine = myCase(page, "Klage", reference);
    await expect(mine).toBeVisible();
    await expect(mine).toContainText("Mottatt Vi har fått saken. Ingen har begynt å se på den ennå.");
    await expect(fact(mine, "Gjelder")).toHaveText(KARI);
    await expect(fact(mine, "Mottatt")).toContainText(today);
    await expect(fact(mine, "Vi regner med å gi svar innen")).toHaveText(due);
    // No interim reply or answer yet; what she wrote is kept.
    await expect(mine.getByRole("heading", { name: "Foreløpig svar" })).toHaveCount(0);
    const written = await openDisclosure(mine, "Det som står i saken");
    await expect(written.getByText(description, { exact: true })).toBeVisible();
  });
});

test.describe("the case officer's interim reply", () => {
  test("Mona sends an interim reply with a reason; Kari sees «Foreløpig svar sendt» and the letter", async ({ page, browser, baseURL }) => {
    const kari = await signedInPage(browser, baseURL, "bruker@demo.no");
    try {
      await kari.page.goto("/sok");
      const reference = await sendApplication(kari.page, "En annen koordinator", unique("Jeg ønsker en koordinator som kan møte meg hjemme"));

      await login(page, "saksbehandler@demo.no");
      await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Saker", exact: true }).click();
      await expect(heading(page)).toHaveText("Saker");
      // Open cases by default; the new one has nobody on it yet.
      const row = page
        .getByRole("table", { name: /saker?, passerte frister først$/ })
        .getByRole("row")
        .filter({ has: page.getByRole("link", { name: `Sak ${reference}`, exact: true }) });
      await expect(row.getByRole("cell")).toHaveText(["Ønske om ny koordinator", KARI, /./, /./, /./, "Ikke tildelt", "Mottatt"]);
      await row.getByRole("link", { name: `Sak ${reference}`, exact: true }).click();
      await expect(heading(page)).toHaveText(`Ønske om ny koordinator – sak ${reference}`);

      const interim = page.getByRole("region", { name: "Foreløpig svar", exact: true });
      await expect(interim).toContainText("Foreløpig svar er ikke sendt.");
      const reason = unique("Vi venter på en vurdering fra hjemmetjenesten.");
      await interim.getByLabel("Hvorfor tar saken tid?").fill(reason);
      await interim.getByRole("button", { name: "Send foreløpig svar" }).click();
      await expect(interim.getByRole("status").filter({ hasText: "Foreløpig svar er sendt" })).toHaveText("Foreløpig svar er sendt. Brevet står under.");
      await expect(interim.getByRole("heading", { name: "Brevet som ble sendt" })).toBeVisible();
      await expect(interim).toContainText(`Foreløpig svar – sak ${reference}`);
      await expect(interim).toContainText(reason);
      await expect(interim.getByRole("button", { name: "Send foreløpig svar" })).toHaveCount(0);

      // Kari, in her own browser: the new state and the very letter, with the reason in it.
      await kari.page.goto("/mine-saker");
      const hers = myCase(kari.page, "Ønske om ny koordinator", reference);
      await expect(hers).toContainText("Foreløpig svar sendt Saken tar lengre tid. Les det foreløpige svaret.");
      const letter = hers.getByRole("region", { name: "Foreløpig svar", exact: true });
      await expect(letter).toContainText(`Sendt ${osloDateText()}`);
      await expect(letter).toContainText(`Foreløpig svar – sak ${reference}`);
      await expect(letter).toContainText(`Saken er ikke ferdig behandlet ennå. ${reason} Vi regner med`);
      await expect(letter).toContainText("Mona Hansen");
    } finally {
      await kari.context.close();
    }
  });
});

test.describe("the coordinating unit's dashboard", () => {
  test("the KE leader sees overdue cases, the list behind the figure, and the same rows as CSV", async ({ page }) => {
    await login(page, "leder@demo.no");
    const figure = await openFigureList(page, "Saksbehandling", "Avgjørelse forfalt");
    expect(figure).toBeGreaterThanOrEqual(1);

    await expect(page.getByText(`${figure} i listen. Viser 1–${figure}.`, { exact: true })).toBeVisible();
    const table = page.getByRole("table", { name: "Avgjørelse forfalt" });
    const rows = table.getByRole("row").filter({ has: page.getByRole("rowheader") });
    await expect(rows).toHaveCount(figure);
    const perHansen = rows.filter({ has: page.getByRole("cell", { name: PER_HANSEN, exact: true }) });
    await expect(perHansen.getByRole("cell")).toHaveText(["Søknad om koordinator", PER_HANSEN, /./, /./, /./]);
    const onScreen = await table.getByRole("rowheader").allTextContents();

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Last ned CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("avgjørelse-forfalt.csv");
    const csv = await readFile(await download.path(), "utf8");
    // For Norwegian Excel: a byte-order mark, semicolons and CRLF line ends.
    const [header, ...lines] = csv.split("\r\n");
    expect(header).toBe(`\uFEFF${CSV_HEADER}`);
    expect(lines.pop()).toBe("");
    // No field in this list has a line break or a semicolon: one line is one row.
    expect(lines).toHaveLength(onScreen.length);
    expect(lines.map((line) => line.split(";")[0])).toEqual(onScreen.map((ref) => ref.trim()));
    const perHansenRef = (await perHansen.getByRole("rowheader").textContent())?.trim();
    expect(lines.find((line) => line.startsWith(`${perHansenRef};`))).toContain(";Søknad om koordinator;Per Hansen;");
  });

  // The demo seeds Sander Nilsen's plan (coordinator Lars Eide) as untouched for 200 days.
  test("the KE leader's question about an inactive plan: their own words, to the coordinator alone, answered in its own thread", async ({ page, browser, baseURL }) => {
    await login(page, "leder@demo.no");
    await openFigureList(page, "Planaktivitet", "Ingen aktivitet på 6 måneder");
    const table = page.getByRole("table", { name: "Ingen aktivitet på 6 måneder" });
    const row = table
      .getByRole("row")
      .filter({ has: page.locator("summary", { hasText: /^Spør koordinatoren/ }) })
      .first();
    await expect(row).toBeVisible();
    const owner = ((await row.getByRole("rowheader").textContent()) ?? "").trim();
    const coordinator = ((await row.getByRole("cell").nth(1).textContent()) ?? "").trim();
    const email = COORDINATOR_EMAIL[coordinator];
    expect(email, `a demo coordinator who can sign in (${coordinator})`).toBeTruthy();

    // Nothing is sent by opening it: a suggested text to read and change, and a button that names the coordinator.
    await row.getByText(`Spør koordinatoren (${owner})`, { exact: true }).click();
    const text = row.getByLabel(`Spørsmålet (${owner})`);
    await expect(text).toHaveValue(/^Planen har ikke vært oppdatert på \d+ måneder – kan du se på den\?$/);
    const question = unique("Har dere hatt ansvarsgruppemøte i høst?");
    await text.fill(question);
    await row.getByRole("button", { name: `Send spørsmålet til ${coordinator}`, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Spørsmålet er sendt" })).toHaveText("Spørsmålet er sendt til koordinatoren.");
    const asked = table.getByRole("row").filter({ hasText: owner });
    await expect(asked).toContainText(`Spørsmål sendt ${osloDateText()}, ikke besvart`);
    // Asking again is not offered while it is open.
    await expect(asked.getByText(`Spør koordinatoren (${owner})`, { exact: true })).toHaveCount(0);

    const them = await signedInPage(browser, baseURL, email);
    try {
      await them.page.getByRole("banner").getByRole("link", { name: /^Varsler/ }).click();
      const notice = them.page
        .getByRole("listitem")
        .filter({ hasText: `Spørsmål om en plan fra ${LEADER_NAME}` })
        .first();
      await expect(notice.getByText(question)).toBeVisible();
      await notice.getByRole("link", { name: "Åpne", exact: true }).click();
      await expect(heading(them.page)).toHaveText(`Spørsmål om planen til ${owner}`);
      await expect(them.page.getByText(question)).toBeVisible();
      await them.page.getByLabel("Tekst").fill("Ja, vi har møte neste uke.");
      await them.page.getByRole("button", { name: "Send svaret" }).click();
      await expect(them.page.getByRole("status").filter({ hasText: "Sendt." })).toBeVisible();
      await expect(them.page.getByText("Besvart", { exact: true })).toBeVisible();
      // Not in the plan's log, which the user and the whole group read.
      await them.page.getByRole("link", { name: "Til planen" }).click();
      await expect(heading(them.page)).toHaveText(`Planen til ${owner}`);
      await expect(them.page.getByRole("region", { name: "Logg", exact: true })).not.toContainText(question);
      await expect(them.page.getByRole("link", { name: "Spørsmål fra koordinerende enhet", exact: true })).toBeVisible();
    } finally {
      await them.context.close();
    }
    await page.reload();
    await expect(table.getByRole("row").filter({ hasText: owner })).not.toContainText("ikke besvart");
  });
});

test.describe("lists behind the figures (issue 14)", () => {
  test("sorted by a date column, ascending then descending, with the total; the same order in the file", async ({ page }) => {
    await login(page, "leder@demo.no");
    const figure = await openFigureList(page, "Alle planer", "Alle planer (også utkast og avsluttede)");
    await expect(page.getByText(`${figure} i listen. Viser 1–${figure}.`, { exact: true })).toBeVisible();
    const table = page.getByRole("table", { name: "Alle planer (også utkast og avsluttede)" });
    const header = table.getByRole("columnheader", { name: /^Neste gjennomgang/ });
    await expect(header).toHaveAttribute("aria-sort", "none");
    await expect(table.getByRole("columnheader", { name: /^Sist aktivitet/ })).toHaveAttribute("aria-sort", "ascending");
    await header.getByRole("link").click();
    await expect(header).toHaveAttribute("aria-sort", "ascending");
    const ascending = await table.getByRole("rowheader").allTextContents();
    await header.getByRole("link").click();
    await expect(header).toHaveAttribute("aria-sort", "descending");
    const descending = await table.getByRole("rowheader").allTextContents();
    expect(descending).toHaveLength(figure);
    expect(new Set(descending)).toEqual(new Set(ascending));
    expect(descending).not.toEqual(ascending);
    expect(page.url()).toContain("sortering=nextReview");

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Last ned CSV" }).click();
    const csv = await readFile(await (await downloading).path(), "utf8");
    const lines = csv.split("\r\n").slice(1, -1);
    expect(lines.map((line) => line.split(";")[0])).toEqual(descending.map((name) => name.trim()));
  });

  test("the unit leader sees their unit's figures and coordinators, opens a list and downloads it, and is refused the coordinating unit's pages", async ({ page }) => {
    await login(page, "enhetsleder@demo.no");
    await page.goto("/enhet");
    await expect(heading(page)).toHaveText("Min enhet: Hjemmetjenesten");
    const coordinators = page.getByRole("table", { name: /^Koordinatorer i Hjemmetjenesten/ });
    await expect(coordinators.getByRole("row").filter({ hasText: "Ingrid Berg" }).getByRole("cell")).toHaveText([/^\d+$/, /^\d+$/, /^\d+$/]);
    const value = page.getByRole("region", { name: "Planene" }).getByRole("definition").first();
    const active = Number(/\d+/.exec((await value.textContent()) ?? "")?.[0]);
    await page.getByRole("link", { name: /^Se listen\s?: Aktive planer$/ }).click();
    await expect(heading(page)).toHaveText("Aktive planer");
    await expect(page.getByRole("table", { name: "Aktive planer" }).getByRole("rowheader")).toHaveCount(active);
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Last ned Excel" }).click();
    expect((await downloading).suggestedFilename()).toBe("aktive-planer.xlsx");
    await page.getByRole("link", { name: "Tilbake til oversikten" }).click();
    await expect(heading(page)).toHaveText("Min enhet: Hjemmetjenesten");

    for (const path of ["/ke", "/enhet/liste?liste=saker&tall=openCases", "/enhet/liste?liste=planer&tall=withoutCoordinator"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    // The coordinating unit's list pages send them to their own.
    await page.goto("/ke/liste?liste=planer&tall=activePlans");
    await expect(page).toHaveURL(/\/enhet\/liste\?liste=planer&tall=activePlans$/);
  });
});

test.describe("publication view on the coordinating unit's page (issue 14)", () => {
  test("no person's name anywhere: not in the page, its loader data, the lists or the exports", async ({ page, browser, baseURL }) => {
    // Every name there is: the municipality's people (the administrator's list) and the people
    // cases are about (the KE leader's case list, where names belong).
    const admin = await signedInPage(browser, baseURL, "admin@demo.no");
    const users = (await (await admin.page.request.get("/admin/brukere?_data=routes%2Fadmin_.brukere")).json()) as { users: { name: string }[] };
    await admin.context.close();
    await login(page, "leder@demo.no");
    const cases = (await (await page.request.get("/saker?status=ALL&_data=routes%2Fsaker")).json()) as { cases: { subjectName: string }[] };
    // The banner greets the signed-in leader by name: the only name that may be there.
    const names = [...new Set([...users.users.map((u) => u.name), ...cases.cases.map((c) => c.subjectName)])].filter((name) => name !== LEADER_NAME);
    expect(names).toEqual(expect.arrayContaining([KARI, PER_HANSEN, "Ingrid Berg", "Mona Hansen"]));
    const unnamed = (what: string, text: string) => expect(names.filter((name) => text.includes(name)), what).toEqual([]);

    const units = (await (await page.request.get("/ke?_data=routes%2Fke")).json()) as { units: { id: string }[] };
    // Without publication the list behind "Alle planer" names the plans' owners.
    expect(await (await page.request.get("/ke/liste?liste=planer&tall=allPlans&_data=routes%2Fke_.liste")).text()).toContain(KARI);
    for (const selection of ["publisering=1", `publisering=1&enhet=${units.units[0].id}`]) {
      await page.goto(`/ke?${selection}`);
      await expect(heading(page)).toHaveText("Koordinerende enhet – oversikt");
      await expect(page.getByRole("link", { name: /^Se listen/ })).toHaveCount(0);
      unnamed(`/ke?${selection}`, await page.content());
      unnamed(`/ke?${selection} loader data`, await (await page.request.get(`/ke?${selection}&_data=routes%2Fke`)).text());
    }
    for (const path of [
      "/ke/liste?publisering=1&liste=planer&tall=activePlans",
      "/ke/liste?publisering=1&liste=saker&tall=openCases",
      "/ke/moter?publisering=1&tall=withoutMinutes",
      "/ke/moter?publisering=1&tall=withoutMeeting",
      "/ke/liste?publisering=1&liste=tiltak&tall=evaluationOverdue",
      "/ke/liste?publisering=1&liste=planer&tall=allPlans",
      "/ke/eksport?publisering=1&liste=planer&tall=activePlans&format=csv",
      "/ke/eksport?publisering=1&liste=saker&tall=openCases&format=xlsx",
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(403);
      unnamed(path, await response.text());
    }
  });
});

test.describe("who may handle cases", () => {
  for (const [email, path] of [
    ["koordinator@demo.no", "/saker"],
    ["koordinator@demo.no", "/ke"],
    // The administrator without a KE role keeps accounts, not plans (issue 14).
    ["admin@demo.no", "/ke"],
    ["admin@demo.no", "/saker"],
    ["bruker@demo.no", "/ke"],
    ["bruker@demo.no", "/ke/liste?liste=planer&tall=allPlans"],
    ["koordinator@demo.no", "/enhet/liste?liste=planer&tall=activePlans"],
  ]) {
    test(`${email} who types ${path} gets a friendly 403`, async ({ page }) => {
      await login(page, email);
      const menu = page.getByRole("navigation", { name: "Hovedmeny" });
      await expect(menu.getByRole("link", { name: "Saker", exact: true })).toHaveCount(0);
      await expect(menu.getByRole("link", { name: "Oversikt", exact: true })).toHaveCount(0);

      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(heading(page)).toHaveText("Ingen tilgang");
      await expect(page.getByText("Du har ikke tilgang til denne siden.")).toBeVisible();
      await expect(page.getByRole("table")).toHaveCount(0);
      await expect(page.getByRole("main")).not.toContainText(PER_HANSEN);
      await expect(page.getByRole("link", { name: "Gå til forsiden" })).toBeVisible();
    });
  }
});

test.describe("accessibility of the case pages (axe, WCAG 2.1 AA)", () => {
  const goTo = (path: string) => async (page: Page) => {
    await page.goto(path);
  };
  const PAGES: { name: string; as: string; open: (page: Page) => Promise<unknown>; heading: string | RegExp }[] = [
    { name: "/sok", as: "bruker@demo.no", open: goTo("/sok"), heading: "Søk om individuell plan" },
    { name: "/mine-saker", as: "bruker@demo.no", open: goTo("/mine-saker"), heading: "Mine saker" },
    { name: "/saker", as: "saksbehandler@demo.no", open: goTo("/saker"), heading: "Saker" },
    {
      name: "a case page",
      as: "saksbehandler@demo.no",
      open: async (page) => {
        await page.goto("/saker");
        await page
          .getByRole("row")
          .filter({ has: page.getByRole("cell", { name: PER_HANSEN, exact: true }) })
          .getByRole("link", { name: /^Sak \d{4}-\d{4,}$/ })
          .click();
      },
      heading: /^Søknad om koordinator – sak \d{4}-\d{4,}$/,
    },
    { name: "/ke", as: "leder@demo.no", open: goTo("/ke"), heading: "Koordinerende enhet – oversikt" },
    { name: "a /ke/liste page", as: "leder@demo.no", open: (page) => openFigureList(page, "Saksbehandling", "Avgjørelse forfalt"), heading: "Avgjørelse forfalt" },
    { name: "/enhet", as: "enhetsleder@demo.no", open: goTo("/enhet"), heading: "Min enhet: Hjemmetjenesten" },
    {
      name: "an /enhet/liste page",
      as: "enhetsleder@demo.no",
      open: async (page) => {
        await page.goto("/enhet");
        await page.getByRole("link", { name: /^Se listen\s?: Aktive planer$/ }).click();
      },
      heading: "Aktive planer",
    },
  ];

  for (const { name, as, open, heading: expected } of PAGES) {
    test(`${name} as ${as}, also with every form opened`, async ({ page }) => {
      await login(page, as);
      await open(page);
      await expect(heading(page)).toHaveText(expected);
      expect(await seriousViolations(page)).toEqual([]);
      await openAllDisclosures(page);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

test.describe("trends on the coordinating unit's page (issue 14)", () => {
  const TITLES = [
    "Saker mottatt og avgjort per måned",
    "Saksbehandlingstid per måned",
    "Planer uten aktivitet på 6 måneder",
    "Koordinatorenes belastning per enhet i dag",
  ];

  test("each chart is an image with a title and a description, and its numbers are a table one click away", async ({ page }) => {
    // React reports a page that hydrates differently from the server's as an error (console or uncaught).
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await login(page, "leder@demo.no");
    await page.goto("/ke");
    const trends = page.getByRole("region", { name: "Utvikling over tid" });
    for (const title of TITLES) {
      const figure = trends.getByRole("figure", { name: title });
      await expect(figure.getByRole("img", { name: title })).toBeVisible();
      await expect(figure.getByRole("button", { name: "Vis som tabell" })).toHaveAttribute("aria-expanded", "false");
      await expect(figure.getByRole("table")).toBeHidden();
    }
    const inactive = trends.getByRole("figure", { name: "Planer uten aktivitet på 6 måneder" });
    await expect(inactive.getByRole("img")).toHaveAccessibleDescription(/^Stolpediagram\. For hver måned fra \S+ \d{4} til \S+ \d{4}/);
    await inactive.getByRole("button", { name: "Vis som tabell" }).click();
    const table = inactive.getByRole("table", { name: "Planer uten aktivitet på 6 måneder" });
    await expect(table).toBeVisible();
    await expect(inactive.getByRole("img")).toHaveCount(0);
    await expect(inactive.getByRole("button", { name: "Vis som diagram" })).toHaveAttribute("aria-expanded", "true");
    // Twelve months by name, in bokmål ("november 2026"), one row each.
    await expect(table.getByRole("row")).toHaveCount(13);
    await expect(table.getByRole("rowheader").last()).toHaveText(/^(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember) \d{4}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await inactive.getByRole("button", { name: "Vis som diagram" }).click();
    await expect(inactive.getByRole("img", { name: "Planer uten aktivitet på 6 måneder" })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test("without JavaScript the numbers are there as tables", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, "leder@demo.no");
    await page.goto("/ke");
    const trends = page.getByRole("region", { name: "Utvikling over tid" });
    for (const title of TITLES) await expect(trends.getByRole("table", { name: title })).toBeVisible();
    await expect(trends.getByRole("button", { name: "Vis som tabell" })).toHaveCount(0);
    await context.close();
  });
});
