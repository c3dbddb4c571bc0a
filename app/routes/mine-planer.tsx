import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { needsFollowUp, PlanTable } from "../components/plan-table.tsx";
import { KE_ROLES, STAFF_ROLES } from "../domain/lists.ts";
import { load } from "../lib/call.server.ts";
import { hasRole } from "../lib/plan-page.server.ts";
import { searchQuery } from "../lib/search.server.ts";
import { SearchForm } from "../components/search/search-form.tsx";
import { HitCount, PlanHits } from "../components/search/plan-hits.tsx";

export const meta: MetaFunction = () => [{ title: "Mine planer – Individuell plan" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const plans = await load(context, request, (caller) => caller.plan.list());
  // Staff search the plans they may open (docs/decisions/026); ?q= in the address.
  const search = searchQuery(request);
  const hits = search.ready ? await load(context, request, (caller) => caller.search.plans({ q: search.q })) : null;
  // Following up plans is staff work; a relative sees the plans they follow, in words meant for them.
  return json({ plans, staff: hasRole(context, ...STAFF_ROLES, ...KE_ROLES), search: { q: search.q, problem: search.problem }, hits });
}

function Search() {
  const { t } = useTranslation();
  const { search, hits } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="search-heading" className="card">
      <h2 id="search-heading">{t("search.nav")}</h2>
      <SearchForm id="plan-search" q={search.q} problem={search.problem} label={t("search.label")} hint={t("search.hint")} />
      {hits ? (
        <>
          <HitCount count={hits.items.length} more={hits.more} />
          {hits.items.length ? <PlanHits items={hits.items} caption={t("search.plansCaption")} /> : <p>{t("search.noPlans")}</p>}
        </>
      ) : null}
    </section>
  );
}

export default function MyPlans() {
  const { t } = useTranslation();
  const { plans, staff } = useLoaderData<typeof loader>();
  if (!staff) {
    return (
      <div className="page">
        <h1>{t("myPlans.title")}</h1>
        <p>{t("myPlans.followedIntro")}</p>
        {plans.length ? <PlanTable plans={plans} caption={t("myPlans.followedCaption")} followUp={false} /> : <p>{t("myPlans.none")}</p>}
      </div>
    );
  }
  const attention = plans.filter(needsFollowUp);
  const rest = plans.filter((p) => !needsFollowUp(p));
  return (
    <div className="page">
      <h1>{t("myPlans.title")}</h1>
      <p>{t("myPlans.intro")}</p>
      <Search />
      {!plans.length ? <p>{t("myPlans.none")}</p> : null}
      {attention.length ? (
        <section aria-labelledby="attention-heading">
          <h2 id="attention-heading">
            {t("myPlans.followUp")} ({attention.length})
          </h2>
          <p className="hint">{t("myPlans.followUpHint")}</p>
          <PlanTable plans={attention} caption={t("myPlans.followUpCaption")} />
        </section>
      ) : null}
      {rest.length ? (
        <section aria-labelledby="rest-heading">
          <h2 id="rest-heading">{attention.length ? t("myPlans.others") : t("myPlans.all")}</h2>
          <PlanTable plans={rest} caption={t("myPlans.caption")} />
        </section>
      ) : null}
    </div>
  );
}
