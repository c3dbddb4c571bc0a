import { expect, test, type Locator, type Page } from "@playwright/test";
import { login, planIdFromMyPlans, seriousViolations, signedInPage } from "./helpers.ts";

// Texts written together, live (TipTap + Yjs through the collaboration server at /collab), as
// the people of Demo kommune use them (prisma/demo.ts). What the tests write carries a unique
// mark: every test shares one database for the whole run.

const KARI = "Kari Nordmann";
const INGRID = "Ingrid Berg";
/** A goal of Kari's without sub-goals: its "Beskrivelse" is the only one in it. */
const FRIENDS_GOAL = "Jeg vil treffe venner hver uke";

const unique = (text: string) => `${text} (${Date.now().toString(36)})`;

const goal = (page: Page, title: string) => page.getByRole("article", { name: title, exact: true });
/** A goal's description, as the text field it is once the page's script runs (for those who may change it: after "Endre"). */
const goalDescription = (page: Page, title: string) => goal(page, title).getByRole("textbox", { name: "Beskrivelse", exact: true });
/** Opens a goal for editing ("Endre"), as those who may change it do before writing in it. */
async function openGoal(page: Page, title: string) {
  await goal(page, title).getByRole("button", { name: `Endre: ${title}`, exact: true }).click();
  await expect(goal(page, title).getByRole("button", { name: `Ferdig: ${title}`, exact: true })).toBeVisible();
}

/** Puts the cursor at the end of a text and writes a new paragraph there. */
async function writeParagraph(field: Locator, text: string) {
  await field.click();
  await field.press("ControlOrMeta+End");
  await field.press("Enter");
  await field.pressSequentially(text);
}

