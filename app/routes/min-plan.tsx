import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { load } from "../lib/call.server.ts";
import { formatDate } from "../lib/format.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Min plan – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const plans = await load(context, request, (caller) => caller.plan.mine());
  return json({ plans });
}

export default function MyPlan() {
  const { t } = useTranslation();
  const lang = useLang();
  const { plans } = useLoaderData<typeof loader>();
  const plan = plans.find((p) => p.status !== "CLOSED") ?? plans[0];
  if (!plan) {
    return (
      <div className="page narrow plain">
        <h1>{t("myPlan.title")}</h1>
        <p className="lead">{t("myPlan.none")}</p>
        <p>{t("myPlan.noneHelp")}</p>
      </div>
    );
  }
  return (
    <div className="page narrow plain">
      <h1>{t("myPlan.title")}</h1>
      <p className="lead">{t("myPlan.intro")}</p>
      <p>
        <span className={`badge badge-${plan.status.toLowerCase()}`}>{t(`plan.status.${plan.status}`)}</span>{" "}
        {t(`plan.type.${plan.type}`)}
      </p>

      <section aria-labelledby="coordinator-heading" className="card">
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
      </section>

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
    </div>
  );
}
