import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDate, formatDateTime } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { FormDisclosure, PlanFormElement, SelectField, Submit, TextArea } from "../form.tsx";
import { PlanSection } from "./in-place.tsx";

export interface CoordinatorCandidate {
  id: string;
  name: string;
  title: string | null;
  unit: { name: string } | null;
}

/** The coordinator now, the full history, and who may appoint or ask for another. */
export function CoordinatorSection({ plan, candidates }: { plan: PlanView; candidates: CoordinatorCandidate[] | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const current = plan.coordinator;
  const history = plan.coordinators.filter((c) => c.endedAt);
  const openRequests = plan.coordinatorRequests.filter((r) => !r.resolvedAt);
  return (
    <PlanSection id="koordinator" headingId="coordinator-heading" open={false} title={t("coordinator.sectionTitle")}>
      {current ? (
        <div className="person">
          <p className="person-name">{current.coordinator.name}</p>
          <p className="person-role">
            {[current.coordinator.title, current.coordinator.unit?.name].filter(Boolean).join(", ")}
          </p>
          <ul className="contact">
            {current.coordinator.phone ? (
              <li>
                {t("myPlan.phone")}: <a href={`tel:${current.coordinator.phone.replace(/\s/g, "")}`}>{current.coordinator.phone}</a>
              </li>
            ) : null}
            <li>
              {t("myPlan.email")}: <a href={`mailto:${current.coordinator.email}`}>{current.coordinator.email}</a>
            </li>
          </ul>
          <p className="hint">{t("coordinator.since", { date: formatDate(current.startedAt, lang) })}</p>
          {current.handoverNote && plan.access.canEditPlan ? (
            <div className="handover">
              <h3>{t("coordinator.handoverNote")}</h3>
              <p className="prose">{current.handoverNote}</p>
            </div>
          ) : null}
        </div>
      ) : (
        <p className="warning-text">{t("coordinator.none")}</p>
      )}

      {openRequests.length ? (
        <div className="alert alert-info">
          <p className="alert-title">{t("coordinator.openRequests")}</p>
          <ul>
            {openRequests.map((r) => (
              <li key={r.id}>
                {formatDateTime(r.createdAt, lang)}: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {history.length ? (
        <>
          <h3>{t("coordinator.history")}</h3>
          <ol className="history-list">
            {history.map((c) => (
              <li key={c.id}>
                <span className="person-name-small">{c.coordinator.name}</span>: {formatDate(c.startedAt, lang)} – {formatDate(c.endedAt, lang)}
                {c.handoverNote && plan.access.canEditPlan ? <p className="hint prose">{c.handoverNote}</p> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      {candidates ? <AssignForm plan={plan} candidates={candidates} /> : null}
      {plan.access.canDecideConsent ? <RequestChangeForm /> : null}
    </PlanSection>
  );
}

function AssignForm({ plan, candidates }: { plan: PlanView; candidates: CoordinatorCandidate[] }) {
  const { t } = useTranslation();
  const form = usePlanForm("coordinator-assign");
  const currentId = plan.coordinator?.coordinator.id;
  const options = candidates
    .filter((c) => c.id !== currentId && c.id !== plan.owner.id)
    .map((c) => ({ value: c.id, label: [c.name, c.title, c.unit?.name].filter(Boolean).join(", ") }));
  return (
    <FormDisclosure form={form} summary={plan.coordinator ? t("coordinator.change") : t("coordinator.assign")}>
      <PlanFormElement form={form} intent="coordinator-assign" anchor="koordinator">
        <SelectField form={form} name="coordinatorId" label={t("coordinator.candidate")} required options={options} empty={t("form.choose")} />
        {plan.coordinator ? (
          <TextArea form={form} name="handoverNote" label={t("coordinator.handoverNote")} hint={t("coordinator.handoverHint")} required rows={4} />
        ) : null}
        <Submit form={form}>{plan.coordinator ? t("coordinator.changeSubmit") : t("coordinator.assignSubmit")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}

export function RequestChangeForm({ plain = false }: { plain?: boolean }) {
  const { t } = useTranslation();
  const form = usePlanForm("coordinator-request");
  return (
    <FormDisclosure form={form} summary={t("coordinator.request")}>
      <PlanFormElement form={form} intent="coordinator-request" anchor="koordinator">
        <p className="hint">{plain ? t("coordinator.requestHintPlain") : t("coordinator.requestHint")}</p>
        <TextArea form={form} name="reason" label={t("coordinator.reason")} required rows={3} />
        <Submit form={form}>{t("coordinator.requestSubmit")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}
