import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AdminFormElement, AdminNav } from "../components/admin/admin-form.tsx";
import { HintAndError } from "../components/form.tsx";
import { Receipt } from "../components/receipt.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { formatDateTime } from "../domain/oslo-time.ts";
import { usePageForm, type PageForm } from "../hooks/use-page-form.ts";
import { createI18n } from "../i18n/i18n.ts";
import { adminFormAction } from "../lib/admin-actions.server.ts";
import { contentOf, draftErrors, draftFromValues, draftOf, fieldAliases, keyOf, NEW_AREA, variablesByArea, type CodesDraft } from "../lib/assessment-codes-form.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import type { FormResult } from "../lib/form-result.ts";
import { formValues, text } from "../lib/form-values.ts";
import { useLang } from "../lib/use-lang.ts";
import adminStyles from "../styles/admin.css";

// The municipality's code list for Kartlegging (issue 15, server/assessments/codes.ts): life
// areas and variables with texts for staff and plain language for the person, and when an
// assessment counts as out of date. One plain form; every save is a new version, and a refusal
// draws the form again with what was typed and a message at each field.

export const meta: MetaFunction = () => [{ title: "Kodeliste for kartlegging – Administrasjon – Individuell plan" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

const FORM_ID = "assessment-codes";

export async function loader({ context, request }: LoaderFunctionArgs) {
  return json(await load(context, request, (caller) => caller.assessment.codeList()));
}

export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const form = await request.formData();
  if (text(form, "intent") !== "save") throw json({ message: "bad request" }, { status: 400 });
  const values = formValues(form);
  const draft = draftFromValues(values);
  const built = contentOf(draft);
  const { t } = createI18n(context.lang);
  return adminFormAction(
    context,
    form,
    async (caller) => {
      // The server's rules first, here, so every field gets its own message.
      const { lockedAreas } = await caller.assessment.codeList();
      const errors = draftErrors(draft, built, lockedAreas, t);
      if (errors) throw json<FormResult>({ formId: FORM_ID, ok: false, message: t("validation.prefix"), fieldErrors: errors, values }, { status: 400 });
      return caller.assessment.saveCodeList({
        basedOnVersion: Number(text(form, "basedOnVersion")),
        content: built.content as never,
        maxAgeMonths: Number(draft.maxAgeMonths.trim()),
      });
    },
    { then: (saved) => `/admin/kartlegging?lagret=${saved.version}`, fieldAliases: fieldAliases(built.fields) },
  );
}

export default function AdminAssessmentCodes() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const form = usePageForm(FORM_ID);
  const lang = useLang();
  const latest = data.versions[0];
  const saved = params.get("lagret");
  const initial = form.result?.values ? draftFromValues(form.result.values) : draftOf(data.current, data.maxAgeMonths);
  return (
    <div className="page">
      <AdminNav />
      <h1>{t("assessmentCodes.title")}</h1>
      <p>{t("assessmentCodes.intro")}</p>
      <Receipt show={Boolean(saved)}>{t("assessmentCodes.saved", { version: saved })}</Receipt>
      <p className="hint" id="current-version">
        {latest
          ? latest.createdBy
            ? t("assessmentCodes.currentVersion", { version: latest.version, when: formatDateTime(latest.createdAt, lang), name: latest.createdBy })
            : t("assessmentCodes.currentVersionNoName", { version: latest.version, when: formatDateTime(latest.createdAt, lang) })
          : t("assessmentCodes.defaultVersion")}
      </p>
      <CodesForm key={data.current.version} form={form} version={data.current.version} draft={initial} />
      <h2 id="versions-heading">{t("assessmentCodes.versions")}</h2>
      <table className="responsive-table" aria-labelledby="versions-heading">
        <thead>
          <tr>
            <th scope="col">{t("assessmentCodes.version")}</th>
            <th scope="col">{t("assessmentCodes.savedAt")}</th>
            <th scope="col">{t("assessmentCodes.savedBy")}</th>
          </tr>
        </thead>
        <tbody>
          {data.versions.map((v) => (
            <tr key={v.version}>
              <th scope="row" data-label={t("assessmentCodes.version")}>
                {v.version}
              </th>
              <td data-label={t("assessmentCodes.savedAt")}>{formatDateTime(v.createdAt, lang)}</td>
              <td data-label={t("assessmentCodes.savedBy")}>{v.createdBy ?? t("assessmentCodes.unknownPerson")}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" data-label={t("assessmentCodes.version")}>
              0
            </th>
            <td data-label={t("assessmentCodes.savedAt")} colSpan={2}>
              {t("assessmentCodes.version0")}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** An input with a label (seen or only heard), its hint and its error tied to it. */
function Field({
  form,
  name,
  label,
  value,
  hint,
  hiddenLabel,
  maxLength,
  inputMode,
  className,
}: {
  form: PageForm;
  name: string;
  label: string;
  value: string;
  hint?: string;
  hiddenLabel?: boolean;
  maxLength?: number;
  inputMode?: "numeric";
  className?: string;
}) {
  const id = `${FORM_ID}-${name.replace(/\./g, "-")}`;
  const error = form.error(name);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className ?? "field"}>
      <label htmlFor={id} className={hiddenLabel ? "visually-hidden" : undefined}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <input id={id} name={name} defaultValue={value} maxLength={maxLength} inputMode={inputMode} autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={described} />
    </div>
  );
}

function CodesForm({ form, version, draft }: { form: PageForm; version: number; draft: CodesDraft }) {
  const { t } = useTranslation();
  const groups = variablesByArea(draft);
  const areaName = (key: string) => draft.areas.find((a) => a.key === key)?.name ?? key;
  const listError = form.error("list");
  const newAreaError = form.error("newVariable.area");
  return (
    <AdminFormElement form={form} intent="save" hidden={{ basedOnVersion: String(version) }} label={t("assessmentCodes.title")}>
      {listError ? (
        <p className="field-error" id="list-error">
          {listError}
        </p>
      ) : null}
      <fieldset className="fieldset codes-fieldset" id="omrader">
        <legend>{t("assessmentCodes.areas")}</legend>
        <p className="hint">{t("assessmentCodes.areasHint")}</p>
        <table className="responsive-table codes-table">
          <caption className="visually-hidden">{t("assessmentCodes.areas")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("assessmentCodes.areaKey")}</th>
              <th scope="col">{t("assessmentCodes.areaName")}</th>
              <th scope="col">{t("assessmentCodes.areaPlain")}</th>
              <th scope="col">{t("assessmentCodes.remove")}</th>
            </tr>
          </thead>
          <tbody>
            {draft.areas.map((area, i) => (
              <tr key={area.key || i}>
                <th scope="row" data-label={t("assessmentCodes.areaKey")}>
                  {area.key}
                  <input type="hidden" name={`areas.${i}.key`} value={area.key} />
                </th>
                <td data-label={t("assessmentCodes.areaName")}>
                  <Field form={form} name={`areas.${i}.name`} label={t("assessmentCodes.areaNameFor", { key: area.key })} value={area.name} hiddenLabel maxLength={80} />
                </td>
                <td data-label={t("assessmentCodes.areaPlain")}>
                  <Field form={form} name={`areas.${i}.plain`} label={t("assessmentCodes.areaPlainFor", { key: area.key })} value={area.plain} hiddenLabel maxLength={120} />
                </td>
                <td data-label={t("assessmentCodes.remove")}>
                  <div className="checkbox">
                    <input id={`${FORM_ID}-areas-${i}-remove`} type="checkbox" name={`areas.${i}.remove`} value="yes" defaultChecked={area.remove} />
                    <label htmlFor={`${FORM_ID}-areas-${i}-remove`}>{t("assessmentCodes.removeArea", { key: area.key })}</label>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <fieldset className="fieldset codes-fieldset">
          <legend>{t("assessmentCodes.newArea")}</legend>
          <p className="hint">{t("assessmentCodes.newAreaHint")}</p>
          <Field form={form} name="newArea.key" label={t("assessmentCodes.areaKey")} hint={t("assessmentCodes.areaKeyHint")} value={draft.newArea.key} maxLength={40} />
          <Field form={form} name="newArea.name" label={t("assessmentCodes.areaName")} value={draft.newArea.name} maxLength={80} />
          <Field form={form} name="newArea.plain" label={t("assessmentCodes.areaPlain")} value={draft.newArea.plain} maxLength={120} />
        </fieldset>
      </fieldset>

      <fieldset className="fieldset codes-fieldset" id="variabler">
        <legend>{t("assessmentCodes.variables")}</legend>
        <p className="hint">{t("assessmentCodes.variablesHint")}</p>
        {groups.map(({ area, rows }) => {
          const captionId = `${FORM_ID}-group-${area.key}`;
          return (
            <section key={area.key} aria-labelledby={captionId} className="codes-group">
              <h3 id={captionId}>{t("assessmentCodes.variablesIn", { area: area.name || area.key })}</h3>
              {rows.length ? (
                <table className="responsive-table codes-table" aria-labelledby={captionId}>
                  <thead>
                    <tr>
                      <th scope="col">{t("assessmentCodes.key")}</th>
                      <th scope="col">{t("assessmentCodes.text")}</th>
                      <th scope="col">{t("assessmentCodes.plain")}</th>
                      <th scope="col">{t("assessmentCodes.icf")}</th>
                      <th scope="col">{t("assessmentCodes.remove")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map(({ row, index: i }) => {
                      const key = keyOf(row);
                      const areaError = form.error(`variables.${i}.area`) ?? form.error(`variables.${i}.code`) ?? form.error(`variables.${i}.levels`);
                      return (
                        <tr key={key}>
                          <th scope="row" data-label={t("assessmentCodes.key")}>
                            <span className="codes-key">{key}</span>
                            <input type="hidden" name={`variables.${i}.system`} value={row.system} />
                            <input type="hidden" name={`variables.${i}.code`} value={row.code} />
                            <input type="hidden" name={`variables.${i}.area`} value={row.area} />
                            <input type="hidden" name={`variables.${i}.levels`} value={row.levels} />
                            {areaError ? <p className="field-error">{areaError}</p> : null}
                          </th>
                          <td data-label={t("assessmentCodes.text")}>
                            <Field form={form} name={`variables.${i}.text`} label={t("assessmentCodes.textFor", { key })} value={row.text} hiddenLabel maxLength={120} />
                          </td>
                          <td data-label={t("assessmentCodes.plain")}>
                            <Field form={form} name={`variables.${i}.plain`} label={t("assessmentCodes.plainFor", { key })} value={row.plain} hiddenLabel maxLength={160} />
                          </td>
                          <td data-label={t("assessmentCodes.icf")}>
                            <Field form={form} name={`variables.${i}.icf`} label={t("assessmentCodes.icfFor", { key })} value={row.icf} hiddenLabel maxLength={8} className="field codes-icf" />
                          </td>
                          <td data-label={t("assessmentCodes.remove")}>
                            <div className="checkbox">
                              <input id={`${FORM_ID}-variables-${i}-remove`} type="checkbox" name={`variables.${i}.remove`} value="yes" defaultChecked={row.remove} />
                              <label htmlFor={`${FORM_ID}-variables-${i}-remove`}>
                                {t("assessmentCodes.remove")} <span className="visually-hidden">{t("assessmentCodes.removeVariableRest", { key })}</span>
                              </label>
                            </div>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              ) : (
                <p className="hint">{t("assessmentCodes.noVariables")}</p>
              )}
            </section>
          );
        })}
        <p className="hint">{t("assessmentCodes.areaLocked")}</p>
        <fieldset className="fieldset codes-fieldset" id="ny-variabel">
          <legend>{t("assessmentCodes.newVariable")}</legend>
          <p className="hint">{t("assessmentCodes.newVariableHint")}</p>
          <Field form={form} name="newVariable.system" label={t("assessmentCodes.system")} hint={t("assessmentCodes.systemHint")} value={draft.newVariable.system} maxLength={16} />
          <Field form={form} name="newVariable.code" label={t("assessmentCodes.code")} hint={t("assessmentCodes.codeHint")} value={draft.newVariable.code} maxLength={30} />
          <Field form={form} name="newVariable.text" label={t("assessmentCodes.text")} value={draft.newVariable.text} maxLength={120} />
          <Field form={form} name="newVariable.plain" label={t("assessmentCodes.plain")} value={draft.newVariable.plain} maxLength={160} />
          <div className="field">
            <label htmlFor={`${FORM_ID}-newVariable-area`}>{t("assessmentCodes.area")}</label>
            <HintAndError id={`${FORM_ID}-newVariable-area`} error={newAreaError} />
            <select
              id={`${FORM_ID}-newVariable-area`}
              name="newVariable.area"
              defaultValue={draft.newVariable.area}
              aria-invalid={newAreaError ? true : undefined}
              aria-describedby={newAreaError ? `${FORM_ID}-newVariable-area-error` : undefined}
            >
              <option value="">{t("assessmentCodes.chooseArea")}</option>
              {draft.areas.map((a) => (
                <option key={a.key} value={a.key}>
                  {areaName(a.key)}
                </option>
              ))}
              <option value={NEW_AREA}>{t("assessmentCodes.newAreaOption")}</option>
            </select>
          </div>
          <Field form={form} name="newVariable.icf" label={t("assessmentCodes.icf")} hint={t("assessmentCodes.icfHint")} value={draft.newVariable.icf} maxLength={8} />
        </fieldset>
      </fieldset>

      <div className="field">
        <label htmlFor={`${FORM_ID}-maxAgeMonths`}>
          {t("assessmentCodes.maxAge")} ({t("assessmentCodes.maxAgeUnit")})
        </label>
        <HintAndError id={`${FORM_ID}-maxAgeMonths`} hint={t("assessmentCodes.maxAgeHint")} error={form.error("maxAgeMonths")} />
        <div className="codes-max-age">
          <input
            id={`${FORM_ID}-maxAgeMonths`}
            name="maxAgeMonths"
            type="number"
            min={1}
            max={60}
            step={1}
            inputMode="numeric"
            defaultValue={draft.maxAgeMonths}
            aria-invalid={form.error("maxAgeMonths") ? true : undefined}
            aria-describedby={[`${FORM_ID}-maxAgeMonths-hint`, form.error("maxAgeMonths") ? `${FORM_ID}-maxAgeMonths-error` : null].filter(Boolean).join(" ")}
          />
          <span aria-hidden="true">{t("assessmentCodes.maxAgeUnit")}</span>
        </div>
      </div>
      <SubmitButton form={form}>{t("assessmentCodes.save", { version: version + 1 })}</SubmitButton>
    </AdminFormElement>
  );
}
