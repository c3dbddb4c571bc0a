import { useTranslation } from "react-i18next";
import { todayInOslo } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { FormDisclosure, PlanFormElement, Submit, TextArea, TextField } from "../form.tsx";
import { DateText } from "./shared.tsx";

/** The plan's log (dagbok): short notes of what happened, newest first. */
export function LogSection({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  return (
    <section id="logg" aria-labelledby="log-heading" className="card section">
      <h2 id="log-heading">{t("log.title")}</h2>
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
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t("log.none")}</p>
      )}
    </section>
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
