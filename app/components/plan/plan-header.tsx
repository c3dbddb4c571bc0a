import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { PLAN_CLOSER_ROLES, PLAN_STATUSES, TEMPLATE_PLAN_TYPES } from "../../domain/lists.ts";
import { formatDate, isDue, todayInOslo } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import { dateValue } from "../../lib/form-values.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { CheckboxField, FormDisclosure, PlanFormElement, SelectField, Submit, TextArea, TextField } from "../form.tsx";
import { useLang } from "../../lib/use-lang.ts";
import { DateText, Period, StatusBadge } from "./shared.tsx";

function planValues(p: Record<string, unknown>): Record<string, string> {
  return {
    type: String(p.type ?? ""),
    status: String(p.status ?? ""),
    startDate: dateValue(p.startDate as string | null),
    endDate: dateValue(p.endDate as string | null),
    nextReviewAt: dateValue(p.nextReviewAt as string | null),
  };
}

/** Whose plan, its state and dates, the coordinator, and where to print or see who has read it. */
export function PlanHeader({ plan, children }: { plan: PlanView; children?: ReactNode }) {
  const { t } = useTranslation();
  const reviewDue = plan.status === "ACTIVE" && isDue(plan.nextReviewAt);
  const coordinator = plan.coordinator?.coordinator;
  return (
    <header className="plan-header card">
      <p className="eyebrow">{t(`plan.type.${plan.type}`)}</p>
      <h1>{t("workspace.title", { name: plan.owner.name })}</h1>
      {children}
      {plan.status === "CLOSED" ? <ClosedNotice plan={plan} /> : null}
      {plan.access.role === "AUDITOR" ? (
        <p className="alert alert-info">{t("workspace.auditorNotice", { purpose: plan.access.purpose ?? "" })}</p>
      ) : null}
      <dl className="facts header-facts facts-compact">
        <div className="facts-row">
          <dt>{t("search.number")}</dt>
          <dd>{plan.number}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("plan.statusLabel")}</dt>
          <dd>
            <StatusBadge kind="plan" value={plan.status} label={t(`plan.status.${plan.status}`)} />
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t("plan.period")}</dt>
          <dd>
            <Period from={plan.startDate} to={plan.endDate} />
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t("plan.nextReview")}</dt>
          <dd>
            <DateText value={plan.nextReviewAt} />
            {reviewDue ? <span className="warning-text"> – {t("workspace.reviewDue")}</span> : null}
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t("plan.coordinator")}</dt>
          <dd>
            {coordinator ? (
              <>
                <a href="#koordinator">{coordinator.name}</a>
                {coordinator.phone ? (
                  <>
                    {", "}
                    <a href={`tel:${coordinator.phone.replace(/\s/g, "")}`}>{coordinator.phone}</a>
                  </>
                ) : null}
              </>
            ) : (
              <span className="warning-text">{t("plan.noCoordinator")}</span>
            )}
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t("workspace.yourRole")}</dt>
          <dd>{t(`workspace.role.${plan.access.role}`)}</dd>
        </div>
      </dl>
      <ul className="link-row">
        <li>
          <Link to={`/planer/${plan.id}/utskrift`}>{t("workspace.print")}</Link>
        </li>
        {plan.access.canSeeAccessLog ? (
          <li>
            <Link to={`/planer/${plan.id}/innsyn`}>{t("workspace.accessLog")}</Link>
          </li>
        ) : null}
        {plan.questions ? (
          <li>
            <Link to={`/planer/${plan.id}/sporsmal`}>{plan.questions.open ? t("questions.linkOpen") : t("questions.link")}</Link>
          </li>
        ) : null}
      </ul>
      <div className="item-footer">
        {plan.access.canEditPlan ? <PlanDetailsForm plan={plan} /> : null}
        {(PLAN_CLOSER_ROLES as readonly string[]).includes(plan.access.role) ? (
          plan.status === "CLOSED" ? (
            <ReopenPlanForm plan={plan} />
          ) : (
            <ClosePlanForm plan={plan} />
          )
        ) : null}
      </div>
    </header>
  );
}

function PlanDetailsForm({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const labels = {
    type: t("workspace.field.type"),
    status: t("plan.statusLabel"),
    startDate: t("workspace.field.startDate"),
    endDate: t("workspace.field.endDate"),
    nextReviewAt: t("plan.nextReview"),
  };
  const form = usePlanForm("plan-details", { version: plan.version, values: planValues(plan), toValues: planValues });
  return (
    <FormDisclosure form={form} summary={t("workspace.editDetails")}>
      <PlanFormElement
        form={form}
        intent="plan-update"
        conflictLabels={labels}
        describeValue={(name, value) => (name === "status" ? t(`plan.status.${value}`) : name === "type" ? t(`plan.type.${value}`) : value)}
      >
        <div className="grid-2">
          {/* Closing has its own form, with a reason and a confirmation. */}
          <SelectField
            form={form}
            name="status"
            label={labels.status}
            options={PLAN_STATUSES.filter((s) => s !== "CLOSED").map((s) => ({ value: s, label: t(`plan.status.${s}`) }))}
          />
          <SelectField form={form} name="type" label={labels.type} options={[...TEMPLATE_PLAN_TYPES, ...(plan.type === "OTHER" ? ["OTHER" as const] : [])].map((s) => ({ value: s, label: t(`plan.type.${s}`) }))} />
          <TextField form={form} name="startDate" type="date" label={labels.startDate} optional />
          <TextField form={form} name="endDate" type="date" label={labels.endDate} optional />
          <TextField form={form} name="nextReviewAt" type="date" label={labels.nextReviewAt} optional />
        </div>
        <Submit form={form}>{t("common.save")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}

/** A closed plan says so first: when, why, and that it is read-only (the workspace and "Min plan"). */
export function ClosedNotice({ plan }: { plan: { endDate: string | null; closedAt: string | null; closedReason: string | null } }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <p className="alert alert-info" role="note">
      {t("plan.closedNotice", { date: formatDate(plan.endDate ?? plan.closedAt, lang) })}
      {plan.closedReason ? (
        <>
          <br />
          {t("plan.closedReason", { reason: plan.closedReason })}
        </>
      ) : null}
    </p>
  );
}

/** "Avslutt planen": why, from when, and a tick that it becomes read-only for everyone. */
function ClosePlanForm({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const form = usePlanForm("plan-close", { version: plan.version });
  return (
    <FormDisclosure form={form} summary={t("plan.close.heading")}>
      <PlanFormElement form={form} intent="plan-close">
        <p>{t("plan.close.intro")}</p>
        <TextArea form={form} name="reason" label={t("plan.close.reason")} hint={t("plan.close.reasonHint")} rows={3} required />
        <TextField form={form} name="endedOn" type="date" label={t("plan.close.endedOn")} defaultValue={todayInOslo()} required />
        <CheckboxField form={form} name="confirm" label={t("plan.close.confirm")} />
        <Submit form={form} variant="danger">
          {t("plan.close.submit")}
        </Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}

/** "Åpne planen igjen", with the reason recorded in the plan's history. */
function ReopenPlanForm({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const form = usePlanForm("plan-reopen", { version: plan.version });
  return (
    <FormDisclosure form={form} summary={t("plan.reopen.heading")}>
      <PlanFormElement form={form} intent="plan-reopen">
        <TextArea form={form} name="reason" label={t("plan.reopen.reason")} rows={3} required />
        <Submit form={form}>{t("plan.reopen.submit")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}
