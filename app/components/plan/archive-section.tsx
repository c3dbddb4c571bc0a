import type { SerializeFrom } from "@remix-run/node";
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { Caller } from "../../../server/router.ts";
import { formatDateTime, formatNumericDate } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import { useLang } from "../../lib/use-lang.ts";
import { PlanFormElement, Submit } from "../form.tsx";
import { PlanSection } from "./in-place.tsx";

// Archive copies of the plan (docs/decisions/027): when it was last archived, for everyone who
// sees the plan; the copies, their delivery and "Arkiver nå" for the coordinator and the
// coordinating unit. The plan page's loader gives `archives` (plan.archives, part of plan.page).

export type PlanArchives = SerializeFrom<Awaited<ReturnType<Caller["plan"]["archives"]>>>;

export function ArchiveSection({ planId }: { planId: string }) {
  const data = useRouteLoaderData<{ archives?: PlanArchives | null }>("routes/planer.$planId");
  const archives = data?.archives;
  const { t } = useTranslation();
  const lang = useLang();
  const form = usePlanForm("plan-archive");
  if (!archives) return null;
  const last = archives.lastArchivedAt ? t("archive.lastArchived", { date: formatNumericDate(archives.lastArchivedAt, lang) }) : t("archive.never");
  return (
    <PlanSection id="arkiv" headingId="archive-heading" open={false} title={
        <>
          {t("archive.title")} <span className="section-note">{last}</span>
        </>
      }>
      <p data-testid="last-archived">{last}</p>
      {archives.canArchive ? (
        <>
          <p className="hint">{t("archive.intro")}</p>
          <PlanFormElement form={form} intent="plan-archive" anchor="arkiv" className="inline-form">
            <Submit form={form}>{form.busy ? t("archive.busy") : t("archive.now")}</Submit>
          </PlanFormElement>
        </>
      ) : null}
      {archives.copies?.length ? (
        <table className="responsive-table">
          <caption>{t("archive.list")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("archive.made")}</th>
              <th scope="col">{t("archive.reasonLabel")}</th>
              <th scope="col">{t("archive.statusLabel")}</th>
              <th scope="col">{t("archive.files")}</th>
            </tr>
          </thead>
          <tbody>
            {archives.copies.map((copy) => {
              const made = formatDateTime(copy.builtAt ?? copy.createdAt, lang);
              return (
                <tr key={copy.id}>
                  <th scope="row" data-label={t("archive.made")}>
                    {made}
                  </th>
                  <td data-label={t("archive.reasonLabel")}>{t(`archive.reason.${copy.reason}`)}</td>
                  <td data-label={t("archive.statusLabel")}>{t(`archive.status.${copy.status}`)}</td>
                  <td data-label={t("archive.files")}>
                    {copy.builtAt ? (
                      <span className="inline-links">
                        <a href={`/planer/${planId}/arkiv/${copy.id}.pdf`} aria-label={t("archive.pdfOf", { date: made })}>
                          {t("archive.pdf")}
                        </a>{" "}
                        <a href={`/planer/${planId}/arkiv/${copy.id}.zip`} aria-label={t("archive.packageOf", { date: made })}>
                          {t("archive.package")}
                        </a>
                      </span>
                    ) : (
                      t("archive.status.PENDING")
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </PlanSection>
  );
}
