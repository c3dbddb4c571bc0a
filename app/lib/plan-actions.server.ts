import type { AppLoadContext } from "@remix-run/node";
import type { Caller } from "../../server/router.ts";
import { formFieldName, FormRefusal, handlerFor, runFormAction, savedAnswer } from "./form-action.server.ts";
import { inviteAction } from "./invitation-actions.server.ts";
import { changedFields, nullable, nullableScore, optionalDate, optionalScore, optionalText, text } from "./form-values.ts";

// The plan's forms post here (the workspace and "Min plan" share it). "Om meg", the
// descriptions of goals and measures, and what an evaluation found are not among them: they
// are shared texts, written live through the collaboration server (components/collab). Each form names its
// `intent`; with JavaScript it answers as data, without it answers with a redirect back to
// the page (post/redirect/get) or, on a refusal, with the page and the person's own input.

type Handler = (caller: Caller, form: FormData, planId: string) => Promise<unknown>;

// Descriptions are shared texts (server/collab): written live in the editor, never through these forms.
const GOAL_FIELDS = ["lifeArea", "title", "status", "baselineScore", "targetScore", "evaluationDate", "newScore", "attained"] as const;
const MEASURE_FIELDS = ["title", "amount", "responsible", "unitId", "startDate", "endDate", "status", "evaluationDate"] as const;
const PARTICIPANT_FIELDS = ["organisation", "contribution", "phone", "email", "access", "legalBasis"] as const;
const PLAN_FIELDS = ["type", "status", "startDate", "endDate", "nextReviewAt"] as const;

const version = (form: FormData) => Number(text(form, "version"));

function goalChanges(changed: Record<string, string>) {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changed)) {
    if (key === "baselineScore" || key === "targetScore" || key === "newScore") changes[key] = nullableScore(value);
    else if (key === "evaluationDate" || key === "attained") changes[key] = nullable(value);
    else changes[key] = value.trim();
  }
  return changes;
}

function responsible(value: string) {
  if (value.startsWith("u:")) return { responsibleUserId: value.slice(2), responsibleParticipantId: null };
  if (value.startsWith("p:")) return { responsibleUserId: null, responsibleParticipantId: value.slice(2) };
  return { responsibleUserId: null, responsibleParticipantId: null };
}

function measureChanges(changed: Record<string, string>) {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changed)) {
    if (key === "responsible") Object.assign(changes, responsible(value));
    else if (key === "title" || key === "status") changes[key] = value.trim();
    else changes[key] = nullable(value);
  }
  return changes;
}

/** The router of the kind of plan content a delete or restore form names. */
function deletableRouter(caller: Caller, form: FormData) {
  const kind = text(form, "kind");
  if (kind === "goal" || kind === "measure" || kind === "service" || kind === "log" || kind === "comment") return caller[kind];
  throw new FormRefusal("errors.badRequest");
}

