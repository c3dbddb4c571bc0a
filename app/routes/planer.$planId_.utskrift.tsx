import type { ReactNode } from "react";
import { json, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { StoredText } from "../components/collab/stored-text.tsx";
import { PurposeForm } from "../components/purpose-form.tsx";
import { ConsentStatus } from "../components/plan/consent.tsx";
import { EvaluationEntry } from "../components/plan/evaluations.tsx";
import { GoalCard } from "../components/plan/goal-card.tsx";
import { AssessmentOverview, LatestAssessment, OutOfDateNotice } from "../components/plan/assessment-overview.tsx";
import { AssessmentContext, useAssessment } from "../components/plan/assessment-shared.tsx";
import { DateText, Period } from "../components/plan/shared.tsx";
import { LIFE_AREAS } from "../domain/lists.ts";
import { formatDate, formatDateTime, formatMeetingStart } from "../domain/oslo-time.ts";
import { collabDocument, storedHtml } from "../lib/collab.ts";
import { idParam } from "../lib/id-param.server.ts";
import { loadWithPurpose } from "../lib/plan-load.server.ts";
import { optional } from "../lib/plan-page.server.ts";
import { PrintDocuments, type PrintedDocument } from "../components/plan/documents-section.tsx";
import { ClosedNotice } from "../components/plan/plan-header.tsx";
import { ABOUT_FIELDS } from "../domain/lists.ts";
import { responsibleName, type GoalView, type PlanView } from "../lib/plan-types.ts";
import { useHydrated } from "../lib/use-hydrated.ts";
import { useLifeAreaName } from "../hooks/use-plan-template.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Individuell plan – utskrift" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = idParam(params.planId);
  const loaded = await loadWithPurpose(context, request, (caller) => caller.plan.byId({ planId }));
  if (!loaded.ok) return json({ kind: "purpose" as const, planId: loaded.planId, returnTo: loaded.returnTo });
  // The meetings, and the approved minutes of each (each read is recorded, as on the meeting's page).
  const meetings = ((await optional(context.caller.meeting.list({ planId }))) ?? []).filter((m) => m.status !== "CANCELLED");
  const minutes = Object.fromEntries(
    await Promise.all(
      meetings.filter((m) => m.status === "APPROVED").map(async (m) => [m.id, (await optional(context.caller.meeting.byId({ meetingId: m.id })))?.minutes ?? null] as const)
    )
  );
  return json({
    kind: "plan" as const,
    plan: loaded.data,
    planTemplate: loaded.data.template,
    meetings: meetings.map((m) => ({ id: m.id, startsAt: m.startsAt, location: m.location, status: m.status, minutes: minutes[m.id] ?? null })),
    // The documents the reader may see, by name and date (their content is not printed).
    documents: ((await optional(context.caller.planDocument.list({ planId })))?.documents ?? []).map((d) => ({ id: d.id, name: d.name, createdAt: d.createdAt })),
    // Kartlegging as it stands: the latest scores beside the person's own view (its read is recorded).
    assessment: await optional(context.caller.assessment.forPlan({ planId })),
    municipality: context.user!.municipalityName,
    printedAt: new Date().toISOString(),
    fromMyPlan: new URL(request.url).searchParams.get("fra") === "min-plan",
  });
}

export default function PrintPage() {
  const data = useLoaderData<typeof loader>();
  if (data.kind === "purpose") return <PurposeForm planId={data.planId} returnTo={data.returnTo} />;
  return (
    <AssessmentContext.Provider value={data.assessment}>
      <PrintDocument plan={data.plan} meetings={data.meetings} documents={data.documents} municipality={data.municipality} printedAt={data.printedAt} fromMyPlan={data.fromMyPlan} />
    </AssessmentContext.Provider>
  );
}

type PrintMeeting = SerializeFrom<typeof loader> extends infer D ? (D extends { kind: "plan"; meetings: infer M } ? M : never) : never;

interface PrintProps {
  plan: PlanView;
  meetings: PrintMeeting;
  documents: PrintedDocument[];
  municipality: string;
  printedAt: string;
  fromMyPlan: boolean;
}

