import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { FormResult } from "../../lib/form-result.ts";
import { CheckboxField, Disclosure, TextField, type FieldForm } from "../form.tsx";
import { TimePlaceFields } from "./time-place-fields.tsx";

interface Member {
  value: string;
  name: string;
  detail: string | null;
  kind: "OWNER" | "COORDINATOR" | "PARTICIPANT";
  fixed: boolean;
}

interface MeetingPlannerProps {
  group: { members: Member[]; withoutConsent: { name: string; detail: string | null }[]; userSide: boolean };
  defaults: { date: string; time: string };
  result?: FormResult;
  guestRows: number;
}

/**
 * "Planlegg møte": time, place or video link, who from the responsibility group, and guests with
 * the user's consent. A plain form: it works the same without JavaScript.
 */
export function MeetingPlanner({ group, defaults, result, guestRows }: MeetingPlannerProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const failed = result && !result.ok ? result : undefined;
  const form: FieldForm = {
    formId: "meeting-plan",
    value: (name) => failed?.values?.[name] ?? "",
    error: (name) => failed?.fieldErrors?.[name],
  };
  const chosen = failed ? new Set((failed.values?.invitees ?? "").split(",").filter(Boolean)) : null;
  const guestError = Array.from({ length: guestRows }, (_, i) => i).some((i) => ["name", "email", "organisation"].some((f) => form.error(`guest-${i}-${f}`)));
  const inviteesError = form.error("invitees");
  return (
    <Form method="post" className="stack card">
      {failed ? (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">{failed.message}</p>
          {failed.fieldErrors ? <p>{t("form.fixFields")}</p> : null}
        </div>
      ) : null}
      <TimePlaceFields form={form} defaults={defaults} />

      <fieldset className="fieldset" aria-describedby={inviteesError ? "invitees-error" : "invitees-hint"}>
        <legend>{t("meetings.plan.who")}</legend>
        <p id="invitees-hint" className="hint">
          {t("meetings.plan.whoHint")}
        </p>
        {inviteesError ? (
          <p id="invitees-error" className="field-error">
            {inviteesError}
          </p>
        ) : null}
        {group.members.map((m) => {
          const id = `invitee-${m.value.replace(":", "-")}`;
          return (
            <div key={m.value} className="checkbox">
              {m.fixed || m.kind === "OWNER" ? (
                <input id={id} type="checkbox" defaultChecked disabled aria-describedby={`${id}-fixed`} />
              ) : (
                <input id={id} type="checkbox" name="invitee" value={m.value} defaultChecked={chosen ? chosen.has(m.value) : true} />
              )}
              <label htmlFor={id}>
                {m.name}
                {m.detail ? `, ${m.detail}` : ""} <span className="person-role">({t(`meetings.invitees.kind.${m.kind}`)})</span>
                {m.fixed || m.kind === "OWNER" ? (
                  <span id={`${id}-fixed`} className="hint">
                    {" "}
                    {m.kind === "OWNER" ? t("meetings.plan.ownerAlways") : t("meetings.plan.youAlways")}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
        {group.withoutConsent.length ? (
          <p className="hint">
            {t("meetings.plan.withoutConsent", { names: group.withoutConsent.map((p) => (p.detail ? `${p.name} (${p.detail})` : p.name)).join(", ") })}
          </p>
        ) : null}
      </fieldset>

      <Disclosure summary={t("meetings.plan.guests")} open={guestError}>
        <p className="hint">{group.userSide ? t("meetings.guests.consentByInviting") : t("meetings.plan.guestsHint")}</p>
        {Array.from({ length: guestRows }, (_, i) => (
          <fieldset key={i} className="fieldset">
            <legend>{t("meetings.plan.guestN", { n: i + 1 })}</legend>
            <TextField form={form} name={`guest-${i}-name`} label={t("meetings.guests.name")} optional />
            <TextField form={form} name={`guest-${i}-email`} type="email" label={t("meetings.guests.email")} hint={t("meetings.guests.emailHint")} optional />
            <TextField form={form} name={`guest-${i}-organisation`} label={t("meetings.guests.organisation")} optional />
            {group.userSide ? null : (
              <CheckboxField form={form} name={`guest-${i}-consent`} label={t("meetings.guests.consent")} hint={t("meetings.guests.consentHint")} />
            )}
          </fieldset>
        ))}
      </Disclosure>

      <div className="form-actions">
        <button type="submit" className="button-primary" aria-disabled={busy || undefined}>
          {t("meetings.plan.submit")}
        </button>
        <p role="status" className="saved-note">
          {busy ? t("common.saving") : ""}
        </p>
      </div>
    </Form>
  );
}