test.describe("writing together in the plan", () => {
  test("Kari and her coordinator write in the same goal at once, see each other, and the text is kept", async ({ page, browser, baseURL }) => {
    // Two browsers, a reload and the server's own copy: more than the usual time.
    test.slow();
    await login(page, "koordinator@demo.no");
    const planId = await planIdFromMyPlans(page, KARI);
    const kari = await signedInPage(browser, baseURL, "bruker@demo.no");
    try {
      await page.goto(`/planer/${planId}`);
      await kari.page.goto(`/planer/${planId}`);
      await openGoal(page, FRIENDS_GOAL);
      await openGoal(kari.page, FRIENDS_GOAL);
      const hers = goalDescription(page, FRIENDS_GOAL);
      const kariField = goalDescription(kari.page, FRIENDS_GOAL);
      await expect(hers).toBeEditable();
      await expect(kariField).toBeEditable();
      // The formatting buttons show while writing; they have names and tell their state.
      await hers.click();
      const toolbar = goal(page, FRIENDS_GOAL).getByRole("toolbar", { name: "Tekstformat for «Beskrivelse»" });
      for (const name of ["Fet", "Kursiv", "Punktliste", "Nummerert liste", "Lenke", "Overskrift"]) {
        await expect(toolbar.getByRole("button", { name, exact: true })).toHaveAttribute("aria-pressed", "false");
      }

      const fromIngrid = unique("Ingrid foreslår kaffe med Ola på torsdager");
      const fromKari = unique("Kari vil heller gå på kino");
      await writeParagraph(hers, fromIngrid);
      await writeParagraph(kariField, fromKari);

      // Each sees the other's words, without reloading, and the other's caret with a name.
      await expect(hers).toContainText(fromKari);
      await expect(hers).toContainText(fromIngrid);
      await expect(kariField).toContainText(fromIngrid);
      await expect(kariField).toContainText(fromKari);
      await expect(hers.getByText(KARI, { exact: true })).toBeVisible();
      await expect(kariField.getByText(INGRID, { exact: true })).toBeVisible();
      await expect(goal(page, FRIENDS_GOAL).getByText(`Her nå: ${KARI}`, { exact: true })).toBeVisible();
      await expect(goal(kari.page, FRIENDS_GOAL).getByText(`Her nå: ${INGRID}`, { exact: true })).toBeVisible();

      // Both are told, in words tied to the field, that what they wrote is saved.
      await expect(hers).toHaveAccessibleDescription("Lagret");
      await expect(kariField).toHaveAccessibleDescription("Lagret");

      // No serious WCAG violations with the editors, the toolbar and the name labels showing.
      expect(await seriousViolations(page)).toEqual([]);

      // A reload shows the merged text: in the page the server sends, and in the editor.
      await expect
        .poll(async () => {
          const html = await (await page.request.get(`/planer/${planId}`)).text();
          return html.includes(fromIngrid) && html.includes(fromKari);
        })
        .toBe(true);
      await page.reload();
      await openGoal(page, FRIENDS_GOAL);
      await expect(goalDescription(page, FRIENDS_GOAL)).toContainText(fromIngrid);
      await expect(goalDescription(page, FRIENDS_GOAL)).toContainText(fromKari);
    } finally {
      await kari.context.close();
    }
  });

  test("formatting: a bold word and a list are shared as formatting, not as characters", async ({ page, browser, baseURL }) => {
    // Kari lands on "Min plan": her goals are there, in plain words.
    await login(page, "bruker@demo.no");
    await expect(page).toHaveURL((url) => url.pathname === "/min-plan");
    const goals = page.getByRole("region", { name: "Målene dine" });
    const field = goals
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { level: 3, name: FRIENDS_GOAL, exact: true }) })
      .getByRole("textbox", { name: "Mer om målet", exact: true });
    await expect(field).toBeEditable();
    const toolbar = goals
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { level: 3, name: FRIENDS_GOAL, exact: true }) })
      .getByRole("toolbar", { name: "Tekstformat for «Mer om målet»" });
    const bold = toolbar.getByRole("button", { name: "Fet", exact: true });
    const list = toolbar.getByRole("button", { name: "Punktliste", exact: true });

    const word = unique("Viktig");
    await field.click();
    await field.press("ControlOrMeta+End");
    await field.press("Enter");
    await bold.click();
    await expect(bold).toHaveAttribute("aria-pressed", "true");
    await field.pressSequentially(word);
    await bold.click();
    await expect(bold).toHaveAttribute("aria-pressed", "false");
    await field.press("Enter");
    await list.click();
    await expect(list).toHaveAttribute("aria-pressed", "true");
    const item = unique("Ringe Ola på søndag");
    await field.pressSequentially(item);
    await expect(field).toHaveAccessibleDescription(/Lagret$/);

    // Someone else sees it formatted: the coordinator, in a browser of her own.
    const ingrid = await signedInPage(browser, baseURL, "koordinator@demo.no");
    try {
      const id = await planIdFromMyPlans(ingrid.page, KARI);
      await ingrid.page.goto(`/planer/${id}`);
      await openGoal(ingrid.page, FRIENDS_GOAL);
      const hers = goalDescription(ingrid.page, FRIENDS_GOAL);
      await expect(hers.locator("strong", { hasText: word })).toBeVisible();
      await expect(hers.getByRole("listitem").filter({ hasText: item })).toBeVisible();
    } finally {
      await ingrid.context.close();
    }
  });

  test("someone who may only read sees the live text and cannot change it", async ({ page, browser, baseURL }) => {
    // Ola is in Kari's plan with the right to comment, not to change it (the demo has no
    // participant with READ only): for the texts that is the same, he reads them.
    await login(page, "parorende@demo.no");
    const planId = await planIdFromMyPlans(page, KARI);
    await page.goto(`/planer/${planId}`);
    const his = goalDescription(page, FRIENDS_GOAL);

    // The text is live for him: what Kari writes turns up without reloading.
    const kari = await signedInPage(browser, baseURL, "bruker@demo.no");
    try {
      await kari.page.goto(`/planer/${planId}`);
      await openGoal(kari.page, FRIENDS_GOAL);
      const fromKari = unique("Kari skriver mens Ola leser");
      await writeParagraph(goalDescription(kari.page, FRIENDS_GOAL), fromKari);
      await expect(his).toContainText(fromKari);
    } finally {
      await kari.context.close();
    }

    await expect(his).toHaveAttribute("aria-readonly", "true");
    await expect(his).not.toBeEditable();
    await expect(goal(page, FRIENDS_GOAL).getByRole("toolbar")).toHaveCount(0);
    await expect(his).toHaveAccessibleDescription("Du kan lese denne teksten, men ikke endre den.");
    const before = await his.textContent();
    await his.click();
    await page.keyboard.type("Ola prøver å skrive");
    await page.keyboard.press("Enter");
    await expect(his).not.toContainText("Ola prøver å skrive");
    expect(await his.textContent()).toBe(before);

    // «Om meg» is Kari's own words: read-only for Ola too, with the reason said once for the part.
    const about = page.getByRole("region", { name: "Om meg – hva er viktig for meg" });
    await expect(about.getByText("Dette er brukerens egne ord.", { exact: false })).toBeVisible();
    await expect(about.getByRole("textbox", { name: "Om meg", exact: true })).toHaveAttribute("aria-readonly", "true");
    await expect(about.getByRole("toolbar")).toHaveCount(0);
  });

  test("the coordinator reads «Om meg» but cannot change the user's own words", async ({ page }) => {
    await login(page, "koordinator@demo.no");
    await page.goto(`/planer/${await planIdFromMyPlans(page, KARI)}`);
    const about = page.getByRole("region", { name: "Om meg – hva er viktig for meg" });
    await expect(about.getByText("Dette er brukerens egne ord.", { exact: false })).toBeVisible();
    const aboutMe = about.getByRole("textbox", { name: "Om meg", exact: true });
    await expect(aboutMe).toContainText("Jeg heter Kari");
    await expect(aboutMe).not.toBeEditable();
    await expect(about.getByRole("toolbar")).toHaveCount(0);
    // Her own texts in the same plan she can change.
    await openGoal(page, FRIENDS_GOAL);
    await expect(goalDescription(page, FRIENDS_GOAL)).toBeEditable();
  });

  test("without JavaScript the texts are shown, with a note that writing needs it", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await login(page, "bruker@demo.no");
      await page.goto("/min-plan");
      const about = page.getByRole("region", { name: "Om meg – hva er viktig for meg" });
      // The text is in the page as the server sent it, not an empty box.
      await expect(about).toContainText("Jeg heter Kari");
      await expect(about.getByText("Å skrive i teksten sammen med andre krever JavaScript.", { exact: false }).first()).toBeVisible();
      await expect(about.getByRole("textbox")).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
});

