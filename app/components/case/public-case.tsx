import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDate, formatDateTime, todayInOslo } from "../../domain/oslo-time.ts";
import type { PublicCaseView } from "../../lib/case-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { Heading, Prose } from "../plan/shared.tsx";
import { Letter, PersonStatusBadge } from "./case-bits.tsx";

/**
 * A case as the person who sent it, or whom it is about, sees it: its state in plain words, when
 * to expect an answer, the interim reply letter and the decision with how to complain.
 * `level` is the heading level of the case's title (h2 in a list, h1 on its own page).
 */
export function PublicCase({ item, level, link }: { item: PublicCaseView; level: 1 | 2; link?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const headingId = `case-${item.id}`;
  const decided = item.personStatus === "DECIDED";
  // Past the date we gave: say so plainly instead of promising a day that has gone.
  const late = !decided && item.decisionDue.slice(0, 10) < todayInOslo();
  const title = t("myCases.caseHeading", { type: t(`case.type.${item.type}`), reference: item.reference });
  return (
    <article className={level === 1 ? "public-case" : "card public-case"} aria-labelledby={headingId}>
      {level === 1 ? <h1 id={headingId}>{title}</h1> : <h2 id={headingId}>{title}</h2>}
      <p className="case-status">
        <PersonStatusBadge status={item.personStatus} /> <span>{t(`caseUi.personStatusHelp.${item.personStatus}`)}</span>
      </p>
      <dl className="facts">
        <div className="facts-row">
          <dt>{t("myCases.about")}</dt>
          <dd>{item.subjectName}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("myCases.received")}</dt>
          <dd>{formatDateTime(item.receivedAt, lang)}</dd>
        </div>
        {!decided ? (
          <div className="facts-row">
            <dt>{late ? t("myCases.dueWas") : t("myCases.expected")}</dt>
            <dd>
              {formatDate(item.decisionDue, lang)}
              {late ? <span className="cell-detail">{item.interimReplyText ? t("myCases.lateInterim") : t("myCases.late")}</span> : null}
            </dd>
          </div>
        ) : null}
      </dl>

      {item.interimReplyText ? (
        <section aria-labelledby={`${headingId}-interim`} className="case-part">
          <Heading level={level + 1} id={`${headingId}-interim`}>
            {t("myCases.interimTitle")}
          </Heading>
          {item.interimReplySentAt ? <p className="meta">{t("myCases.interimSent", { date: formatDate(item.interimReplySentAt, lang) })}</p> : null}
          <Letter text={item.interimReplyText} />
        </section>
      ) : null}

      {decided && item.outcome ? (
        <section aria-labelledby={`${headingId}-decision`} className="case-part">
          <Heading level={level + 1} id={`${headingId}-decision`}>
            {t("myCases.decisionTitle")}
          </Heading>
          {item.decidedAt ? <p className="meta">{t("myCases.decided", { date: formatDate(item.decidedAt, lang) })}</p> : null}
          <p className={`outcome outcome-${item.outcome.toLowerCase()}`}>
            <strong>{t("myCases.outcome")}:</strong>{" "}
            {/* "You get what you applied for" fits applications, not a notice someone else sent. */}
            {item.type === "NEED_NOTICE" ? t(`caseUi.outcome.${item.outcome}`) : t(`caseUi.outcomePlain.${item.outcome}`)}
          </p>
          <Heading level={level + 2}>{t("myCases.grounds")}</Heading>
          <Prose text={item.decisionGrounds} />
          {item.complaintInfo ? (
            <>
              <Heading level={level + 2}>{t("myCases.complaintInfo")}</Heading>
              <Prose text={item.complaintInfo} />
            </>
          ) : null}
        </section>
      ) : null}

      <details className="disclosure">
        <summary>{t("myCases.whatWasWritten")}</summary>
        <div className="disclosure-body">
          <Prose text={item.description} />
        </div>
      </details>

      {link ? (
        <p>
          <Link to={`/saker/${item.id}`}>{t("myCases.open", { reference: item.reference })}</Link>
        </p>
      ) : null}
    </article>
  );
}
