import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { Caller } from "../../../server/router.ts";
import { auditActionKey, isAuditAction } from "../../domain/audit-actions.ts";
import { formatDate, formatDateTime, formatTime, osloDate } from "../../domain/oslo-time.ts";
import { useLang } from "../../lib/use-lang.ts";

export type AccessLogLine = SerializeFrom<Awaited<ReturnType<Caller["audit"]["forPlan"]>>["lines"][number]>;

/**
 * The lines of a plan's access log: when, who (with their part in the plan), what. A folded line
 * (one person's reads on one day) says how many times, from when to when.
 */
export function AccessLogTable({ lines, total, viewerId }: { lines: AccessLogLine[]; total: number; viewerId: string }) {
  const { t } = useTranslation();
  return (
    <table className="responsive-table">
      <caption>{t("accessLog.caption", { count: total })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("accessLog.when")}</th>
          <th scope="col">{t("accessLog.who")}</th>
          <th scope="col">{t("accessLog.what")}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.key}>
            <td data-label={t("accessLog.when")}>
              <When line={line} />
            </td>
            <th scope="row" data-label={t("accessLog.who")}>
              <Who line={line} viewerId={viewerId} />
            </th>
            <td data-label={t("accessLog.what")}>
              {line.actions.map((action) => (isAuditAction(action) ? t(auditActionKey(action)) : action)).join(" · ")}
              {line.count > 1 ? <span className="hint"> ({t("accessLog.times", { count: line.count })})</span> : null}
              {line.purpose ? <span className="hint"> – {t("accessLog.purpose", { purpose: line.purpose })}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function When({ line }: { line: AccessLogLine }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (line.count === 1 || osloDate(new Date(line.firstAt)) !== osloDate(new Date(line.lastAt))) {
    return <time dateTime={line.lastAt}>{formatDateTime(line.lastAt, lang)}</time>;
  }
  return (
    <time dateTime={line.lastAt}>
      {t("accessLog.between", { day: formatDate(line.lastAt, lang), from: formatTime(line.firstAt, lang), to: formatTime(line.lastAt, lang) })}
    </time>
  );
}

function Who({ line, viewerId }: { line: AccessLogLine; viewerId: string }) {
  const { t } = useTranslation();
  const name = line.actorId === viewerId ? t("accessLog.you") : line.actorName || t("common.unknownPerson");
  const part = line.planRole ? t(`accessLog.role.${line.planRole}`) : line.actorRoles.map((r) => t(`roles.${r}`)).join(", ");
  return (
    <>
      {name}
      {part ? <span className="hint"> ({part})</span> : null}
    </>
  );
}
