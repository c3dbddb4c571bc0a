import { useTranslation } from "../../i18n/use-translation.ts";

export interface ContentHitRow {
  kind: "goal" | "measure";
  id: string;
  parentId: string | null;
  title: string;
  snippet: string;
}

/** "…<hit>…" from the server's snippet: hits are between \uE000 and \uE001; nothing else is read as markup. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\uE000[^\uE001]*\uE001)/u);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith("\uE000") ? <mark key={i}>{part.slice(1, -1)}</mark> : <span key={i}>{part.replace(/[\uE000\uE001]/gu, "")}</span>,
      )}
    </>
  );
}

/** Goals and measures found in a plan, each a link to its place on the plan page (`base` + #goal-<id>). */
export function InPlanHits({ items, more, base = "" }: { items: ContentHitRow[]; more: boolean; base?: string }) {
  const { t } = useTranslation();
  if (!items.length) return <p role="status">{t("search.inPlan.none")}</p>;
  return (
    <>
      <p role="status">
        {t("search.count", { count: items.length })}
        {more ? ` ${t("search.more")}` : null}
      </p>
      <ul className="plan-search-hits" aria-label={t("search.inPlan.results")}>
        {items.map((hit) => (
          <li key={`${hit.kind}-${hit.id}`}>
            <span className="eyebrow">{t(`search.inPlan.${hit.kind}`)}: </span>
            <a href={`${base}#${hit.kind}-${hit.id}`}>{hit.title}</a>
            <br />
            <span className="hint">
              <Snippet text={hit.snippet} />
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
