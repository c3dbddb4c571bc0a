import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { loader } from "../../routes/planer.$planId_.sok.tsx";
import { InPlanHits } from "../search/in-plan-hits.tsx";

/**
 * The plan's search box (decision 026): the words of its goals and measures, as one types, each
 * hit a link to its place on the page. Without JavaScript the form opens /planer/<id>/sok.
 */
export function PlanSearch({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof loader>();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [typed, setTyped] = useState("");
  useEffect(() => () => clearTimeout(timer.current), []);
  const action = `/planer/${planId}/sok`;
  const onChange = (value: string) => {
    setTyped(value);
    clearTimeout(timer.current);
    if (value.trim().length < 2) return;
    timer.current = setTimeout(() => {
      if (form.current) fetcher.submit(form.current);
    }, 300);
  };
  const data = fetcher.data;
  const shown = typed.trim().length >= 2 && data;
  return (
    <section aria-labelledby="plan-search-heading" className="plan-search card">
      <h2 id="plan-search-heading">{t("search.inPlan.heading")}</h2>
      <fetcher.Form ref={form} method="get" action={action} role="search" aria-label={t("search.inPlan.heading")}>
        <div className="field">
          <label htmlFor="plan-search-q">{t("search.inPlan.label")}</label>
          <p className="hint" id="plan-search-hint">
            {t("search.inPlan.hint")}
          </p>
          <div className="search-row">
            <input id="plan-search-q" type="search" name="q" minLength={2} maxLength={100} autoComplete="off" aria-describedby="plan-search-hint" onChange={(e) => onChange(e.currentTarget.value)} />
            <button type="submit">{t("search.button")}</button>
          </div>
        </div>
      </fetcher.Form>
      <div aria-live="polite">
        {shown && data.found ? <InPlanHits items={data.found.items} more={data.found.more} /> : null}
        {shown && data.problem ? <p className="field-error">{t(`search.${data.problem}`)}</p> : null}
      </div>
    </section>
  );
}