test.describe("writing without a connection", () => {
  /** How many updates this browser keeps for a text of Kari's (y-indexeddb's "updates" store). */
  const keptUpdates = (page: Page, suffix: string) =>
    page.evaluate(async (end) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? "").filter((n) => n.startsWith("ip-collab:") && n.endsWith(end));
      let count = 0;
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        if (db.objectStoreNames.contains("updates")) {
          count += await new Promise<number>((resolve) => {
            const request = db.transaction("updates").objectStore("updates").count();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => resolve(0);
          });
        }
        db.close();
      }
      return count;
    }, suffix);

  test("what Kari writes offline is kept in the browser, survives closing the page, and reaches the others once back online", async ({ page, context, browser, baseURL }) => {
    test.slow();
    await login(page, "bruker@demo.no");
    const about = page.getByRole("region", { name: "Om meg – hva er viktig for meg" });
    const field = about.getByRole("textbox", { name: "Det jeg er god til", exact: true });
    await expect(field).toBeEditable();
    const before = await keptUpdates(page, ":resources");

    await context.setOffline(true);
    await expect(field).toHaveAccessibleDescription(/Frakoblet – endringene dine lagres når du er på nett igjen$/);
    const offline = unique("Skrevet på bussen uten nett");
    await writeParagraph(field, offline);
    await expect(field).toHaveAccessibleDescription(/Frakoblet – endringene dine lagres når du er på nett igjen$/);
    // Kept in this browser before the page goes.
    await expect.poll(() => keptUpdates(page, ":resources")).toBeGreaterThan(before);
    await page.close();

    // The coordinator opens the plan meanwhile: the text has not reached the server.
    const ingrid = await signedInPage(browser, baseURL, "koordinator@demo.no");
    try {
      const planId = await planIdFromMyPlans(ingrid.page, KARI);
      await ingrid.page.goto(`/planer/${planId}`);
      const resources = ingrid.page.getByRole("textbox", { name: "Det jeg er god til", exact: true });
      await expect(resources).not.toContainText(offline);

      // Back online, in a new page: the kept text is sent, and everyone sees it.
      await context.setOffline(false);
      const again = await context.newPage();
      await again.goto("/min-plan");
      const field2 = again.getByRole("region", { name: "Om meg – hva er viktig for meg" }).getByRole("textbox", { name: "Det jeg er god til", exact: true });
      await expect(field2).toContainText(offline);
      await expect(resources).toContainText(offline);
    } finally {
      await ingrid.context.close();
    }
  });

  test("two people writing in the same text, one of them offline, end up with both texts", async ({ page, context, browser, baseURL }) => {
    test.slow();
    await login(page, "bruker@demo.no");
    const ingrid = await signedInPage(browser, baseURL, "koordinator@demo.no");
    try {
      const planId = await planIdFromMyPlans(ingrid.page, KARI);
      await page.goto(`/planer/${planId}`);
      await ingrid.page.goto(`/planer/${planId}`);
      await openGoal(page, FRIENDS_GOAL);
      await openGoal(ingrid.page, FRIENDS_GOAL);
      const kariField = goalDescription(page, FRIENDS_GOAL);
      const hers = goalDescription(ingrid.page, FRIENDS_GOAL);
      await expect(kariField).toBeEditable();
      await expect(hers).toBeEditable();

      await context.setOffline(true);
      await expect(kariField).toHaveAccessibleDescription(/^Frakoblet/);
      const fromKari = unique("Kari skrev dette uten nett");
      const fromIngrid = unique("Ingrid skrev dette samtidig");
      await writeParagraph(kariField, fromKari);
      await writeParagraph(hers, fromIngrid);
      await expect(hers).toHaveAccessibleDescription("Lagret");

      await context.setOffline(false);
      await expect(kariField).toContainText(fromIngrid);
      await expect(hers).toContainText(fromKari);
      await expect(kariField).toContainText(fromKari);
      await expect(kariField).toHaveAccessibleDescription("Lagret");
    } finally {
      await ingrid.context.close();
    }
  });
});

