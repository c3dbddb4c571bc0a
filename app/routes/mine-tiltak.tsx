import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { MyTasks } from "../components/meeting/tasks.tsx";
import { FINISHED_MEASURE_STATUSES, isOneOf } from "../domain/lists.ts";
import { formatDate, isDue } from "../domain/oslo-time.ts";
import { load } from "../lib/call.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Mine tiltak – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const [measures, tasks] = await load(context, request, (caller) => Promise.all([caller.measure.mine(), caller.task.mine()]));
  return json({ measures, tasks });
}


/** Measures the signed-in person is responsible for, soonest evaluation first. */
export default function MyMeasures() {
  const { t } = useTranslation();
  const lang = useLang();
  const { measures, tasks } = useLoaderData<typeof loader>();
  const due = measures.filter((m) => !isOneOf(FINISHED_MEASURE_STATUSES, m.status) && isDue(m.evaluationDate)).length;
  return (
    <div className="page">
      <h1>{t("myMeasures.title")}</h1>
      <p>{t("myMeasures.intro")}</p>
      {due ? (
        <p className="alert alert-warning" role="status">
          {t("myMeasures.due", { count: due })}
        </p>
      ) : null}
      {measures.length ? (
        <table className="responsive-table">
          <caption>{t("myMeasures.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("myMeasures.measure")}</th>
              <th scope="col">{t("plan.owner")}</th>
              <th scope="col">{t("myMeasures.goal")}</th>
              <th scope="col">{t("measure.field.status")}</th>
              <th scope="col">{t("measure.field.evaluationDate")}</th>
            </tr>
          </thead>
          <tbody>
            {measures.map((m) => (
              <tr key={m.id}>
                <th scope="row" data-label={t("myMeasures.measure")}>
                  <Link to={`/planer/${m.planId}#measure-${m.id}`}>{m.title}</Link>
                  {m.amount ? <span className="hint cell-detail">{m.amount}</span> : null}
                </th>
                <td data-label={t("plan.owner")}>{m.ownerName}</td>
                <td data-label={t("myMeasures.goal")}>{m.goal.title}</td>
                <td data-label={t("measure.field.status")}>
                  <span className={`badge badge-measure-${m.status.toLowerCase()}`}>{t(`measure.status.${m.status}`)}</span>
                </td>
                <td data-label={t("measure.field.evaluationDate")}>
                  {m.evaluationDate ? formatDate(m.evaluationDate, lang) : t("common.notSet")}
                  {!isOneOf(FINISHED_MEASURE_STATUSES, m.status) && isDue(m.evaluationDate) ? <span className="warning-text"> – {t("measure.evaluationDue")}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("myMeasures.none")}</p>
      )}
      <MyTasks tasks={tasks} />
    </div>
  );
}
