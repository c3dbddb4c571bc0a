import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDate, formatDateTime } from "../../domain/oslo-time.ts";
import type { CaseDetailView, CaseInternalView } from "../../lib/case-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { DeadlineFlag } from "./case-bits.tsx";

/** When the interim reply and the decision are due, flagged in words when late or close. */
export function DeadlinesSection({ item, internal }: { item: CaseDetailView; internal: CaseInternalView }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section aria-labelledby="deadlines-heading" className="card">
      <h2 id="deadlines-heading">{t("caseDetail.deadlines")}</h2>
      <dl className="facts">
        <div className="facts-row">
          <dt>{t("caseUi.interimDue")}</dt>
          <dd>
            {formatDate(internal.interimReplyDue, lang)}
            {item.interimReplySentAt ? <span className="cell-detail">{t("caseDetail.interimSentAt", { date: formatDateTime(item.interimReplySentAt, lang) })}</span> : null}
            {internal.interimOverdue ? <DeadlineFlag flag="interimOverdue" /> : null}
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t("caseUi.decisionDue")}</dt>
          <dd>
            {formatDate(item.decisionDue, lang)}
            {internal.decisionOverdue ? <DeadlineFlag flag="decisionOverdue" /> : null}
            {internal.dueWithin7Days ? <DeadlineFlag flag="dueWithin7Days" /> : null}
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t("caseUi.formalDecision")}</dt>
          <dd>{internal.formalDecision ? t("caseUi.yes") : t("caseUi.no")}</dd>
        </div>
      </dl>
    </section>
  );
}