function PrintDocument({ plan, meetings, documents, municipality, printedAt, fromMyPlan }: PrintProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const hydrated = useHydrated();
  const assessment = useAssessment();
  const mainGoals = plan.goals.filter((g) => !g.parentId);
  // In the order of the plan type's template, under its names; areas it no longer offers after (docs/decisions/028).
  const areaName = useLifeAreaName();
  const areas = [...plan.template.lifeAreas.map((a) => a.area), ...LIFE_AREAS].filter((a, i, all) => all.indexOf(a) === i && mainGoals.some((g) => g.lifeArea === a));
  const active = plan.participants.filter((p) => p.active);
  const aboutFields = ABOUT_FIELDS.filter((field) => plan[field].trim());
  const back = fromMyPlan ? "/min-plan" : `/planer/${plan.id}`;
  // Sections with nothing in them are left out; the rest are numbered in order.
  const shown = (
    [
      ["about", aboutFields.length > 0],
      ["goals", mainGoals.length > 0],
      ["assessment", Boolean(assessment?.assessments.length || Object.keys(assessment?.ownViews ?? {}).length)],
      ["group", active.length > 0],
      ["coordinator", true],
      ["consent", true],
      ["services", plan.services.length > 0],
      ["meetings", meetings.length > 0],
      ["documents", documents.length > 0],
      ["log", plan.logEntries.length > 0],
    ] as const
  )
    .filter(([, show]) => show)
    .map(([id]) => id);
  const n = (id: (typeof shown)[number]) => shown.indexOf(id) + 1;
  const coordinator = plan.coordinator?.coordinator;
  return (
    <article className="print-document" aria-labelledby="print-title">
      <div className="print-tools no-print">
        <Link to={back}>{t("print.back")}</Link>
        {hydrated ? (
          <button type="button" className="button-primary" onClick={() => window.print()}>
            {t("print.print")}
          </button>
        ) : null}
        <p className="hint">{t("print.hint")}</p>
      </div>

      <header className="print-cover">
        <p className="print-municipality">{municipality}</p>
        <p className="eyebrow">{t(`plan.type.${plan.type}`)}</p>
        <h1 id="print-title">{t("print.title", { name: plan.owner.name })}</h1>
        <dl className="facts">
          <Row label={t("print.owner")}>{plan.owner.name}</Row>
          <Row label={t("search.number")}>{plan.number}</Row>
          <Row label={t("plan.statusLabel")}>{t(`plan.status.${plan.status}`)}</Row>
          <Row label={t("plan.coordinator")}>{coordinator ? `${coordinator.name}${coordinator.title ? `, ${coordinator.title}` : ""}` : t("plan.noCoordinator")}</Row>
          <Row label={t("plan.period")}>
            <Period from={plan.startDate} to={plan.endDate} />
          </Row>
          <Row label={t("plan.nextReview")}>
            <DateText value={plan.nextReviewAt} />
          </Row>
        </dl>
        {plan.status === "CLOSED" ? <ClosedNotice plan={plan} /> : null}
        <p>{t("print.printedAt", { date: formatDateTime(printedAt, lang) })}</p>
        <p className="print-confidential">{t("print.confidential")}</p>
      </header>

      {n("about") ? (
        <section className="print-section" aria-labelledby="p-about">
          <h2 id="p-about">
            {n("about")}. {t("about.title")}
          </h2>
          {aboutFields.map((field) => (
            <div key={field}>
              <h3>{t(`about.${field}`)}</h3>
              <StoredText html={storedHtml(plan, collabDocument.about(plan.id, field))} text={plan[field]} />
            </div>
          ))}
        </section>
      ) : null}

      {n("goals") ? (
        <section className="print-section" aria-labelledby="p-goals">
          <h2 id="p-goals">
            {n("goals")}. {t("print.goalsAndMeasures")}
          </h2>
          {areas.map((area) => (
            <section key={area} aria-labelledby={`p-area-${area}`}>
              <h3 id={`p-area-${area}`}>{areaName(area)}</h3>
              {mainGoals
                .filter((g) => g.lifeArea === area)
                .map((goal) => (
                  <PrintGoal key={goal.id} plan={plan} goal={goal} subGoals={plan.goals.filter((g) => g.parentId === goal.id)} />
                ))}
            </section>
          ))}
        </section>
      ) : null}

      {n("assessment") && assessment ? (
        <section className="print-section" aria-labelledby="p-assessment">
          <h2 id="p-assessment">
            {n("assessment")}. {t("assessment.title")}
          </h2>
          <OutOfDateNotice view={assessment} />
          <LatestAssessment view={assessment} />
          <AssessmentOverview view={assessment} />
        </section>
      ) : null}

      {n("group") ? (
        <section className="print-section" aria-labelledby="p-group">
          <h2 id="p-group">
            {n("group")}. {t("participant.sectionTitle")}
          </h2>
          {active.length ? (
            <table className="responsive-table">
              <thead>
                <tr>
                  <th scope="col">{t("print.name")}</th>
                  <th scope="col">{t("print.role")}</th>
                  <th scope="col">{t("participant.field.contribution")}</th>
                  <th scope="col">{t("participant.field.access")}</th>
                </tr>
              </thead>
              <tbody>
                {active.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td data-label={t("print.role")}>
                      {t(`plan.kind.${p.kind}`)}
                      {p.organisation ? `, ${p.organisation}` : ""}
                    </td>
                    <td data-label={t("participant.field.contribution")}>{p.contribution ?? ""}</td>
                    <td data-label={t("participant.field.access")}>{t(`participant.access.${p.access}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      <section className="print-section" aria-labelledby="p-coordinator">
        <h2 id="p-coordinator">
          {n("coordinator")}. {t("coordinator.sectionTitle")}
        </h2>
        {plan.coordinator ? (
          <p>
            <strong>{plan.coordinator.coordinator.name}</strong>
            {plan.coordinator.coordinator.title ? `, ${plan.coordinator.coordinator.title}` : ""}
            {plan.coordinator.coordinator.phone ? ` · ${t("myPlan.phone")}: ${plan.coordinator.coordinator.phone}` : ""} · {t("myPlan.email")}: {plan.coordinator.coordinator.email}
          </p>
        ) : (
          <p>{t("coordinator.none")}</p>
        )}
        {plan.coordinators.length > 1 ? (
          <>
            <h3>{t("coordinator.history")}</h3>
            <ul>
              {plan.coordinators.map((c) => (
                <li key={c.id}>
                  {c.coordinator.name}: {formatDate(c.startedAt, lang)} – {c.endedAt ? formatDate(c.endedAt, lang) : t("print.now")}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="print-section" aria-labelledby="p-consent">
        <h2 id="p-consent">
          {n("consent")}. {t("print.consents")}
        </h2>
        <p>{plan.consentGivenAt ? t("consent.planGiven", { date: formatDate(plan.consentGivenAt, lang) }) : t("consent.planNotGiven")}</p>
        {active.length ? (
          <ul>
            {active.map((p) => (
              <li key={p.id}>
                {p.name}: <ConsentStatus participant={p} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {n("services") ? (
        <section className="print-section" aria-labelledby="p-services">
          <h2 id="p-services">
            {n("services")}. {t("services.title")}
          </h2>
          {plan.services.length ? (
            <table className="responsive-table">
              <thead>
                <tr>
                  <th scope="col">{t("services.name")}</th>
                  <th scope="col">{t("services.provider")}</th>
                  <th scope="col">{t("services.period")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.services.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td data-label={t("services.provider")}>{s.provider}</td>
                    <td data-label={t("services.period")}>
                      <Period from={s.fromDate} to={s.toDate} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      {n("meetings") ? <PrintMeetings meetings={meetings} number={n("meetings")} /> : null}

      {n("documents") ? <PrintDocuments documents={documents} number={n("documents")} /> : null}

      {n("log") ? (
        <section className="print-section" aria-labelledby="p-log">
          <h2 id="p-log">
            {n("log")}. {t("log.title")}
          </h2>
          {plan.logEntries.length ? (
            <ol className="log-list">
              {plan.logEntries.map((e) => (
                <li key={e.id}>
                  <strong>
                    <DateText value={e.date} />
                  </strong>{" "}
                  – {plan.authors[e.authorId] ?? ""}: <span className="prose">{e.body}</span>
                </li>
              ))}
            </ol>
          ) : null}
        </section>
      ) : null}

      <footer className="print-footer">
        <p>{t("print.footer", { municipality })}</p>
      </footer>
    </article>
  );
}

/** The meetings held and planned, each with its approved minutes (corrections follow them). */
function PrintMeetings({ meetings, number }: { meetings: PrintMeeting; number: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="print-section" aria-labelledby="p-meetings">
      <h2 id="p-meetings">
        {number}. {t("print.meetings")}
      </h2>
      {meetings.map((m) => (
        <div key={m.id} className="print-meeting">
          <h3>
            {formatMeetingStart(m.startsAt, lang)}
            {m.location ? ` – ${m.location}` : ""}
          </h3>
          <p>{t(`print.meetingStatus.${m.status}`)}</p>
          {m.status === "APPROVED" && m.minutes ? (
            <>
              <h4>{t("print.minutes")}</h4>
              {m.minutes.approvedAt ? <p className="hint">{t("print.minutesApproved", { date: formatDate(m.minutes.approvedAt, lang) })}</p> : null}
              <StoredText html={m.minutes.html ?? undefined} text={m.minutes.text} />
              {m.minutes.corrections.map((c) => (
                <p key={c.id}>
                  <strong>{c.label}:</strong> {c.text}
                </p>
              ))}
            </>
          ) : m.status === "HELD" ? (
            <p>{t("print.noMinutes")}</p>
          ) : null}
        </div>
      ))}
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="facts-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function PrintGoal({ plan, goal, subGoals }: { plan: PlanView; goal: GoalView; subGoals: GoalView[] }) {
  const { t } = useTranslation();
  const evaluations = plan.evaluations.filter((e) => e.goalId === goal.id);
  return (
    <div className={goal.parentId ? "print-goal print-subgoal" : "print-goal"}>
      <h4>
        {goal.parentId ? `${t("goal.subGoal")}: ` : ""}
        {goal.title}
      </h4>
      <p>
        {t(`goal.status.${goal.status}`)}
        {goal.writtenByUser ? ` · ${t("goal.writtenBy", { name: plan.authors[goal.createdById] ?? "" })}` : ""}
      </p>
      <StoredText html={storedHtml(plan, collabDocument.goalDescription(goal.id))} text={goal.description} empty="" />
      <GoalCard goal={goal} withTexts />
      {goal.measures.length ? (
        <>
          <h5>{t("measure.title")}</h5>
          <table className="responsive-table print-measures">
            <thead>
              <tr>
                <th scope="col">{t("measure.field.title")}</th>
                <th scope="col">{t("measure.field.responsible")}</th>
                <th scope="col">{t("measure.period")}</th>
                <th scope="col">{t("measure.field.status")}</th>
                <th scope="col">{t("measure.field.evaluationDate")}</th>
              </tr>
            </thead>
            <tbody>
              {goal.measures.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.title}
                    {m.description ? <span className="print-detail">{m.description}</span> : null}
                    {m.amount ? <span className="print-detail">{m.amount}</span> : null}
                  </th>
                  <td data-label={t("measure.field.responsible")}>
                    {responsibleName(plan, m) || "–"}
                    {m.unit ? `, ${m.unit.name}` : ""}
                  </td>
                  <td data-label={t("measure.period")}>
                    <Period from={m.startDate} to={m.endDate} />
                  </td>
                  <td data-label={t("measure.field.status")}>{t(`measure.status.${m.status}`)}</td>
                  <td data-label={t("measure.field.evaluationDate")}>
                    <DateText value={m.evaluationDate} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {evaluations.length || goal.measures.some((m) => plan.evaluations.some((e) => e.measureId === m.id)) ? (
        <>
          <h5>{t("evaluation.title")}</h5>
          <ol className="evaluation-list">
            {evaluations.map((e) => (
              <EvaluationEntry key={e.id} evaluation={e} author={plan.authors[e.createdById]} achievedHtml={storedHtml(plan, collabDocument.evaluationAchieved(e.id))} />
            ))}
            {goal.measures.flatMap((m) =>
              plan.evaluations
                .filter((e) => e.measureId === m.id)
                .map((e) => (
                  <EvaluationEntry
                    key={e.id}
                    evaluation={e}
                    author={plan.authors[e.createdById]}
                    label={m.title}
                    achievedHtml={storedHtml(plan, collabDocument.evaluationAchieved(e.id))}
                  />
                ))
            )}
          </ol>
        </>
      ) : null}
      {subGoals.map((sub) => (
        <PrintGoal key={sub.id} plan={plan} goal={sub} subGoals={[]} />
      ))}
    </div>
  );
}
