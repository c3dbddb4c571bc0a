import { json, type AppLoadContext } from "@remix-run/node";
import { isUuid } from "../domain/ids.ts";
import { resources } from "../i18n/resources.ts";
import type { Caller } from "../../server/router.ts";
import { redirectToLogin } from "./call.server.ts";

export type PurposeRequired = { purposeRequired: true; planId: string; returnTo: string };

/**
 * Like `load`, but when the coordinating unit has not said why it opens this plan, the refusal
 * comes back as data, so the page can ask for the purpose (plan.statePurpose, a form posted to
 * /planer/<id>/formal) instead of showing "no access".
 */
export async function loadWithPurpose<T>(
  context: AppLoadContext,
  request: Request,
  fn: (caller: Caller) => Promise<T>,
): Promise<{ ok: true; data: T } | ({ ok: false } & PurposeRequired)> {
  if (!context.user) throw redirectToLogin(request);
  try {
    return { ok: true, data: await fn(context.caller) };
  } catch (error) {
    const described = context.describeError(error);
    if (described.status === 401) throw redirectToLogin(request);
    if (described.code === "INTERNAL_SERVER_ERROR") throw error;
    const planId = (described.details as { planId?: unknown } | undefined)?.planId;
    if (described.status === 403 && isPurposeRequired(described.message) && typeof planId === "string" && isUuid(planId)) {
      const url = new URL(request.url);
      return { ok: false, purposeRequired: true, planId, returnTo: url.pathname + url.search };
    }
    throw json({ message: described.message }, { status: described.status });
  }
}

function isPurposeRequired(message: string): boolean {
  return Object.values(resources).some((r) => r.translation.plan.purposeRequired === message);
}
