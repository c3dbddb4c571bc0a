import { json, redirect, type AppLoadContext } from "@remix-run/node";
import type { Caller } from "../../server/router.ts";

/**
 * Calls procedures for a loader. Not signed in: off to /login and back afterwards.
 * Refused or missing: a 403 or 404 response that the error boundary shows in plain words.
 */
export async function load<T>(context: AppLoadContext, request: Request, fn: (caller: Caller) => Promise<T>): Promise<T> {
  if (!context.user) throw redirectToLogin(request);
  try {
    return await fn(context.caller);
  } catch (error) {
    const described = context.describeError(error);
    if (described.status === 401) throw redirectToLogin(request);
    if (described.code === "INTERNAL_SERVER_ERROR") throw error;
    throw json({ message: described.message }, { status: described.status });
  }
}

/** Calls a procedure for an action; a refused input comes back as a message for the form. */
export async function attempt<T>(context: AppLoadContext, fn: (caller: Caller) => Promise<T>) {
  try {
    return { ok: true as const, data: await fn(context.caller) };
  } catch (error) {
    const described = context.describeError(error);
    if (described.code === "INTERNAL_SERVER_ERROR") throw error;
    return { ok: false as const, error: described };
  }
}

export function redirectToLogin(request: Request) {
  const url = new URL(request.url);
  return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}