const handlers: Record<string, Handler> = {
  "goal-texts": (caller, form) => {
    const changes = changedFields(form, ["ownView", "othersInput"]);
    if (!Object.keys(changes).length) return Promise.resolve(null);
    return caller.goal.update({ goalId: text(form, "goalId"), version: version(form), changes });
  },
  comment: (caller, form, planId) =>
    caller.comment.create({
      planId,
      targetType: text(form, "targetType") as "about" | "goal" | "measure",
      targetId: optionalText(form, "targetId") ?? null,
      body: text(form, "body"),
    }),
  "plan-update": (caller, form, planId) => {
    const changed = changedFields(form, PLAN_FIELDS);
    if (!Object.keys(changed).length) return Promise.resolve(null);
    const changes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(changed)) changes[key] = key === "type" || key === "status" ? value : nullable(value);
    return caller.plan.update({ planId, version: version(form), changes });
  },
  // "Arkiver nå": an archive copy (docs/decisions/027).
  "plan-archive": (caller, _form, planId) => caller.plan.archive({ planId }),
  "plan-close": (caller, form, planId) => {
    // Closing makes the plan read-only for everyone: it must be meant.
    if (text(form, "confirm") !== "yes") throw new FormRefusal("plan.close.confirmRequired", "confirm");
    return caller.plan.close({ planId, version: version(form), reason: text(form, "reason"), endedOn: text(form, "endedOn") });
  },
  "plan-reopen": (caller, form, planId) => caller.plan.reopen({ planId, version: version(form), reason: text(form, "reason") }),
  "goal-create": (caller, form, planId) =>
    caller.goal.create({
      planId,
      parentId: optionalText(form, "parentId") ?? null,
      lifeArea: text(form, "lifeArea") as "OTHER",
      title: text(form, "title"),
      description: text(form, "description"),
      ownView: optionalText(form, "ownView"),
      baselineScore: optionalScore(form, "baselineScore"),
      targetScore: optionalScore(form, "targetScore"),
      evaluationDate: optionalDate(form, "evaluationDate"),
    }),
  "goal-update": (caller, form) => {
    const changes = goalChanges(changedFields(form, GOAL_FIELDS));
    if (!Object.keys(changes).length) return Promise.resolve(null);
    return caller.goal.update({ goalId: text(form, "goalId"), version: version(form), changes });
  },
  "measure-create": (caller, form) =>
    caller.measure.create({
      goalId: text(form, "goalId"),
      title: text(form, "title"),
      description: text(form, "description"),
      amount: optionalText(form, "amount"),
      ...responsible(text(form, "responsible")),
      unitId: optionalText(form, "unitId") ?? null,
      startDate: optionalDate(form, "startDate"),
      endDate: optionalDate(form, "endDate"),
      status: (optionalText(form, "status") as "PLANNED" | undefined) ?? undefined,
      evaluationDate: optionalDate(form, "evaluationDate"),
    }),
  "measure-update": (caller, form) => {
    const changes = measureChanges(changedFields(form, MEASURE_FIELDS));
    if (!Object.keys(changes).length) return Promise.resolve(null);
    return caller.measure.update({ measureId: text(form, "measureId"), version: version(form), changes });
  },
  "evaluation-create": (caller, form) =>
    caller.evaluation.create({
      goalId: optionalText(form, "goalId"),
      measureId: optionalText(form, "measureId"),
      date: text(form, "date"),
      participants: text(form, "participants"),
      achieved: text(form, "achieved"),
      nextStep: text(form, "nextStep"),
      newScore: optionalScore(form, "newScore") ?? null,
      attained: (optionalText(form, "attained") as "YES" | undefined) ?? null,
    }),
  "participant-add": (caller, form, planId) => {
    const userId = optionalText(form, "userId");
    if (!userId && !optionalText(form, "displayName")) throw new FormRefusal("participant.userOrName", "displayName");
    if (text(form, "kind") === "REPRESENTATIVE" && !optionalText(form, "legalBasis")) throw new FormRefusal("participant.legalBasisRequired", "legalBasis");
    return caller.participant.add({
      planId,
      kind: text(form, "kind") as "PROVIDER",
      userId,
      displayName: userId ? undefined : text(form, "displayName").trim() || undefined,
      organisation: optionalText(form, "organisation") ?? null,
      contribution: optionalText(form, "contribution") ?? null,
      phone: optionalText(form, "phone") ?? null,
      email: optionalText(form, "email") ?? null,
      access: (optionalText(form, "access") as "READ" | undefined) ?? undefined,
      legalBasis: optionalText(form, "legalBasis") ?? null,
    });
  },
  "participant-update": (caller, form) => {
    const changed = changedFields(form, PARTICIPANT_FIELDS);
    if (!Object.keys(changed).length) return Promise.resolve(null);
    const changes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(changed)) changes[key] = key === "access" ? value : nullable(value);
    return caller.participant.update({ participantId: text(form, "participantId"), version: version(form), changes });
  },
  "participant-active": (caller, form) =>
    caller.participant.update({
      participantId: text(form, "participantId"),
      version: version(form),
      changes: { active: text(form, "active") === "true" },
    }),
  "consent-grant": (caller, form, planId) =>
    caller.consent.grant({
      planId,
      participantId: optionalText(form, "participantId"),
      validFrom: optionalDate(form, "validFrom"),
      validTo: optionalDate(form, "validTo"),
      note: optionalText(form, "note") ?? null,
    }),
  "consent-withdraw": (caller, form, planId) => {
    const participantId = optionalText(form, "participantId");
    // Withdrawing consent to the whole plan shuts everyone out: it must be meant.
    if (!participantId && text(form, "confirm") !== "yes") throw new FormRefusal("consent.confirmRequired");
    return caller.consent.withdraw({ planId, participantId });
  },
  "coordinator-assign": (caller, form, planId) =>
    caller.coordinator.assign({ planId, coordinatorId: text(form, "coordinatorId"), handoverNote: optionalText(form, "handoverNote") }),
  "coordinator-request": (caller, form, planId) => caller.coordinator.requestChange({ planId, reason: text(form, "reason") }),
  "service-add": (caller, form, planId) =>
    caller.service.add({
      planId,
      name: text(form, "name"),
      provider: text(form, "provider"),
      fromDate: optionalDate(form, "fromDate"),
      toDate: optionalDate(form, "toDate"),
    }),
  "item-delete": (caller, form) => deletableRouter(caller, form).delete({ id: text(form, "id"), reason: text(form, "reason") }),
  "item-restore": (caller, form) => deletableRouter(caller, form).restore({ id: text(form, "id") }),
  "item-move": (caller, form) => {
    const position = Number(text(form, "position"));
    return text(form, "kind") === "measure" ? caller.measure.reorder({ measureId: text(form, "id"), position }) : caller.goal.reorder({ goalId: text(form, "id"), position });
  },
  "log-create": (caller, form, planId) => caller.log.create({ planId, date: optionalDate(form, "date"), body: text(form, "body") }),
};

/** Field names in the procedures' inputs that differ from the form's. */
const FIELD_ALIASES: Record<string, string> = {
  responsibleUserId: "responsible",
  responsibleParticipantId: "responsible",
  userId: "displayName",
};

/** Runs one of the plan's forms (a route can answer intents of its own before this). */
export function planAction(context: AppLoadContext, request: Request, planId: string, form: FormData) {
  // Answered with the invitation's link as data, never by a redirect.
  if (text(form, "intent") === "participant-invite") return inviteAction(context, request, form);
  return runFormAction(context, form, (caller) => handlerFor(handlers, form)(caller, form, planId), {
    fieldName: formFieldName(FIELD_ALIASES),
    conflict: { kind: "merge" },
    onSuccess: () => {
      // Without JavaScript: back to the page, at the part that was changed, with a receipt.
      const page = new URL(request.url);
      page.searchParams.set("lagret", text(form, "intent"));
      return savedAnswer(form, page);
    },
  });
}
