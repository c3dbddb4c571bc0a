import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDateTime } from "../../domain/oslo-time.ts";
import { usePageForm } from "../../hooks/use-page-form.ts";
import type { CaseInternalView } from "../../lib/case-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { Disclosure, TextArea } from "../form.tsx";
import { CaseFormElement } from "./case-form.tsx";
import { SubmitButton } from "../submit-button.tsx";
import { Receipt } from "../receipt.tsx";

/** The coordinating unit's own notes on the case, oldest first, and a new one. */
export function NotesSection({ internal, saved }: { internal: CaseInternalView; saved: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = usePageForm("note");
  return (
    <section id="notater" aria-labelledby="notes-heading" className="card section">
      <h2 id="notes-heading">{t("caseDetail.notesHeading")}</h2>
      <p className="hint">{t("caseDetail.notesHint")}</p>
      <Receipt show={saved}>{t("caseDetail.saved.note")}</Receipt>
      {internal.notes.length ? (
        <ol className="log-list">
          {internal.notes.map((n) => (
            <li key={n.id}>
              <p className="meta">{t("caseDetail.noteMeta", { date: formatDateTime(n.createdAt, lang), name: n.authorName || t("common.unknownPerson") })}</p>
              <p className="prose">{n.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t("caseDetail.notesNone")}</p>
      )}
      <Disclosure summary={t("caseDetail.noteAdd")} open={Boolean(form.result)}>
        <CaseFormElement key={internal.notes.length} form={form} intent="note">
          <TextArea form={form} name="body" label={t("caseDetail.noteBody")} required rows={4} />
          <SubmitButton form={form}>{t("caseDetail.noteSubmit")}</SubmitButton>
        </CaseFormElement>
      </Disclosure>
    </section>
  );
}
