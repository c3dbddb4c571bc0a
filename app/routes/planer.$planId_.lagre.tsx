import { json, type ActionFunctionArgs } from "@remix-run/node";
import { attempt } from "../lib/call.server.ts";
import { text } from "../lib/form-values.ts";

// Autosave for the goal card's long texts ("how I see it", "what others say"): one field at a
// time, as JSON for the page's script. Without JavaScript the same texts are saved by the
// page's own form (intent "goal-texts"). "Om meg" and the descriptions are shared texts that
// save through the collaboration server instead (components/collab).

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
type GoalText = (typeof GOAL_TEXTS)[number];

export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) return json<AutosaveReply>({ ok: false, message: "unauthorized" }, { status: 401 });
  const form = await request.formData();
  const field = text(form, "field");
  const value = text(form, "value");
  const version = Number(text(form, "version"));
  const goalId = text(form, "goalId");

  if (!goalId || !(GOAL_TEXTS as readonly string[]).includes(field)) return json<AutosaveReply>({ ok: false, message: "bad field" }, { status: 400 });

  const result = await attempt(context, async (caller) => {
    const saved = await caller.goal.update({ goalId, version, changes: { [field]: value } });
    return { value: (saved[field as GoalText] ?? "") as string, version: saved.version };
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
