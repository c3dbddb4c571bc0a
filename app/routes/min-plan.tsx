import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { PlanIdContext } from "../components/form.tsx";
import { Presence } from "../components/presence.tsx";
import { AboutSection } from "../components/plan/about-section.tsx";
import { MyAssessment } from "../components/plan/my-assessment.tsx";
import { RequestChangeForm } from "../components/plan/coordinator-section.tsx";
import { MyGoals } from "../components/plan/my-goals.tsx";
import { ClosedNotice } from "../components/plan/plan-header.tsx";
import { MyPlanMeetings } from "../components/meeting/my-plan-meetings.tsx";
import { formatDate } from "../domain/oslo-time.ts";
import { useLivePlan } from "../hooks/use-live-plan.ts";
import { assessmentAction, isAssessmentIntent } from "../lib/assessment-actions.server.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { idParam } from "../lib/id-param.server.ts";
import { text } from "../lib/form-values.ts";
import { planAction } from "../lib/plan-actions.server.ts";
import type { PlanView } from "../lib/plan-types.ts";
import { useLang } from "../lib/use-lang.ts";
import assessmentStyles from "../styles/assessment.css";

export const meta: MetaFunction = () => [{ title: "Min plan – Individuell plan" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: assessmentStyles }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  // The person's plans, and the one shown in full with its meetings, the person's tasks and
  // "Slik ser jeg det" (issue 15), in one read (decision 041). The plan shown in full is `plan`,
  // where usePlanTemplate finds its template.
  const { plans, shown } = await load(context, request, (caller) => caller.plan.myPage());
  return json({ plans, plan: shown?.plan ?? null, meetings: shown?.meetings ?? null, assessment: shown?.assessment ?? null });
}

export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const form = await request.formData();
  const planId = idParam(text(form, "planId"));
  if (!form.get("intent")) return redirect("/min-plan");
  if (isAssessmentIntent(text(form, "intent"))) return assessmentAction(context, request, planId, form);
  return planAction(context, request, planId, form);
}

