import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { AdminFormElement, AdminNav } from "../components/admin/admin-form.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { usePageForm } from "../hooks/use-page-form.ts";
import { Receipt } from "../components/receipt.tsx";
import { createI18n } from "../i18n/i18n.ts";
import { attempt, load, redirectToLogin } from "../lib/call.server.ts";
import { text } from "../lib/form-values.ts";
import adminStyles from "../styles/admin.css";

export const meta: MetaFunction = () => [{ title: "Importer ansatte – Administrasjon – Individuell plan" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

/** A request may be 1 MiB; the file is at most this, the rest is the form. */
const MAX_FILE_BYTES = 900 * 1024;

const EXAMPLE = "navn;e-post;fødselsnummer;telefon;stilling;enhet;roller\nLise Hansen;lise.hansen@kommune.no;;912 34 567;Sykepleier;Hjemmetjenesten;Fagperson|Koordinator";

export async function loader({ context, request }: LoaderFunctionArgs) {
  // Only the administrator comes here: the same check as the import itself.
  return json(await load(context, request, async (caller) => ({ municipality: (await caller.municipality.settings()).name })));
}

interface Message {
  key: string;
  params?: Record<string, string | number>;
}
interface Preview {
  fileErrors: Message[];
  lines: { line: number; name: string; email: string | null; unit: string | null; roles: string[]; identityMasked: string | null; errors: Message[] }[];
  valid: boolean;
  saved: number;
  /** The file sealed on the server, sent back with "Importer": its identity numbers never come to the page in clear. */
  sealedCsv: string | null;
}
/** Never the file itself: after a preview the text field is empty, and the numbers are shown masked. */
type ImportAnswer = { preview: Preview | null; message: string | null };

/** The file's text: UTF-8 (a byte-order mark is fine), or Windows-1252 as older Excel saves CSV. */
function decode(bytes: ArrayBuffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder("windows-1252").decode(bytes);
    } catch {
      return null;
    }
  }
}

async function readImportForm(request: Request): Promise<FormData | "tooBig"> {
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "tooBig";
    throw error;
  }
}

export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const { t } = createI18n(context.lang);
  const form = await readImportForm(request);
  const answer = (body: ImportAnswer, status = 200) => json(body, { status });
  if (form === "tooBig") return answer({ preview: null, message: t("adm.import.tooBig") }, 413);

  if (text(form, "intent") === "commit") {
    const sealedCsv = text(form, "sealedCsv");
    const saved = await attempt(context, (caller) => caller.user.import({ mode: "commit", sealedCsv }));
    if (saved.ok) return redirect(`/admin/import?importert=${saved.data.saved}`);
    // Refused whole: the lines again with what is wrong, when the refusal has them.
    const again = (saved.error.details as { preview?: Preview } | undefined)?.preview ?? null;
    return answer({ preview: again, message: saved.error.message }, saved.error.status);
  }

  let csv = text(form, "csv");
  const file = form.get("file");
  if (file && typeof file !== "string" && file.size > 0) {
    const decoded = decode(await file.arrayBuffer());
    if (decoded === null) return answer({ preview: null, message: t("adm.import.unreadable") }, 400);
    csv = decoded;
  }
  if (!csv.trim()) return answer({ preview: null, message: t("adm.import.nothing") }, 400);

  const result = await attempt(context, (caller) => caller.user.import({ mode: "preview", csv }));
  if (!result.ok) return answer({ preview: null, message: result.error.message }, result.error.status);
  return answer({ preview: result.data, message: null });
}

