import { json, type ActionFunctionArgs } from "@remix-run/node";
import { attempt } from "../lib/call.server.ts";
import { text } from "../lib/form-values.ts";
import { ABOUT_FIELDS, type AboutField } from "../lib/plan-types.ts";

// Autosave for long texts: one field at a time, as JSON for the page's script. Without
// JavaScript the same texts are saved by the page's own form (intent "about" / "goal-texts").

export interface AutosaveReply {
  ok: boolean;
  /** The saved text and the row's new version. */
  value?: string;
  version?: number;
  /** Someone else changed the row first: the field's text and version as they are now. */
  conflict?: { value: string; version: number } | null;
  message?: string;
}

const GOAL_TEXTS = ["ownView", "othersInput"] as const;

export async function action({ context, params, request }: ActionFunctionArgs) {
  if (!context.user) return json<AutosaveReply>({ ok: false, message: "unauthorized" }, { status: 401 });
  const form = await request.formData();
  const field = text(form, "field");
  const value = text(form, "value");
  const version = Number(text(form, "version"));
  const goalId = text(form, "goalId");
  const planId = params.planId ?? "";

  const isAbout = (ABOUT_FIELDS as readonly string[]).includes(field);
  const isGoalText = Boolean(goalId) && (GOAL_TEXTS as readonly string[]).includes(field);
  if (!isAbout && !isGoalText) return json<AutosaveReply>({ ok: false, message: "bad field" }, { status: 400 });

  const result = await attempt(context, async (caller) => {
    if (isAbout) {
      const saved = await caller.plan.updateAbout({ planId, version, changes: { [field as AboutField]: value } });
      return { value: saved[field as AboutField], version: saved.version };
    }
    const saved = await caller.goal.update({ goalId, version, changes: { [field]: value } });
    return { value: (saved[field as (typeof GOAL_TEXTS)[number]] ?? "") as string, version: saved.version };
  });
  if (result.ok) return json<AutosaveReply>({ ok: true, ...result.data });
  const { error } = result;
  const current = error.status === 409 ? (error.details as { current?: Record<string, unknown> } | undefined)?.current : undefined;
  return json<AutosaveReply>(
    {
      ok: false,
      message: error.message,
      conflict: current ? { value: String(current[field] ?? ""), version: Number(current.version) } : null,
    },
    { status: error.status },
  );
}
