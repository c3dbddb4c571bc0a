import { useTranslation } from "../../i18n/use-translation.ts";
import { ANSWERS } from "../../domain/lists.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import { MeetingForm } from "./meeting-form.tsx";

/** "Kommer du?": the invited person's answer, one button per answer. */
export function RespondForm({ meetingId, current, anchor, headingLevel = 2 }: { meetingId: string; current: string; anchor?: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const form = usePlanForm(`meeting-${meetingId}-respond`);
  const Heading = `h${headingLevel}` as "h2";
  const headingId = `respond-${meetingId}-heading`;
  return (
    <div className="respond" id={anchor}>
      <Heading id={headingId}>{t("meetings.respond.title")}</Heading>
      <p role="status">{current === "PENDING" ? t("meetings.respond.notYet") : t("meetings.respond.current", { answer: t(`meetings.response.${current}`) })}</p>
      <MeetingForm form={form} meetingId={meetingId} intent="respond" anchor={anchor} className="button-row respond-buttons" aria-labelledby={headingId}>
        {ANSWERS.map((r) => (
          <button
            key={r}
            type="submit"
            name="response"
            value={r}
            className={current === r ? "button-primary" : "button-secondary"}
            aria-pressed={current === r}
            aria-disabled={form.busy || undefined}
          >
            {t(`meetings.respond.${r}`)}
          </button>
        ))}
      </MeetingForm>
    </div>
  );
}
