import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { smallPdf } from "../fixtures/document-files.ts";
import { login, planIdFromMyPlans, seriousViolations } from "./helpers.ts";

// Documents on a plan (issue 13): the coordinator uploads a PDF on Kari's plan through the
// plain multipart form, sees it listed, downloads it as an attachment; a file that only claims
// to be a PDF is refused in words; the page with the section passes axe.

const KARI = "Kari Nordmann";

test("the coordinator uploads a PDF, sees it listed and downloads it; a fake PDF is refused; axe passes", async ({ page }) => {
  // Two uploads, a download and axe over the whole plan page.
  test.slow();
  await login(page, "koordinator@demo.no");
  const planId = await planIdFromMyPlans(page, KARI);
  await page.goto(`/planer/${planId}#dokumenter`);
  const section = page.locator("section#dokumenter");
  await expect(section.getByRole("heading", { name: "Dokumenter", level: 2 })).toBeVisible();
  // The demo's documents, the restricted one too (the coordinator sees it).
  await expect(section.getByRole("link", { name: "Last ned Epikrise fra sykehuset.pdf" })).toBeVisible();

  const name = `Vedtak ${Date.now().toString(36)}.pdf`;
  const pdf = smallPdf("Vedtak om individuell plan");
  await section.getByLabel("Velg fil").setInputFiles({ name, mimeType: "application/pdf", buffer: pdf });
  await section.getByLabel("Alle med tilgang til planen").check();
  await section.getByRole("button", { name: "Last opp" }).click();
  await expect(section.getByRole("status")).toHaveText("Dokumentet er lagt til.");
  const row = section.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("PDF");
  await expect(row).toContainText("Ingrid Berg");
  await expect(row).toContainText("Alle med tilgang");

  // Downloaded as an attachment, with the same bytes.
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: `Last ned ${name}` }).click()]);
  expect(download.suggestedFilename()).toBe(name);
  expect((await readFile((await download.path())!)).equals(pdf)).toBe(true);
  const href = await row.getByRole("link", { name: `Last ned ${name}` }).getAttribute("href");
  const answer = await page.request.get(href!);
  expect(answer.headers()["content-type"]).toBe("application/pdf");
  expect(answer.headers()["content-disposition"]).toMatch(/^attachment; filename="Vedtak [^"]+\.pdf"; filename\*=UTF-8''Vedtak%20/);
  expect(answer.headers()["x-content-type-options"]).toBe("nosniff");

  // A web page named .pdf is refused by its content, in words.
  await section.getByLabel("Velg fil").setInputFiles({ name: "faktura.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
  await section.getByRole("button", { name: "Last opp" }).click();
  await expect(section.getByRole("alert")).toHaveText("Filen er ikke en PDF, et bilde eller et Office-dokument.");
  await expect(section.getByRole("row").filter({ hasText: "faktura.pdf" })).toHaveCount(0);

  expect(await seriousViolations(page)).toEqual([]);

  // Deleting asks first, then the document is gone from the list.
  await row.locator("summary", { hasText: "Slett" }).click();
  await row.getByRole("button", { name: `Ja, slett ${name}` }).click();
  await expect(section.getByRole("status")).toHaveText("Dokumentet er slettet.");
  await expect(section.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});

test("the physiotherapist sees the shared document but not the one for Kari and the coordinator only", async ({ page }) => {
  await login(page, "fagperson@demo.no");
  const planId = await planIdFromMyPlans(page, KARI);
  await page.goto(`/planer/${planId}#dokumenter`);
  const section = page.locator("section#dokumenter");
  await expect(section.getByRole("link", { name: "Last ned Treningsprogram fysioterapi.pdf" })).toBeVisible();
  await expect(section.getByText("Epikrise fra sykehuset.pdf")).toHaveCount(0);
  // Staff who may change their own measures may upload, but only for everyone in the plan.
  await expect(section.getByLabel("Velg fil")).toBeVisible();
  await expect(section.getByLabel("Bare brukeren, representanten og koordinatoren")).toHaveCount(0);
});
