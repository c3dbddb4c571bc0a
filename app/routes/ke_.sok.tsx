import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { CaseHits } from "../components/search/case-hits.tsx";
import { HitCount, PlanHits } from "../components/search/plan-hits.tsx";
import { SearchForm } from "../components/search/search-form.tsx";
import { KE_ROLES } from "../domain/lists.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { hasRole } from "../lib/plan-page.server.ts";
import { searchQuery } from "../lib/search.server.ts";

// /ke/sok?q=: the coordinating unit searches every plan and case of its municipality (decision
// 026). Only what identifies a plan or a case is shown; opening a plan it takes no part in asks
// for a purpose first (/planer/<id> shows the purpose form).

export const meta: MetaFunction = () => [{ title: "Søk – Koordinerende enhet" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  if (!hasRole(context, ...KE_ROLES)) throw json({ message: "forbidden" }, { status: 403 });
  const search = searchQuery(request);
  const found = search.ready
    ? await load(context, request, async (caller) => {
        // One after the other: each is a read row of its own, in its own transaction.
        const plans = await caller.search.plans({ q: search.q });
        const cases = await caller.search.cases({ q: search.q });
        return { plans, cases };
      })
    : null;
  return json({ search: { q: search.q, problem: search.problem }, found, municipality: context.user.municipalityName });
}

export default function KeSearch() {
  const { t } = useTranslation();
  const { search, found, municipality } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("search.ke.title")}</h1>
      <p className="hint">{municipality}</p>
      <p>{t("search.ke.intro")}</p>
      <SearchForm id="ke-search" q={search.q} problem={search.problem} label={t("search.ke.label")} hint={t("search.ke.hint")} />
      {found ? (
        <>
          <section aria-labelledby="plan-hits-heading">
            <h2 id="plan-hits-heading">{t("search.plansHeading")}</h2>
            <HitCount count={found.plans.items.length} more={found.plans.more} />
            {found.plans.items.length ? <PlanHits items={found.plans.items} caption={t("search.ke.plansCaption")} /> : <p>{t("search.noPlans")}</p>}
          </section>
          <section aria-labelledby="case-hits-heading">
            <h2 id="case-hits-heading">{t("search.ke.casesHeading")}</h2>
            <HitCount count={found.cases.items.length} more={found.cases.more} />
            {found.cases.items.length ? <CaseHits items={found.cases.items} caption={t("search.ke.casesCaption")} /> : <p>{t("search.ke.noCases")}</p>}
          </section>
        </>
      ) : null}
    </div>
  );
}
