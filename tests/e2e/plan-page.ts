import { expect, type Page } from "@playwright/test";
import { login, planIdFromMyPlans } from "./helpers.ts";

const KARI = "Kari Nordmann";

/** Kari's plan as her coordinator sees it, at `width` px. */
export async function openKari(page: Page, width = 1280) {
  await page.setViewportSize({ width, height: 900 });
  await login(page, "koordinator@demo.no");
  const planId = await planIdFromMyPlans(page, KARI);
  await page.goto(`/planer/${planId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Planen til ${KARI}`);
  return planId;
}

