import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { FormDisclosure, PlanFormElement, TextArea } from "../form.tsx";
import { PlanSection } from "./in-place.tsx";

/**
 * "Melding om behov": staff and coordinators tell the coordinating unit that the plan's owner
 * needs more or other help. The receipt names the case reference (with JavaScript from the
 * answer, without it from the address the page was sent back to).
 */
export function NeedNoticeSection({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const form = usePlanForm("need-notice");
  const [params] = useSearchParams();
  const fromAddress = params.get("melding");
  const receipt = form.saved && form.result?.message ? form.result.message : fromAddress ? t("needNotice.sent", { reference: fromAddress }) : "";
  return (
    <PlanSection id="behov" headingId="need-heading" open={false} title={t("needNotice.title")}>
      <p>{t("needNotice.intro", { name: plan.owner.name })}</p>
      <div role="status">{receipt ? <p className="alert alert-success">{receipt}</p> : null}</div>
      <FormDisclosure form={form} summary={t("needNotice.show")}>
        <PlanFormElement form={form} intent="need-notice" anchor="behov">
          <TextArea form={form} name="description" label={t("needNotice.description")} hint={t("needNotice.hint", { name: plan.owner.name })} required rows={4} />
          <div className="form-actions">
            <button type="submit" className="button-primary" aria-disabled={form.busy || undefined}>
              {t("needNotice.submit")}
            </button>
            <p role="status" className="saved-note">
              {form.busy ? t("common.saving") : ""}
            </p>
          </div>
        </PlanFormElement>
      </FormDisclosure>
    </PlanSection>
  );
}
