import { useTranslation } from "../../i18n/use-translation.ts";
import { usePageForm } from "../../hooks/use-page-form.ts";
import type { CaseInternalView } from "../../lib/case-types.ts";
import { SelectField } from "../form.tsx";
import { CaseFormElement } from "./case-form.tsx";
import { SubmitButton } from "../submit-button.tsx";
import { Receipt } from "../receipt.tsx";

export interface CaseOfficer {
  id: string;
  name: string;
}

/** Who handles the case, and (while it is open) handing it to a case officer. */
export function AssignSection({ internal, officers, me, open, saved }: { internal: CaseInternalView; officers: CaseOfficer[]; me: string; open: boolean; saved: boolean }) {
  const { t } = useTranslation();
  const form = usePageForm("assign");
  return (
    <section id="saksbehandler" aria-labelledby="assign-heading" className="card section">
      <h2 id="assign-heading">{t("caseDetail.assignHeading")}</h2>
      <Receipt show={saved}>{t("caseDetail.saved.assign")}</Receipt>
      <p className={internal.assignedTo ? "person-name-small" : "warning-text"}>{internal.assignedTo?.name || t("caseUi.notAssigned")}</p>
      {open && officers.length ? (
        <CaseFormElement key={internal.version} form={form} intent="assign" version={internal.version} className="stack">
          <SelectField
            form={form}
            name="officerId"
            label={t("caseDetail.assignLabel")}
            required
            defaultValue={internal.assignedTo?.id ?? me}
            options={officers.map((o) => ({ value: o.id, label: o.id === me ? t("caseDetail.me", { name: o.name }) : o.name }))}
          />
          <SubmitButton form={form} variant="secondary">
            {t("caseDetail.assignSubmit")}
          </SubmitButton>
        </CaseFormElement>
      ) : null}
    </section>
  );
}