export default function MyPlan() {
  const { t } = useTranslation();
  const lang = useLang();
  const { plans, plan: full, meetings, assessment } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const refused = useActionData<typeof action>();
  const plan = plans.find((p) => p.status !== "CLOSED") ?? plans[0];
  if (!plan) {
    return (
      <div className="page narrow plain">
        <h1>{t("myPlan.title")}</h1>
        <p className="lead">{t("myPlan.none")}</p>
        <p>{t("myPlan.noneHelp")}</p>
        <ApplyCard type="IP_APPLICATION" />
      </div>
    );
  }
  return (
    <div className="page plain my-plan">
      <h1>{t("myPlan.title")}</h1>
      <p className="lead">{t("myPlan.intro")}</p>
      <p>
        <span className={`badge badge-${plan.status.toLowerCase()}`}>{t(`plan.status.${plan.status}`)}</span>{" "}
        {t(`plan.type.${plan.type}`)}
      </p>
      {plan.status === "CLOSED" ? <ClosedNotice plan={plan} /> : null}
      {full ? <LiveBar plan={full} /> : null}
      {params.get("lagret") && !refused ? (
        <p role="status" className="alert alert-success">
          {t("workspace.savedNoJs")}
        </p>
      ) : null}

      {/* On a desktop: the goals and the user's own words beside who helps and what comes next; on a phone the goals come first. */}
      <PlanIdContext.Provider value={plan.id}>
      <div className="my-plan-layout">
        <div className="my-plan-main">
          {full ? <MyGoals plan={full} /> : null}
          {full ? <AboutSection plan={full} plain /> : null}
          {full && assessment ? <MyAssessment view={assessment} saved={params.get("lagret") === "assessment-own-view" && !refused} /> : null}
        </div>
        <div className="my-plan-side">
        <section id="koordinator" aria-labelledby="coordinator-heading" className="card">
          <h2 id="coordinator-heading">{t("myPlan.yourCoordinator")}</h2>
          {plan.coordinator ? (
            <>
              <p className="person-name">{plan.coordinator.name}</p>
              {plan.coordinator.title ? <p>{plan.coordinator.title}</p> : null}
              <ul className="contact">
                {plan.coordinator.phone ? (
                  <li>
                    {t("myPlan.phone")}: <a href={`tel:${plan.coordinator.phone.replace(/\s/g, "")}`}>{plan.coordinator.phone}</a>
                  </li>
                ) : null}
                <li>
                  {t("myPlan.email")}: <a href={`mailto:${plan.coordinator.email}`}>{plan.coordinator.email}</a>
                </li>
              </ul>
              <p className="hint">{t("myPlan.coordinatorHelp")}</p>
            </>
          ) : (
            <p>{t("myPlan.noCoordinatorYet")}</p>
          )}
          {full?.access.canDecideConsent ? <RequestChangeForm plain /> : null}
        </section>

        {full && meetings ? <MyPlanMeetings data={meetings} viewerId={full.viewer.id} /> : null}

      <section aria-labelledby="group-heading" className="card">
        <h2 id="group-heading">{t("myPlan.group")}</h2>
        {plan.participants.length ? (
          <ul className="people">
            {plan.participants.map((p) => (
              <li key={p.id}>
                <span className="person-name">{p.name}</span>
                <span className="person-role">
                  {t(`plan.kind.${p.kind}`)}
                  {p.organisation ? `, ${p.organisation}` : ""}
                </span>
                {p.contribution ? <span className="person-contribution">{p.contribution}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("myPlan.groupEmpty")}</p>
        )}
      </section>

      <section aria-labelledby="next-heading" className="card">
        <h2 id="next-heading">{t("myPlan.next")}</h2>
        <p>{plan.nextReviewAt ? t("myPlan.nextReview", { date: formatDate(plan.nextReviewAt, lang) }) : t("myPlan.noNextReview")}</p>
      </section>

      <ApplyCard type={plan.coordinator ? undefined : "COORDINATOR_REQUEST"} />

      <EarlierPlans plans={plans.filter((p) => p.status === "CLOSED" && p.id !== plan.id)} />

      <nav aria-label={t("myPlan.moreNav")} className="card big-links">
        <h2>{t("myPlan.more")}</h2>
        <ul>
          <li>
            <Link to={`/planer/${plan.id}`}>{t("myPlan.seeAll")}</Link>
          </li>
          <li>
            <Link to={`/planer/${plan.id}/innsyn?fra=min-plan`}>{t("myPlan.whoHasSeen")}</Link>
          </li>
          <li>
            <Link to={`/planer/${plan.id}/utskrift?fra=min-plan`}>{t("myPlan.print")}</Link>
          </li>
        </ul>
      </nav>
        </div>
      </div>
      </PlanIdContext.Provider>
    </div>
  );
}

/** Where to apply for a plan or a coordinator, or complain, and follow what was sent. */
function ApplyCard({ type }: { type?: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="apply-heading" className="card big-links">
      <h2 id="apply-heading">{t("apply.linkTitle")}</h2>
      <p className="hint">{t("apply.linkHint")}</p>
      <ul>
        <li>
          <Link to={type ? `/sok?type=${type}` : "/sok"}>{t("apply.link")}</Link>
        </li>
        <li>
          <Link to="/mine-saker">{t("nav.myCases")}</Link>
        </li>
      </ul>
    </section>
  );
}

function LiveBar({ plan }: { plan: PlanView }) {
  const live = useLivePlan(plan.id, plan.viewer.id, "/tilgang-avsluttet");
  return <Presence others={live.others} />;
}

/** "Tidligere planer": closed plans stay the user's to read, one link each. */
function EarlierPlans({ plans }: { plans: { id: string; type: string; endDate: string | null; closedAt: string | null }[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!plans.length) return null;
  return (
    <section aria-labelledby="earlier-heading" className="card">
      <h2 id="earlier-heading">{t("earlier.heading")}</h2>
      <p>{t("earlier.intro")}</p>
      <ul>
        {plans.map((p) => (
          <li key={p.id}>
            <Link to={`/planer/${p.id}`}>{t("earlier.item", { type: t(`plan.type.${p.type}`), date: formatDate(p.endDate ?? p.closedAt, lang) })}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
