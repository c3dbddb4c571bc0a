import { useTranslation } from "../../i18n/use-translation.ts";
import { PlanFact } from "./case-bits.tsx";
import { formatDateTime } from "../../domain/oslo-time.ts";
import type { CaseDetailView, CaseInternalView } from "../../lib/case-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { Prose } from "../plan/shared.tsx";

/** What the case is: reference, type, whom it is about, its plan, how and when it came in, what was written. */
export function FactsSection({ item, internal }: { item: CaseDetailView; internal: CaseInternalView }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section aria-labelledby="facts-heading" className="card">
      <h2 id="facts-heading">{t("caseDetail.facts")}</h2>
      <dl className="facts">
        <div className="facts-row">
          <dt>{t("caseUi.reference")}</dt>
          <dd>{item.reference}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("caseUi.type")}</dt>
          <dd>{t(`case.type.${item.type}`)}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("caseUi.subject")}</dt>
          <dd>{item.subjectName}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("casePerson.identityRow")}</dt>
          {/* Masked on the server: only the first six digits ever reach the page. */}
          <dd>{internal.subjectIdentity ?? <span className="empty-inline">{t("casePerson.identityMissing")}</span>}</dd>
        </div>
        <PlanFact planId={internal.planId} />
        <div className="facts-row">
          <dt>{t("caseUi.channelLabel")}</dt>
          <dd>{t(`caseUi.channel.${internal.channel}`)}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("caseUi.received")}</dt>
          <dd>{formatDateTime(item.receivedAt, lang)}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("caseUi.description")}</dt>
          <dd>
            <Prose text={item.description} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
