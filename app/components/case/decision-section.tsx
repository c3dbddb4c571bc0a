import { useTranslation } from "../../i18n/use-translation.ts";
import { PlanFact } from "./case-bits.tsx";
import { CASE_OUTCOMES, COORDINATOR_OPTIONAL_CASE_TYPES, COORDINATOR_REQUIRED_CASE_TYPES, isOneOf, TEMPLATE_PLAN_TYPES } from "../../domain/lists.ts";
import { formatDateTime } from "../../domain/oslo-time.ts";
import { usePageForm } from "../../hooks/use-page-form.ts";
import type { CaseDetailView, CaseInternalView } from "../../lib/case-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { RadioGroup, SelectField, TextArea, TextField } from "../form.tsx";
import type { CoordinatorCandidate } from "../plan/coordinator-section.tsx";
import { Prose } from "../plan/shared.tsx";
import { CaseFormElement } from "./case-form.tsx";
import { SubmitButton } from "../submit-button.tsx";
import { Receipt } from "../receipt.tsx";
import type { PageForm } from "../../hooks/use-page-form.ts";

/** The legal basis a parent has for acting for their child; the case officer may write another. */
const PARENTAL_LEGAL_BASIS = "Foreldreansvar (barneloven § 30)";

/** A child under 16: the parents or guardians who will represent them in the plan (the first required). */
function GuardianFields({ form }: { form: PageForm }) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset">
      <legend>{t("casePerson.guardiansHeading")}</legend>
      <p className="hint">{t("casePerson.guardiansIntro")}</p>
      {[1, 2].map((n) => (
        <fieldset key={n} className="fieldset">
          <legend>{n === 1 ? t("casePerson.guardian", { number: n }) : t("casePerson.guardianOptional", { number: n })}</legend>
          <TextField form={form} name={`guardian${n}Name`} label={t("casePerson.guardianName")} required={n === 1} optional={n !== 1} autoComplete="off" />
          <TextField form={form} name={`guardian${n}Identity`} label={t("casePerson.guardianIdentity")} hint={t("casePerson.identityHint")} required={n === 1} optional={n !== 1} />
          <TextField
            form={form}
            name={`guardian${n}LegalBasis`}
            label={t("casePerson.legalBasis")}
            hint={t("casePerson.legalBasisHint")}
            defaultValue={PARENTAL_LEGAL_BASIS}
            required={n === 1}
            optional={n !== 1}
          />
        </fieldset>
      ))}
    </fieldset>
  );
}

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
  savedLinked = false,
}: {
  item: CaseDetailView;
  internal: CaseInternalView;
  open: boolean;
  candidates: CoordinatorCandidate[];
  complaintDefault: string;
  saved: boolean;
  /** Saved, and the grant linked the case to the person's open plan. */
  savedLinked?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = usePageForm("decide");
  const coordinatorRequired = isOneOf(COORDINATOR_REQUIRED_CASE_TYPES, item.type);
  const coordinatorOptional = isOneOf(COORDINATOR_OPTIONAL_CASE_TYPES, item.type);
  const needsAccount = (coordinatorRequired || coordinatorOptional) && !internal.subjectUserId && !internal.personRecords.personId;
  const isIp = item.type === "IP_APPLICATION";
  // Granting an IP: to the person's open plan, or a new plan (and person) from the case.
  const willLink = isIp && internal.openPlanId !== null;
  const needsIdentity = isIp && !internal.subjectUserId && !internal.subjectIdentity;
  const needsGuardians = isIp && !willLink && internal.subjectIsChild;
  return (
    <section id="avgjorelse" aria-labelledby="decision-heading" className="card section">
      <h2 id="decision-heading">{t("caseDetail.decideHeading")}</h2>
      <Receipt show={saved || savedLinked}>{savedLinked ? t("casePerson.decidedLinked") : t("caseDetail.saved.decide")}</Receipt>
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
          {willLink ? <p className="alert alert-info">{t("casePerson.willLink")}</p> : null}
          {isIp && !willLink ? <p className="hint">{internal.personRecords.personId ? t("caseDetail.planWillBeCreated") : t("casePerson.willCreatePerson")}</p> : null}
          {isIp && !willLink && !internal.personRecords.personId ? <p className="hint">{t("casePerson.checkIdentity")}</p> : null}
          {needsIdentity ? (
            <TextField form={form} name="subjectIdentityNumber" label={t("casePerson.identityForGrant")} hint={t("casePerson.identityForGrantHint")} />
          ) : null}
          {isIp && !willLink ? (
            <SelectField form={form} name="planType" label={t("workspace.field.type")} hint={t("planTemplate.grantTypeHint")} defaultValue="IP" options={TEMPLATE_PLAN_TYPES.map((type) => ({ value: type, label: t(`plan.type.${type}`) }))} />
          ) : null}
          {needsGuardians ? <GuardianFields form={form} /> : null}
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
          <SubmitButton form={form}>{t("caseDetail.decideSubmit")}</SubmitButton>
        </CaseFormElement>
      ) : (
        <p className="empty">{t("caseUi.status.CLOSED")}</p>
      )}
    </section>
  );
}
