import { expect, test } from "@playwright/test";
import { login, openAllDisclosures, seriousViolations } from "./helpers.ts";

// Kartlegging on the coordinating unit's dashboard (issue 15): the figures with their
// explanations, axe on the section, and the KE leader's register export as a file.

test("the KE leader sees the Kartlegging figures and downloads the register export without names", async ({ page }) => {
  await login(page, "leder@demo.no");
  await page.goto("/ke");
  const section = page.getByRole("region", { name: "Kartlegging", exact: true });
  await expect(section).toBeVisible();
  await expect(section.getByRole("heading", { name: "Skår per område nå" })).toBeVisible();
  await expect(section.getByRole("table", { name: /Personer etter skår i hvert område/ })).toBeVisible();
  await expect(section.getByText("Tallene viser hvordan ansatte har vurdert, ikke hvordan personene selv har det.")).toBeVisible();

  // The demo plans have assessments (prisma/demo.ts): the coverage figure is more than zero.
  const withAssessment = section.locator(".figure", { has: page.getByText("Aktive planer med kartlegging", { exact: true }) }).locator(".figure-value");
  await expect(withAssessment).not.toHaveText("0");
  const egenomsorg = section.getByRole("table", { name: /Personer etter skår i hvert område \(siste vurdering\)/ }).getByRole("row", { name: /Egenomsorg og helse/ });
  await expect(egenomsorg.getByRole("cell").last()).not.toHaveText("0");

  // Each explanation opens; axe passes with all of them open.
  await section.getByText("Hva viser tallet?").first().click();
  await expect(section.getByRole("heading", { name: "Hva viser det ikke?" }).first()).toBeVisible();
  await openAllDisclosures(page);
  expect(await seriousViolations(page)).toEqual([]);

  // The register export: a CSV file with a header row and nobody's name.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Last ned som CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^registeropplysninger-.+\.csv$/);
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toMatch(/^referanse;individuell_plan;plantype;innvilget_dato;planstatus;koordinator;koordinator_fra_dato;siste_kartlegging_dato;IPLOS:01/);
  expect(lines.length).toBeGreaterThan(1);
  for (const name of ["Kari Nordmann", "Nordmann", "Per Johansen", "Hilde Strand"]) expect(text).not.toContain(name);
});

test("the phone width shows the section, and the unit leader has it without the register export", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, "enhetsleder@demo.no");
  await page.goto("/enhet");
  const section = page.getByRole("region", { name: "Kartlegging", exact: true });
  await expect(section).toBeVisible();
  await expect(page.getByRole("link", { name: "Last ned som CSV" })).toHaveCount(0);
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await openAllDisclosures(page);
  expect(await seriousViolations(page)).toEqual([]);
  // The file is refused to the unit leader.
  const refused = await page.request.get("/ke/registereksport?format=csv");
  expect(refused.status()).toBe(403);
});
