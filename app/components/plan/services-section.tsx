import { useTranslation } from "../../i18n/use-translation.ts";
import { DeleteItem } from "./item-actions.tsx";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { FormDisclosure, PlanFormElement, Submit, TextField } from "../form.tsx";
import { Period } from "./shared.tsx";
import { PlanSection } from "./in-place.tsx";


/** The services the user receives, with provider and period. */
export function ServicesSection({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const canEdit = plan.access.canEditPlan;
  return (
    <PlanSection id="tjenester" headingId="services-heading" open={false} title={t("services.title")}>
      {plan.services.length ? (
        <table className="responsive-table">
          <caption className="visually-hidden">{t("services.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("services.name")}</th>
              <th scope="col">{t("services.provider")}</th>
              <th scope="col">{t("services.period")}</th>
              {canEdit ? (
                <th scope="col">
                  <span className="visually-hidden">{t("services.actions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {plan.services.map((s) => (
              <tr key={s.id}>
                <th scope="row" data-label={t("services.name")}>
                  {s.name}
                </th>
                <td data-label={t("services.provider")}>{s.provider}</td>
                <td data-label={t("services.period")}>
                  <Period from={s.fromDate} to={s.toDate} />
                </td>
                {canEdit ? (
                  <td>
                    <DeleteItem kind="service" id={s.id} label={s.name} anchor="tjenester" />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{t("services.none")}</p>
      )}
      {canEdit ? <AddService /> : null}
    </PlanSection>
  );
}

function AddService() {
  const { t } = useTranslation();
  const form = usePlanForm("service-add");
  return (
    <FormDisclosure form={form} summary={t("services.add")}>
      <PlanFormElement form={form} intent="service-add" anchor="tjenester">
        <TextField form={form} name="name" label={t("services.name")} hint={t("services.nameHint")} required />
        <TextField form={form} name="provider" label={t("services.provider")} hint={t("services.providerHint")} required />
        <div className="grid-2">
          <TextField form={form} name="fromDate" type="date" label={t("services.from")} optional />
          <TextField form={form} name="toDate" type="date" label={t("services.to")} optional />
        </div>
        <Submit form={form}>{t("services.addSubmit")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}
