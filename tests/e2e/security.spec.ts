import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, login, openDisclosure, planIdFromMyPlans } from "./helpers.ts";
import { serverLogPath } from "./server-log.ts";

// Findings of the security review that only the whole portal shows (issue 11): redirects after
// sign-in, the coordinating unit's purpose, caching of loader data, and what the logs hold.

const LIV = "Liv Solberg";
const unique = (text: string) => `${text} (${Date.now().toString(36)})`;
const heading = (page: Page) => page.getByRole("heading", { level: 1 });

/** The list behind "Alle planer" on the coordinating unit's page, where a plan is opened from. */
async function allPlans(page: Page) {
  await page.goto("/ke/liste?liste=planer&tall=allPlans");
  return page.getByRole("table", { name: "Alle planer (også utkast og avsluttede)" });
}

test.describe("redirect after sign-in (finding 3)", () => {
  test("a tab or a line break in redirectTo never leads off the portal, and never gives a 500", async ({ page, request, baseURL }) => {
    for (const redirectTo of ["/\t/evil.example/", "/\\evil.example", "//evil.example", "/\r\nSet-Cookie: x=1", "https://evil.example/"]) {
      const response = await request.post("/login", {
        form: { email: "bruker@demo.no", password: DEMO_PASSWORD, redirectTo },
        headers: { origin: baseURL! },
        maxRedirects: 0,
      });
      expect(response.status(), JSON.stringify(redirectTo)).toBe(302);
      const location = response.headers()["location"] ?? "";
      expect(location, JSON.stringify(redirectTo)).toMatch(/^\/(?![/\\])/);
      expect(location).not.toMatch(/[\t\r\n]/);
      expect(response.headers()["set-cookie"] ?? "").not.toContain("x=1");
    }
    // And in a browser, from the address someone could send: the person ends up in the portal.
    await page.goto(`/login?redirectTo=${encodeURIComponent("/\t/evil.example/")}`);
    await login(page, "bruker@demo.no");
    expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);
  });
});

test.describe("the coordinating unit's purpose (findings 1 and 6)", () => {
  test("a link with ?formal= sets nothing: the purpose is asked for, and only the posted form opens the plan", async ({ page }) => {
    await login(page, "leder@demo.no");
    const link = (await allPlans(page)).getByRole("link", { name: LIV, exact: true });
    const planPath = (await link.getAttribute("href"))!;
    // Someone sends the leader a link that would have set a purpose for them.
    await page.goto(`${planPath}?formal=${encodeURIComponent("Satt av en lenke")}`);
    await expect(heading(page)).toHaveText("Formål med innsyn");
    await expect(page.getByLabel("Formål med innsyn")).toHaveValue("");
    // The form's own address shows the form and nothing else, also with a purpose in it.
    await page.goto(`${planPath}/formal?formal=${encodeURIComponent("Satt av en lenke")}`);
    await expect(heading(page)).toHaveText("Formål med innsyn");
    // Too short: asked again, with what was written kept.
    await page.getByLabel("Formål med innsyn").fill("x");
    await page.getByLabel("Formål med innsyn").evaluate((field: HTMLTextAreaElement) => field.removeAttribute("minlength"));
    await page.getByRole("button", { name: "Åpne planen" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    const purpose = unique("Gjennomgang etter klage");
    await page.getByLabel("Formål med innsyn").fill(purpose);
    await page.getByRole("button", { name: "Åpne planen" }).click();
    await expect(heading(page)).toHaveText(`Planen til ${LIV}`);
    await expect(page.getByText(`Formål: «${purpose}»`)).toBeVisible();
    expect(new URL(page.url()).search).toBe("");
  });
});

test.describe("caching (finding 7)", () => {
  test("loader data and tRPC reads with health data are never stored by a cache", async ({ page }) => {
    await login(page, "koordinator@demo.no");
    const planId = await planIdFromMyPlans(page, "Kari Nordmann");
    for (const path of [`/planer/${planId}?_data=${encodeURIComponent("routes/planer.$planId")}`, `/planer/${planId}`, "/api/trpc/plan.list", `/api/trpc/plan.byId?input=${encodeURIComponent(JSON.stringify({ planId }))}`]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["cache-control"], path).toBe("private, no-store");
    }
  });

  test("the scripts and styles a page loads, and the icon, may be kept: no health data, and not fetched again on every page", async ({ page }) => {
    await login(page, "koordinator@demo.no");
    const assets = await page.locator('link[href^="/build/"], script[src^="/build/"]').evaluateAll((found) => found.map((e) => e.getAttribute("href") ?? e.getAttribute("src") ?? ""));
    expect(assets.length).toBeGreaterThan(0);
    for (const path of assets) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["cache-control"], path).toBe("public, max-age=31536000, immutable");
    }
    expect((await page.request.get("/favicon.svg")).headers()["cache-control"]).toBe("public, max-age=3600");
  });
});

test.describe("logs (issue 11)", () => {
  test("a whole sign-in and plan edit leaves no password, token, cookie, identity number or plan text in the server's log", async ({ page, context }) => {
    const goalTitle = unique("Loggprøve mål Kari skriver");
    const aboutText = unique("Loggprøve om meg tekst");
    await login(page, "bruker@demo.no");
    const token = (await context.cookies()).find((c) => c.name === "ip_session")?.value;
    expect(token).toBeTruthy();
    // A goal in her own words, and a co-edited text.
    const goals = page.getByRole("region", { name: "Målene dine" });
    const form = await openDisclosure(goals, "Skriv et nytt mål");
    await form.getByLabel("Hva vil du oppnå?").fill(goalTitle);
    await form.getByLabel("Hva gjelder det?").selectOption({ label: "Fritid" });
    await form.getByRole("button", { name: "Legg til målet" }).click();
    await expect(goals.getByRole("heading", { level: 3, name: goalTitle, exact: true })).toBeVisible();
    const about = page.getByRole("region", { name: "Om meg – hva er viktig for meg" }).getByRole("textbox", { name: "Om meg", exact: true });
    await expect(about).toBeEditable();
    await about.click();
    await about.press("ControlOrMeta+End");
    await about.pressSequentially(` ${aboutText}`);
    await expect(about).toHaveAccessibleDescription(/Lagret$/);
    // A wrong password too: what was typed must not be logged either.
    const wrong = unique("feil-passord-som-ikke-skal-logges");
    await page.request.post("/login", { form: { email: "bruker@demo.no", password: wrong }, headers: { origin: new URL(page.url()).origin } });

    await expect.poll(() => readFileSync(serverLogPath(), "utf8")).toContain('"path":"/min-plan"');
    const log = readFileSync(serverLogPath(), "utf8");
    const lines = log.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    // Structured, with a request id on request lines.
    expect(lines.filter((l) => l.msg === "request").every((l) => typeof l.requestId === "string")).toBe(true);
    for (const secret of [DEMO_PASSWORD, wrong, token!, "ip_session=", goalTitle, aboutText, "Kari Nordmann", "bruker@demo.no"]) {
      expect(log.includes(secret), `the log holds ${JSON.stringify(secret)}`).toBe(false);
    }
    // No eleven-digit number (a Norwegian identity number) anywhere but inside the ids.
    expect(log.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "")).not.toMatch(/(?<!\d)\d{11}(?!\d)/);
  });
});
