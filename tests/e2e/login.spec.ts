import { expect, test, type Page } from "@playwright/test";
import { login, submitLogin } from "./helpers.ts";

const INVALID_CREDENTIALS = "Feil e-postadresse eller passord.";

interface StartPage {
  email: string;
  path: string;
  heading: string | RegExp;
  /** Something only real data from Demo kommune puts on the page. */
  showsData: (page: Page) => Promise<void>;
}

const START_PAGES: StartPage[] = [
  {
    email: "bruker@demo.no",
    path: "/min-plan",
    heading: "Min plan",
    showsData: async (page) => {
      await expect(page.getByRole("region", { name: "Din koordinator" })).toContainText("Ingrid Berg");
      await expect(page.getByRole("region", { name: "Disse er med i planen din" })).toContainText("Ola Nordmann");
    },
  },
  {
    email: "parorende@demo.no",
    path: "/mine-planer",
    heading: "Mine planer",
    showsData: async (page) => {
      // Plans are split into "needs follow-up" and the rest: look in the whole page.
      await expect(page.getByRole("main")).toContainText("Kari Nordmann");
    },
  },
  {
    email: "koordinator@demo.no",
    path: "/mine-planer",
    heading: "Mine planer",
    showsData: async (page) => {
      const main = page.getByRole("main");
      await expect(main).toContainText("Kari Nordmann");
      await expect(main).toContainText("Ahmed Hassan");
    },
  },
  {
    email: "fagperson@demo.no",
    path: "/mine-planer",
    heading: "Mine planer",
    showsData: async (page) => {
      const main = page.getByRole("main");
      await expect(main).toContainText("Kari Nordmann");
      await expect(main).toContainText("Emil Karlsen");
    },
  },
  {
    email: "saksbehandler@demo.no",
    path: "/ke",
    heading: "Koordinerende enhet – oversikt",
    showsData: async (page) => {
      // Every plan is in the list behind "Alle planer"; the demo's draft still waits for a coordinator.
      await page.getByRole("link", { name: /^Se listen\s?: Alle planer/ }).click();
      const table = page.getByRole("table", { name: "Alle planer (også utkast og avsluttede)" });
      await expect(table).toContainText("Kari Nordmann");
      await expect(table).toContainText("Ikke tildelt");
    },
  },
  {
    email: "leder@demo.no",
    path: "/ke",
    heading: "Koordinerende enhet – oversikt",
    showsData: async (page) => {
      // Nine plans in Demo kommune, behind the figure that opens their list.
      await expect(page.getByRole("region", { name: "Alle planer" }).getByRole("definition")).toHaveText(/^\s*9\s*Se listen/);
      await expect(page.getByRole("region", { name: "Planaktivitet" })).toContainText("Aktive planer");
    },
  },
  {
    email: "enhetsleder@demo.no",
    path: "/enhet",
    heading: /^Min enhet/,
    showsData: async (page) => {
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Min enhet: Hjemmetjenesten");
      await expect(page.getByRole("table", { name: /^Koordinatorer i Hjemmetjenesten/ })).toContainText("Ingrid Berg");
    },
  },
  {
    email: "admin@demo.no",
    path: "/admin",
    heading: "Administrasjon",
    showsData: async (page) => {
      // Users and units have pages of their own (issue 12).
      await page.goto("/admin/brukere");
      await expect(page.getByRole("table", { name: "Brukere" })).toContainText("Kari Nordmann");
      await page.goto("/admin/enheter");
      await expect(page.getByRole("region", { name: "Hjemmetjenesten" })).toBeVisible();
    },
  },
];

test.describe("signing in", () => {
  for (const role of START_PAGES) {
    test(`${role.email} lands on ${role.path}`, async ({ page }) => {
      await login(page, role.email);
      await expect(page).toHaveURL((url) => url.pathname === role.path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(role.heading);
      await role.showsData(page);
    });
  }

  test("a wrong password and an unknown e-mail get the very same answer", async ({ page }) => {
    const answers: { status: number; text: string | null }[] = [];
    for (const [email, password] of [
      ["fagperson@demo.no", "feil-passord"],
      ["finnes.ikke@demo.no", "demo1234"],
    ]) {
      await page.goto("/login");
      const response = page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login"),
      );
      await submitLogin(page, email, password);
      const status = (await response).status();
      const alert = page.getByRole("alert");
      await expect(alert).toHaveText(INVALID_CREDENTIALS);
      await expect(page).toHaveURL((url) => url.pathname === "/login");
      await expect(page.getByRole("button", { name: "Logg ut" })).toHaveCount(0);
      answers.push({ status, text: await alert.textContent() });
    }
    expect(answers[0]).toEqual({ status: 401, text: INVALID_CREDENTIALS });
    expect(answers[1]).toEqual(answers[0]);
  });

  test("an anonymous visitor is sent to the login and back again", async ({ page }) => {
    await page.goto("/ke");
    await expect(page).toHaveURL((url) => url.pathname === "/login" && url.search === "?redirectTo=%2Fke");
    await login(page, "leder@demo.no");
    await expect(page).toHaveURL((url) => url.pathname === "/ke" && url.search === "");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Koordinerende enhet – oversikt");
  });
});

test.describe("signing out", () => {
  test("logging out ends the session on the server, not just in the browser", async ({ page, context, browser, baseURL }) => {
    await login(page, "bruker@demo.no");
    const saved = await context.cookies();
    expect(saved.map((c) => c.name)).toContain("ip_session");

    // Control: while signed in, the copied cookies open the plan in another browser.
    const before = await browser.newContext({ baseURL });
    await before.addCookies(saved);
    const beforePage = await before.newPage();
    await beforePage.goto("/min-plan");
    await expect(beforePage.getByRole("heading", { level: 1 })).toHaveText("Min plan");
    await before.close();

    await page.getByRole("button", { name: "Logg ut" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/login");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logg inn");
    await expect(page.getByRole("button", { name: "Logg ut" })).toHaveCount(0);

    // The same old cookie, replayed: the session is gone.
    const after = await browser.newContext({ baseURL });
    await after.addCookies(saved);
    const afterPage = await after.newPage();
    await afterPage.goto("/min-plan");
    await expect(afterPage).toHaveURL((url) => url.pathname === "/login");
    await expect(afterPage.getByRole("heading", { level: 1 })).toHaveText("Logg inn");
    await after.close();
  });
});

test.describe("error pages", () => {
  // Words that only a leaked stack trace or error object would put on the page.
  const STACK_TRACE = /node_modules|\bat \S+ \(|\.tsx?:\d+|\.js:\d+|Error:|TRPCError|Unexpected Server Error/;

  test("a service user who types /admin gets a friendly 403", async ({ page }) => {
    await login(page, "bruker@demo.no");
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ingen tilgang");
    await expect(page.getByText("Du har ikke tilgang til denne siden.")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(STACK_TRACE);
    await expect(page.getByRole("link", { name: "Gå til forsiden" })).toBeVisible();
  });

  test("an unknown address gives a friendly 404 without a stack trace", async ({ page }) => {
    const response = await page.goto("/finnes-ikke");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siden finnes ikke");
    await expect(page.locator("body")).not.toContainText(STACK_TRACE);
    await expect(page.getByRole("link", { name: "Gå til forsiden" })).toBeVisible();
  });
});

test("the language can be switched to English and back", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logg inn");
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByLabel("E-mail address", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Norsk (bokmål)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logg inn");
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  await expect(page.getByLabel("E-postadresse", { exact: true })).toBeVisible();
});
