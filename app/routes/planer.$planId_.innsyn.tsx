import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { PurposeForm } from "../components/purpose-form.tsx";
import { AccessLogTable } from "../components/plan/access-log-table.tsx";
import { isUuid } from "../domain/ids.ts";
import { idParam } from "../lib/id-param.server.ts";
import { loadWithPurpose } from "../lib/plan-load.server.ts";

export const meta: MetaFunction = () => [{ title: "Hvem har sett planen – Individuell plan" }];

// "Hvem har sett planen": the whole history, newest first, a page at a time (?etter=<cursor>),
// filtered by person (?person=) and by reads or changes (?vis=lesing|endringer). Every filter
// and page is a link, so it works without JavaScript and can be bookmarked.

const KINDS = { lesing: "READ", endringer: "CHANGE" } as const;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = idParam(params.planId);
  const url = new URL(request.url);
  const person = url.searchParams.get("person");
  const show = url.searchParams.get("vis");
  const kind = show === "lesing" || show === "endringer" ? KINDS[show] : undefined;
  const cursor = url.searchParams.get("etter") ?? undefined;
  const loaded = await loadWithPurpose(context, request, (caller) =>
    caller.audit.forPlan({ planId, cursor, actorId: isUuid(person) ? person : undefined, kind }),
  );
  if (!loaded.ok) return json({ kind: "purpose" as const, planId: loaded.planId, returnTo: loaded.returnTo });
  const fromMyPlan = url.searchParams.get("fra") === "min-plan";
  const linkWith = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(url.searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    return `?${next.toString()}`;
  };
  return json({
    kind: "log" as const,
    planId,
    log: loaded.data,
    viewerId: context.user!.id,
    fromMyPlan,
    filter: { person: isUuid(person) ? person : "", show: kind ? show! : "" },
    olderLink: loaded.data.nextCursor ? linkWith({ etter: loaded.data.nextCursor }) : null,
    newestLink: cursor ? linkWith({ etter: null }) : null,
  });
}

export default function AccessLogPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  if (data.kind === "purpose") return <PurposeForm planId={data.planId} returnTo={data.returnTo} />;
  const back = data.fromMyPlan ? "/min-plan" : `/planer/${data.planId}`;
  const filtered = Boolean(data.filter.person || data.filter.show);
  return (
    <div className="page narrow plain">
      <p>
        <Link to={back}>{t("accessLog.back")}</Link>
      </p>
      <h1>{t("accessLog.title")}</h1>
      <p className="lead">{t("accessLog.intro")}</p>
      <p>{t("accessLog.introFolded")}</p>

      <Form method="get" className="card filters" aria-labelledby="access-log-filters">
        <h2 id="access-log-filters" className="visually-hidden">
          {t("accessLog.filters")}
        </h2>
        {data.fromMyPlan ? <input type="hidden" name="fra" value="min-plan" /> : null}
        <div className="field">
          <label htmlFor="person">{t("accessLog.person")}</label>
          <select id="person" name="person" defaultValue={data.filter.person}>
            <option value="">{t("accessLog.everyone")}</option>
            {data.log.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.id === data.viewerId ? `${p.name} (${t("accessLog.you").toLowerCase()})` : p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="vis">{t("accessLog.kind")}</label>
          <select id="vis" name="vis" defaultValue={data.filter.show}>
            <option value="">{t("accessLog.kindAll")}</option>
            <option value="lesing">{t("accessLog.kindRead")}</option>
            <option value="endringer">{t("accessLog.kindChange")}</option>
          </select>
        </div>
        <button type="submit" className="button-secondary">
          {t("accessLog.show")}
        </button>
      </Form>

      {data.log.lines.length ? (
        <AccessLogTable lines={data.log.lines} total={data.log.total} viewerId={data.viewerId} />
      ) : (
        <p>{filtered ? t("accessLog.noneFiltered") : t("accessLog.none")}</p>
      )}

      {data.olderLink || data.newestLink ? (
        <p className="button-row">
          {data.newestLink ? <Link to={data.newestLink}>{t("accessLog.newest")}</Link> : null}
          {data.olderLink ? <Link to={data.olderLink}>{t("accessLog.older")}</Link> : null}
        </p>
      ) : null}

      {data.log.canExport ? (
        <section aria-labelledby="access-log-download" className="card">
          <h2 id="access-log-download">{t("accessLog.download")}</h2>
          <p className="hint">{t("accessLog.downloadHint")}</p>
          <ul>
            <li>
              <a href={`/planer/${data.planId}/innsyn/fil?format=csv`} download>
                {t("accessLog.csv")}
              </a>
            </li>
            <li>
              <a href={`/planer/${data.planId}/innsyn/fil?format=pdf`} download>
                {t("accessLog.pdf")}
              </a>
            </li>
          </ul>
        </section>
      ) : null}
    </div>
  );
}
