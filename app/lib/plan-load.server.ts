import { json, type AppLoadContext } from "@remix-run/node";
import { resources } from "../i18n/resources.ts";
import type { Caller } from "../../server/router.ts";
import { redirectToLogin } from "./call.server.ts";

export type PurposeRequired = { purposeRequired: true; invalid: boolean; purpose: string };

/** Coordinating-unit roles open plans they take no part in only with a stated purpose (?formal=…). */
export function purposeFrom(request: Request): string | undefined {
  const value = new URL(request.url).searchParams.get("formal")?.trim();
  return value ? value : undefined;
}

/**
 * Like `load`, but a refusal because no purpose was given comes back as data, so the page can
 * ask for the purpose instead of showing "no access".
 */
export async function loadWithPurpose<T>(
  context: AppLoadContext,
  request: Request,
  fn: (caller: Caller, purpose: string | undefined) => Promise<T>,
): Promise<{ ok: true; data: T } | ({ ok: false } & PurposeRequired)> {
  if (!context.user) throw redirectToLogin(request);
  const purpose = purposeFrom(request);
  try {
    return { ok: true, data: await fn(context.caller, purpose) };
  } catch (error) {
    const described = context.describeError(error);
    if (described.status === 401) throw redirectToLogin(request);
    if (described.status >= 500) throw error;
    if (described.status === 403 && isPurposeRequired(described.message)) {
      // A purpose that was too short is refused the same way: ask again, keeping what was written.
      return { ok: false, purposeRequired: true, invalid: false, purpose: purpose ?? "" };
    }
    if (described.status === 400 && purpose !== undefined) {
      return { ok: false, purposeRequired: true, invalid: true, purpose };
    }
    throw json({ message: described.message }, { status: described.status });
  }
}

function isPurposeRequired(message: string): boolean {
  return Object.values(resources).some((r) => r.translation.plan.purposeRequired === message);
}
