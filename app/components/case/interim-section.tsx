import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDateTime } from "../../domain/oslo-time.ts";
import { usePageForm } from "../../hooks/use-page-form.ts";
import type { CaseDetailView, CaseInternalView } from "../../lib/case-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { TextArea } from "../form.tsx";
import { DeadlineFlag, Letter } from "./case-bits.tsx";
import { CaseFormElement } from "./case-form.tsx";
import { SubmitButton } from "../submit-button.tsx";
import { Receipt } from "../receipt.tsx";

/** The interim reply (foreløpig svar): the letter once sent, else sending it from the template while the case is open. */
export function InterimSection({ item, internal, open, saved }: { item: CaseDetailView; internal: CaseInternalView; open: boolean; saved: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = usePageForm("interim");
  return (
    <section id="forelopig-svar" aria-labelledby="interim-heading" className="card section">
      <h2 id="interim-heading">{t("caseDetail.interimHeading")}</h2>
      <Receipt show={saved}>{t("caseDetail.saved.interim")}</Receipt>
      {item.interimReplyText ? (
        <>
          {item.interimReplySentAt ? <p className="meta">{t("caseDetail.interimSentAt", { date: formatDateTime(item.interimReplySentAt, lang) })}</p> : null}
          <h3>{t("caseDetail.interimLetter")}</h3>
          <Letter text={item.interimReplyText} />
        </>
      ) : open ? (
        <>
          <p>
            {t("caseDetail.interimNotSent")}
            {internal.interimOverdue ? (
              <>
                {" "}
                <DeadlineFlag flag="interimOverdue" />
              </>
            ) : null}
          </p>
          <p className="hint">{t("caseDetail.interimExplain")}</p>
          <CaseFormElement key={internal.version} form={form} intent="interim" version={internal.version}>
            <TextArea form={form} name="reason" label={t("caseDetail.interimReason")} hint={t("caseDetail.interimReasonHint")} optional rows={3} />
            <SubmitButton form={form}>{t("caseDetail.interimSubmit")}</SubmitButton>
          </CaseFormElement>
        </>
      ) : (
        <p className="empty">{t("caseDetail.interimNotSentDecided")}</p>
      )}
    </section>
  );
}