test.describe("signing out", () => {
  test("removes this browser's copies of the texts", async ({ page }) => {
    await login(page, "bruker@demo.no");
    await expect(page.getByRole("textbox", { name: "Om meg", exact: true })).toBeEditable();
    const copies = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? "").filter((n) => n.startsWith("ip-collab:")).length);
    await expect.poll(copies).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Logg ut" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/login");
    await expect.poll(copies).toBe(0);
  });
});

test.describe("writing together on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("«Om meg» with its buttons fits the screen", async ({ page }) => {
    await login(page, "bruker@demo.no");
    await page.goto("/min-plan");
    const about = page.getByRole("region", { name: "Om meg – hva er viktig for meg" });
    const aboutMe = about.getByRole("textbox", { name: "Om meg", exact: true });
    await expect(aboutMe).toBeEditable();
    // The buttons show while she writes in the text.
    await aboutMe.focus();
    const toolbar = about.getByRole("toolbar", { name: "Tekstformat for «Om meg»" });
    await expect(toolbar.getByRole("button")).toHaveCount(6);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    for (const button of await toolbar.getByRole("button").all()) {
      const box = await button.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(clientWidth);
      // Big enough to hit with a finger (WCAG 2.5.5 as the house rule: 44 px).
      expect(box?.height).toBeGreaterThanOrEqual(44);
    }
    expect(await seriousViolations(page)).toEqual([]);
  });
});
