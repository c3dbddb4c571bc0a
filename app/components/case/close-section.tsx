import { useTranslation } from "../../i18n/use-translation.ts";
import { usePageForm } from "../../hooks/use-page-form.ts";
import type { CaseInternalView } from "../../lib/case-types.ts";
import { CheckboxField } from "../form.tsx";
import { CaseFormElement } from "./case-form.tsx";
import { SubmitButton } from "../submit-button.tsx";
import { Receipt } from "../receipt.tsx";

/** Closing the case: after its decision, or (confirmed) an undecided one that is withdrawn. */
export function CloseSection({ internal, open, saved }: { internal: CaseInternalView; open: boolean; saved: boolean }) {
  const { t } = useTranslation();
  const form = usePageForm("close");
  if (internal.status === "CLOSED") {
    return (
      <section id="avslutt" aria-labelledby="close-heading" className="card section">
        <h2 id="close-heading">{t("caseDetail.closeHeading")}</h2>
        <Receipt show={saved}>{t("caseDetail.saved.close")}</Receipt>
        {saved ? null : <p>{t("caseDetail.closed")}</p>}
      </section>
    );
  }
  return (
    <section id="avslutt" aria-labelledby="close-heading" className="card section">
      <h2 id="close-heading">{t("caseDetail.closeHeading")}</h2>
      <p className="hint">{open ? t("caseDetail.closeHintOpen") : t("caseDetail.closeHintDecided")}</p>
      <CaseFormElement key={internal.version} form={form} intent="close" version={internal.version} hidden={open ? { undecided: "yes" } : {}}>
        {open ? <CheckboxField form={form} name="confirm" label={t("caseDetail.closeConfirm")} /> : null}
        <SubmitButton form={form} variant={open ? "danger" : "secondary"}>
          {t("caseDetail.closeSubmit")}
        </SubmitButton>
      </CaseFormElement>
    </section>
  );
}