export default function AdminImport() {
  const { t } = useTranslation();
  useLoaderData<typeof loader>();
  const data = useActionData<ImportAnswer>();
  const previewForm = usePageForm("import-preview");
  const commitForm = usePageForm("import-commit");
  const [params] = useSearchParams();
  const imported = params.get("importert");
  // After a preview the file is held sealed on the page, not in the fields: empty them (with
  // JavaScript the browser would keep what was typed; without it the page comes back empty).
  const fileRef = useRef<HTMLInputElement>(null);
  const pasteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!data?.preview) return;
    if (fileRef.current) fileRef.current.value = "";
    if (pasteRef.current) pasteRef.current.value = "";
  }, [data]);
  return (
    <div className="page">
      <AdminNav />
      <h1>{t("adm.import.title")}</h1>
      <Receipt show={Boolean(imported && /^\d+$/.test(imported))}>{t("adm.import.saved", { count: Number(imported) })}</Receipt>
      <p>{t("adm.import.intro")}</p>
      <section aria-labelledby="columns-heading" className="card">
        <h2 id="columns-heading">{t("adm.import.columnsTitle")}</h2>
        <p>{t("adm.import.columns")}</p>
        <ul className="plain-list">
          <li>{t("adm.import.columnName")}</li>
          <li>{t("adm.import.columnEmail")}</li>
          <li>{t("adm.import.columnOthers")}</li>
        </ul>
        <p className="plain-label">{t("adm.import.example")}</p>
        <pre className="import-example">{EXAMPLE}</pre>
      </section>

      <AdminFormElement form={previewForm} intent="preview" encType="multipart/form-data" label={t("adm.import.title")} className="stack card">
        {data?.message && !data.preview ? (
          <p role="alert" className="alert alert-error">
            {data.message}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="import-file">{t("adm.import.file")}</label>
          <input ref={fileRef} id="import-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
        </div>
        <div className="field">
          <label htmlFor="import-csv">{t("adm.import.paste")}</label>
          {/* Empty after a preview: the file is never sent back into the page. */}
          <textarea ref={pasteRef} id="import-csv" name="csv" rows={6} defaultValue="" spellCheck={false} />
        </div>
        <SubmitButton form={previewForm} variant="secondary">
          {t("adm.import.preview")}
        </SubmitButton>
      </AdminFormElement>

      {data?.preview ? <PreviewSection preview={data.preview} message={data.message} commitForm={commitForm} /> : null}
    </div>
  );
}

function PreviewSection({ preview, message, commitForm }: { preview: Preview; message: string | null; commitForm: ReturnType<typeof usePageForm> }) {
  const { t } = useTranslation();
  const bad = preview.lines.filter((l) => l.errors.length > 0).length;
  return (
    <section aria-labelledby="preview-heading" className="card">
      <h2 id="preview-heading" tabIndex={-1}>
        {t("adm.import.previewTitle")}
      </h2>
      {message ? (
        <p role="alert" className="alert alert-error">
          {message}
        </p>
      ) : null}
      {preview.fileErrors.length ? (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">{t("adm.import.fileErrors")}</p>
          <ul className="plain-list">
            {preview.fileErrors.map((e, i) => (
              <li key={i}>{t(e.key, e.params)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p role="status">
          {t("adm.import.summary", { count: preview.lines.length })} {bad ? t("adm.import.bad", { count: bad }) : t("adm.import.allGood")}
        </p>
      )}
      {preview.lines.length ? (
        <table className="responsive-table import-table">
          <caption className="visually-hidden">{t("adm.import.previewTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("adm.import.line")}</th>
              <th scope="col">{t("adm.user.name")}</th>
              <th scope="col">{t("adm.user.email")}</th>
              <th scope="col">{t("adm.user.identity")}</th>
              <th scope="col">{t("adm.user.unit")}</th>
              <th scope="col">{t("adm.user.roles")}</th>
              <th scope="col">{t("adm.import.problems")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.lines.map((line) => (
              <tr key={line.line}>
                <th scope="row" data-label={t("adm.import.line")}>
                  {line.line}
                </th>
                <td data-label={t("adm.user.name")}>{line.name}</td>
                <td data-label={t("adm.user.email")}>{line.email ?? ""}</td>
                <td data-label={t("adm.user.identity")}>{line.identityMasked ?? ""}</td>
                <td data-label={t("adm.user.unit")}>{line.unit ?? ""}</td>
                <td data-label={t("adm.user.roles")}>{line.roles.map((r) => t(`roles.${r}`)).join(", ")}</td>
                <td data-label={t("adm.import.problems")}>
                  {line.errors.length ? (
                    <ul className="line-errors">
                      {line.errors.map((e, i) => (
                        <li key={i}>{t(e.key, e.params)}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="line-ok">{t("adm.import.ok")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {preview.valid && preview.sealedCsv ? (
        <AdminFormElement form={commitForm} intent="commit" hidden={{ sealedCsv: preview.sealedCsv }} label={t("adm.import.commit", { count: preview.lines.length })}>
          <SubmitButton form={commitForm}>{t("adm.import.commit", { count: preview.lines.length })}</SubmitButton>
        </AdminFormElement>
      ) : null}
    </section>
  );
}
