import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { InPlanHits } from "../components/search/in-plan-hits.tsx";
import { SearchForm } from "../components/search/search-form.tsx";
import { PurposeForm } from "../components/purpose-form.tsx";
import { idParam } from "../lib/id-param.server.ts";
import { loadWithPurpose } from "../lib/plan-load.server.ts";
import { searchQuery } from "../lib/search.server.ts";

// /planer/<id>/sok?q=: the words of the plan's goals and measures (search.inPlan, decision 026).
// The plan page's search box loads this with a fetcher; without JavaScript it is a page of its own.

export const meta: MetaFunction = () => [{ title: "Søk i planen – Individuell plan" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = idParam(params.planId);
  const search = searchQuery(request);
  const base = { planId, q: search.q, problem: search.problem };
  if (!search.ready) return json({ ...base, found: null, purposeRequired: false, returnTo: `/planer/${planId}` });
  const loaded = await loadWithPurpose(context, request, (caller) => caller.search.inPlan({ planId, q: search.q }));
  if (!loaded.ok) return json({ ...base, found: null, purposeRequired: true, returnTo: loaded.returnTo });
  return json({ ...base, found: loaded.data, purposeRequired: false, returnTo: `/planer/${planId}` });
}

export default function PlanSearchPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  if (data.purposeRequired) return <PurposeForm planId={data.planId} returnTo={data.returnTo} />;
  return (
    <div className="page plan-search">
      <p>
        <Link to={`/planer/${data.planId}`}>{t("search.inPlan.back")}</Link>
      </p>
      <h1>{t("search.inPlan.heading")}</h1>
      <SearchForm id="plan-words" q={data.q} problem={data.problem} label={t("search.inPlan.label")} hint={t("search.inPlan.hint")} />
      {data.found ? <InPlanHits items={data.found.items} more={data.found.more} base={`/planer/${data.planId}`} /> : null}
    </div>
  );
}
