import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDate, todayInOslo } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { ParticipantView, PlanView } from "../../lib/plan-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { FormDisclosure, PlanFormElement, Submit, TextField } from "../form.tsx";

/** The consent that counts now, or the latest one, in words. */
export function ConsentStatus({ participant }: { participant: ParticipantView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const latest = participant.consents[0];
  if (participant.hasValidConsent && latest) {
    return (
      <span className="consent consent-valid">
        {latest.validTo
          ? t("consent.validUntil", { from: formatDate(latest.validFrom, lang), to: formatDate(latest.validTo, lang) })
          : t("consent.validFrom", { from: formatDate(latest.validFrom, lang) })}
      </span>
    );
  }
  if (latest?.withdrawnAt) return <span className="consent consent-none">{t("consent.withdrawnAt", { date: formatDate(latest.withdrawnAt, lang) })}</span>;
  if (latest?.validTo) return <span className="consent consent-none">{t("consent.expired", { date: formatDate(latest.validTo, lang) })}</span>;
  return <span className="consent consent-none">{t("consent.none")}</span>;
}

/** Give or withdraw consent for one participant: the user's (or representative's) decision. */
export function ParticipantConsentControls({ participant }: { participant: ParticipantView }) {
  const { t } = useTranslation();
  const grant = usePlanForm(`consent-grant-${participant.id}`);
  const withdraw = usePlanForm(`consent-withdraw-${participant.id}`);
  const anchor = `participant-${participant.id}`;
  return (
    <div className="consent-controls">
      {participant.hasValidConsent ? (
        <PlanFormElement form={withdraw} intent="consent-withdraw" anchor={anchor} hidden={{ participantId: participant.id }} className="inline-form">
          <Submit form={withdraw} variant="danger">
            {t("consent.withdraw", { name: participant.name })}
          </Submit>
        </PlanFormElement>
      ) : null}
      <FormDisclosure form={grant} summary={participant.hasValidConsent ? t("consent.renew") : t("consent.grant")}>
        <PlanFormElement form={grant} intent="consent-grant" anchor={anchor} hidden={{ participantId: participant.id }}>
          <p className="hint">{t("consent.grantHint", { name: participant.name })}</p>
          <div className="grid-2">
            <TextField form={grant} name="validFrom" type="date" label={t("consent.from")} defaultValue={todayInOslo()} />
            <TextField form={grant} name="validTo" type="date" label={t("consent.to")} hint={t("consent.toHint")} optional />
          </div>
          <TextField form={grant} name="note" label={t("consent.note")} optional />
          <Submit form={grant}>{t("consent.grantSubmit")}</Submit>
        </PlanFormElement>
      </FormDisclosure>
    </div>
  );
}

/** The user's own consent to the plan: without it, no one but the user's side and the coordinator sees it. */
export function PlanConsent({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const grant = usePlanForm("consent-plan-grant");
  const withdraw = usePlanForm("consent-plan-withdraw");
  const given = plan.consentGivenAt;
  return (
    <div className="plan-consent" id="samtykke-plan">
      <h3>{t("consent.planTitle")}</h3>
      <p>{given ? t("consent.planGiven", { date: formatDate(given, lang) }) : t("consent.planNotGiven")}</p>
      <p className="hint">{t("consent.planHint")}</p>
      {plan.access.canDecideConsent ? (
        given ? (
          <FormDisclosure form={withdraw} summary={t("consent.planWithdraw")}>
            <PlanFormElement form={withdraw} intent="consent-withdraw" anchor="samtykke-plan">
              <p className="alert alert-warning">{t("consent.planWithdrawWarning")}</p>
              <div className="checkbox">
                <input id="consent-plan-confirm" type="checkbox" name="confirm" value="yes" required />
                <label htmlFor="consent-plan-confirm">{t("consent.planWithdrawConfirm")}</label>
              </div>
              <Submit form={withdraw} variant="danger">
                {t("consent.planWithdraw")}
              </Submit>
            </PlanFormElement>
          </FormDisclosure>
        ) : (
          <PlanFormElement form={grant} intent="consent-grant" anchor="samtykke-plan" className="inline-form">
            <Submit form={grant}>{t("consent.planGrant")}</Submit>
          </PlanFormElement>
        )
      ) : null}
    </div>
  );
}
