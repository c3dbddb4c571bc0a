import { useTranslation } from "react-i18next";
import { PlanFact } from "./case-bits.tsx";
import { CASE_OUTCOMES, COORDINATOR_OPTIONAL_CASE_TYPES, COORDINATOR_REQUIRED_CASE_TYPES, isOneOf } from "../../domain/lists.ts";
import { formatDateTime } from "../../domain/oslo-time.ts";
import { useCaseForm } from "../../hooks/use-case-form.ts";
import type { CaseDetailView, CaseInternalView } from "../../lib/case-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { RadioGroup, SelectField, TextArea } from "../form.tsx";
import type { CoordinatorCandidate } from "../plan/coordinator-section.tsx";
import { Prose } from "../plan/shared.tsx";
import { CaseFormElement, CaseSubmit, Receipt } from "./case-form.tsx";

/**
 * The decision: as it was made, or (while the case is open) making it, with the complaint text
 * a formal decision needs and the coordinator a granted request appoints.
 */
export function DecisionSection({
  item,
  internal,
  open,
  candidates,
  complaintDefault,
  saved,
}: {
  item: CaseDetailView;
  internal: CaseInternalView;
  open: boolean;
  candidates: CoordinatorCandidate[];
  complaintDefault: string;
  saved: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = useCaseForm("decide");
  const coordinatorRequired = isOneOf(COORDINATOR_REQUIRED_CASE_TYPES, item.type);
  const coordinatorOptional = isOneOf(COORDINATOR_OPTIONAL_CASE_TYPES, item.type);
  const needsAccount = (coordinatorRequired || coordinatorOptional) && !internal.subjectUserId;
  return (
    <section id="avgjorelse" aria-labelledby="decision-heading" className="card section">
      <h2 id="decision-heading">{t("caseDetail.decideHeading")}</h2>
      <Receipt show={saved}>{t("caseDetail.saved.decide")}</Receipt>
      {item.outcome ? (
        <>
          {item.decidedAt ? <p className="meta">{t("caseDetail.decidedAt", { date: formatDateTime(item.decidedAt, lang) })}</p> : null}
          <dl className="facts">
            <div className="facts-row">
              <dt>{t("caseDetail.outcomeLegend")}</dt>
              <dd>
                <strong>{t(`caseUi.outcome.${item.outcome}`)}</strong>
              </dd>
            </div>
            <div className="facts-row">
              <dt>{t("caseDetail.grounds")}</dt>
              <dd>
                <Prose text={item.decisionGrounds} />
              </dd>
            </div>
            {item.complaintInfo ? (
              <div className="facts-row">
                <dt>{t("caseDetail.complaintInfo")}</dt>
                <dd>
                  <Prose text={item.complaintInfo} />
                </dd>
              </div>
            ) : null}
            <PlanFact planId={internal.planId} />
          </dl>
        </>
      ) : open ? (
        <CaseFormElement key={internal.version} form={form} intent="decide" version={internal.version}>
          {needsAccount ? <p className="alert alert-warning">{t("caseDetail.subjectWithoutAccount")}</p> : null}
          <RadioGroup
            form={form}
            name="outcome"
            legend={t("caseDetail.outcomeLegend")}
            required
            options={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`caseUi.outcome.${o}`) }))}
          />
          {item.type === "IP_APPLICATION" ? <p className="hint">{t("caseDetail.planWillBeCreated")}</p> : null}
          <TextArea form={form} name="grounds" label={t("caseDetail.grounds")} hint={t("caseDetail.groundsHint")} required rows={6} />
          <TextArea
            form={form}
            name="complaintInfo"
            label={t("caseDetail.complaintInfo")}
            hint={internal.formalDecision ? t("caseDetail.complaintHintFormal") : t("caseDetail.complaintHintInformal")}
            optional={!internal.formalDecision}
            defaultValue={internal.formalDecision ? complaintDefault : undefined}
            rows={4}
          />
          {(coordinatorRequired || coordinatorOptional) && candidates.length ? (
            <>
              <SelectField
                form={form}
                name="coordinatorId"
                label={t("caseDetail.coordinator")}
                hint={coordinatorRequired ? t("caseDetail.coordinatorHintRequired") : t("caseDetail.coordinatorHintOptional")}
                optional={coordinatorOptional}
                empty={t("caseDetail.noCoordinator")}
                options={candidates.map((c) => ({ value: c.id, label: [c.name, c.title, c.unit?.name].filter(Boolean).join(", ") }))}
              />
              <TextArea form={form} name="handoverNote" label={t("caseDetail.handoverNote")} hint={t("caseDetail.handoverHint")} optional rows={3} />
            </>
          ) : null}
          <CaseSubmit form={form}>{t("caseDetail.decideSubmit")}</CaseSubmit>
        </CaseFormElement>
      ) : (
        <p className="empty">{t("caseUi.status.CLOSED")}</p>
      )}
    </section>
  );
}
