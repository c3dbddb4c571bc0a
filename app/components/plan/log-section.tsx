import { useTranslation } from "../../i18n/use-translation.ts";
import { todayInOslo } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { FormDisclosure, PlanFormElement, Submit, TextArea, TextField } from "../form.tsx";
import { DeleteItem } from "./item-actions.tsx";
import { DateText } from "./shared.tsx";
import { PlanSection } from "./in-place.tsx";

/** The plan's log (dagbok): short notes of what happened, newest first. */
export function LogSection({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  return (
    <PlanSection id="logg" headingId="log-heading" open={false} title={t("log.title")}>
      {plan.access.canComment ? <LogForm /> : null}
      {plan.logEntries.length ? (
        <ol className="log-list">
          {plan.logEntries.map((e) => (
            <li key={e.id}>
              <p className="meta">
                <strong>
                  <DateText value={e.date} />
                </strong>{" "}
                – {plan.authors[e.authorId] ?? t("common.unknownPerson")}
              </p>
              <p className="prose">{e.body}</p>
              {/* The author takes back their own entry; the coordinator keeps the log in order. */}
              {plan.access.canEditPlan || (plan.access.canComment && e.authorId === plan.viewer.id) ? (
                <DeleteItem kind="log" id={e.id} label={e.body.slice(0, 40)} anchor="logg" />
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t("log.none")}</p>
      )}
    </PlanSection>
  );
}

function LogForm() {
  const { t } = useTranslation();
  const form = usePlanForm("log-create");
  return (
    <FormDisclosure form={form} summary={t("log.add")}>
      <PlanFormElement form={form} intent="log-create" anchor="logg">
        <TextField form={form} name="date" type="date" label={t("log.date")} required defaultValue={todayInOslo()} />
        <TextArea form={form} name="body" label={t("log.body")} required rows={4} />
        <Submit form={form}>{t("log.submit")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}
