import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState, type MouseEvent } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AdminFormElement, AdminNav } from "../components/admin/admin-form.tsx";
import { Receipt } from "../components/receipt.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { formatDateTime } from "../domain/oslo-time.ts";
import { isOneOf, PLAN_SECTIONS, TEMPLATE_PLAN_TYPES, type TemplatePlanType } from "../domain/lists.ts";
import { usePageForm, type PageForm } from "../hooks/use-page-form.ts";
import { useLang } from "../lib/use-lang.ts";
import { adminFormAction } from "../lib/admin-actions.server.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { formValues, text } from "../lib/form-values.ts";
import { applyMove, draftFromValues, draftOf, updateOf, type AreaRow, type HeadingRow, type TemplateDraft } from "../lib/plan-template-form.ts";
import adminStyles from "../styles/admin.css";

// The plan types' templates (docs/decisions/028): which life areas goals are given in, in which
// order and under which name, and the plan's headings with guidance for those who write. One
// plain form per type; "Flytt opp"/"Flytt ned" reorder on the page, and without JavaScript they
// save the form with the row moved.

export const meta: MetaFunction = () => [{ title: "Maler for planer – Administrasjon – Individuell plan" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

const typeOf = (value: string | null): TemplatePlanType => (isOneOf(TEMPLATE_PLAN_TYPES, value) ? value : "IP");

export async function loader({ context, request }: LoaderFunctionArgs) {
  const type = typeOf(new URL(request.url).searchParams.get("type"));
  return json(await load(context, request, async (caller) => ({ type, templates: await caller.planTemplate.list() })));
}

export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const form = await request.formData();
  if (text(form, "intent") !== "save") throw json({ message: "bad request" }, { status: 400 });
  const type = typeOf(text(form, "type"));
  const move = text(form, "move");
  const draft = applyMove(draftFromValues(formValues(form)), move);
  return adminFormAction(context, form, (caller) => caller.planTemplate.update({ type, version: Number(text(form, "version")), ...updateOf(draft) }), {
    then: () => `/admin/maler?type=${type}&lagret=1${move ? `#${move.startsWith("area") ? "omrader" : "overskrifter"}` : ""}`,
  });
}

export default function AdminTemplates() {
  const { t } = useTranslation();
  const { type, templates } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const template = templates.find((tpl) => tpl.type === type) ?? templates[0]!;
  const form = usePageForm(`template-${type}`);
  const lang = useLang();
  return (
    <div className="page">
      <AdminNav />
      <h1>{t("planTemplate.admin.title")}</h1>
      <p>{t("planTemplate.admin.intro")}</p>
      <Receipt show={params.get("lagret") === "1"}>{t("planTemplate.admin.saved", { type: t(`plan.type.${type}`) })}</Receipt>
      <nav aria-label={t("planTemplate.admin.chooseType")} className="admin-nav template-types">
        <ul>
          {TEMPLATE_PLAN_TYPES.map((option) => (
            <li key={option}>
              <Link to={`/admin/maler?type=${option}`} aria-current={option === type ? "page" : undefined}>
                {t(`plan.type.${option}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 id="template-heading">{t("planTemplate.admin.templateFor", { type: t(`plan.type.${type}`) })}</h2>
      {template.updatedAt ? (
        <p className="hint">
          {template.updatedBy
            ? t("planTemplate.admin.changedBy", { when: formatDateTime(template.updatedAt, lang), name: template.updatedBy.name })
            : t("planTemplate.admin.changed", { when: formatDateTime(template.updatedAt, lang) })}
        </p>
      ) : null}
      {/* Drawn anew for another type or version, so the rows start from what is stored. */}
      <TemplateForm key={`${type}-${template.version}`} form={form} type={type} version={template.version} initial={form.result?.values ? draftFromValues(form.result.values) : draftOf(template)} />
    </div>
  );
}

function TemplateForm({ form, type, version, initial }: { form: PageForm; type: TemplatePlanType; version: number; initial: TemplateDraft }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [announcement, setAnnouncement] = useState("");
  const areaName = (row: AreaRow) => row.label || t(`goal.lifeArea.${row.area}`);
  // With JavaScript a move happens on the page; the button keeps focus and the move is announced.
  const move = (event: MouseEvent<HTMLButtonElement>, list: "area" | "heading", index: number, direction: "up" | "down") => {
    event.preventDefault();
    const rows = list === "area" ? draft.areas : draft.headings;
    const to = direction === "up" ? index - 1 : index + 1;
    if (to < 0 || to >= rows.length) return;
    // The rows' fields keep what was typed: they move with their rows (keyed), only their names change.
    setDraft(applyMove(draft, `${list}:${index}:${direction}`));
    const typedTitle = event.currentTarget.form?.elements.namedItem(`h${index}-title`);
    const title = typedTitle instanceof HTMLInputElement ? typedTitle.value.trim() : draft.headings[index]?.title;
    const name = list === "area" ? areaName(draft.areas[index]!) : title || t("planTemplate.admin.headingUntitled");
    setAnnouncement(t("planTemplate.admin.moved", { name, position: to + 1, count: rows.length }));
  };
  return (
    <AdminFormElement form={form} intent="save" hidden={{ type, version: String(version) }} labelledBy="template-heading">
      <p aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      <fieldset className="fieldset" id="omrader">
        <legend>{t("planTemplate.admin.areas")}</legend>
        <p className="hint">{t("planTemplate.admin.areasHint")}</p>
        <ol className="template-rows">
          {draft.areas.map((row, index) => (
            <li key={row.area} className="template-row">
              <input type="hidden" name={`a${index}-area`} value={row.area} />
              <div className="checkbox">
                <input id={`area-${row.area}`} type="checkbox" name={`a${index}-offered`} value="yes" defaultChecked={row.offered} />
                <label htmlFor={`area-${row.area}`}>{t(`goal.lifeArea.${row.area}`)}</label>
              </div>
              <div className="field">
                <label htmlFor={`area-${row.area}-label`}>
                  {t("planTemplate.admin.areaLabel", { area: t(`goal.lifeArea.${row.area}`) })}
                  <span className="optional"> {t("form.optional")}</span>
                </label>
                <input id={`area-${row.area}-label`} name={`a${index}-label`} defaultValue={row.label} maxLength={80} autoComplete="off" />
              </div>
              <MoveButtons list="area" index={index} count={draft.areas.length} name={t(`goal.lifeArea.${row.area}`)} onMove={move} />
            </li>
          ))}
        </ol>
      </fieldset>
      <fieldset className="fieldset" id="overskrifter">
        <legend>{t("planTemplate.admin.headings")}</legend>
        <p className="hint">{t("planTemplate.admin.headingsHint")}</p>
        <ol className="template-rows">
          {draft.headings.map((row, index) => (
            <li key={row.key} className="template-row">
              <HeadingFields row={row} index={index} />
              <div className="checkbox">
                <input id={`heading-${row.key}-remove`} type="checkbox" name={`h${index}-remove`} value="yes" />
                <label htmlFor={`heading-${row.key}-remove`}>{t("planTemplate.admin.remove", { title: row.title || t("planTemplate.admin.headingUntitled") })}</label>
              </div>
              <MoveButtons list="heading" index={index} count={draft.headings.length} name={row.title || t("planTemplate.admin.headingUntitled")} onMove={move} />
            </li>
          ))}
        </ol>
        <fieldset className="fieldset template-new">
          <legend>{t("planTemplate.admin.newHeading")}</legend>
          <p className="hint">{t("planTemplate.admin.newHeadingHint")}</p>
          <HeadingFields row={{ key: `new-${draft.headings.length}`, section: "GOALS", title: "", guidance: "" }} index={draft.headings.length} />
        </fieldset>
      </fieldset>
      <SubmitButton form={form}>{t("planTemplate.admin.save")}</SubmitButton>
    </AdminFormElement>
  );
}

function HeadingFields({ row, index }: { row: HeadingRow; index: number }) {
  const { t } = useTranslation();
  const id = `heading-${row.key}`;
  return (
    <div className="template-heading-fields">
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("planTemplate.admin.headingTitle")}</label>
        <input id={`${id}-title`} name={`h${index}-title`} defaultValue={row.title} maxLength={120} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-section`}>{t("planTemplate.admin.section")}</label>
        <select id={`${id}-section`} name={`h${index}-section`} defaultValue={row.section}>
          {PLAN_SECTIONS.map((section) => (
            <option key={section} value={section}>
              {t(`planTemplate.section.${section}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-guidance`}>{t("planTemplate.admin.guidance")}</label>
        <textarea id={`${id}-guidance`} name={`h${index}-guidance`} defaultValue={row.guidance} maxLength={1000} rows={2} />
      </div>
    </div>
  );
}

function MoveButtons({
  list,
  index,
  count,
  name,
  onMove,
}: {
  list: "area" | "heading";
  index: number;
  count: number;
  name: string;
  onMove: (event: MouseEvent<HTMLButtonElement>, list: "area" | "heading", index: number, direction: "up" | "down") => void;
}) {
  const { t } = useTranslation();
  // aria-disabled rather than disabled: the button keeps focus when its row reaches the end.
  const first = index === 0;
  const last = index === count - 1;
  return (
    <div className="template-move">
      <button
        type="submit"
        name="move"
        value={`${list}:${index}:up`}
        className="button-secondary button-small"
        aria-disabled={first || undefined}
        aria-label={t("planTemplate.admin.moveUpLabel", { name })}
        onClick={(event) => (first ? event.preventDefault() : onMove(event, list, index, "up"))}
      >
        {t("planTemplate.admin.moveUp")}
      </button>
      <button
        type="submit"
        name="move"
        value={`${list}:${index}:down`}
        className="button-secondary button-small"
        aria-disabled={last || undefined}
        aria-label={t("planTemplate.admin.moveDownLabel", { name })}
        onClick={(event) => (last ? event.preventDefault() : onMove(event, list, index, "down"))}
      >
        {t("planTemplate.admin.moveDown")}
      </button>
    </div>
  );
}
