import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { HintAndError } from "../components/form.tsx";
import { Receipt } from "../components/receipt.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { formatDateTime } from "../domain/oslo-time.ts";
import { usePageForm } from "../hooks/use-page-form.ts";
import { load, redirectToLogin } from "../lib/call.server.ts";
import { formFieldName, runFormAction } from "../lib/form-action.server.ts";
import { text } from "../lib/form-values.ts";
import { idParam } from "../lib/id-param.server.ts";
import { useLang } from "../lib/use-lang.ts";

export const meta: MetaFunction = () => [{ title: "Spørsmål fra koordinerende enhet – Individuell plan" }];

// The coordinating unit's questions about a plan and the coordinator's answers: a page of its own
// that only the coordinator, the coordinating unit and the coordinator's unit leader may open
// (question.forPlan refuses everyone else), never part of the plan that the user and the group read.

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const planId = idParam(params.planId);
  const thread = await load(context, request, (caller) => caller.question.forPlan({ planId }));
  return json({ planId, ...thread });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const planId = idParam(params.planId);
  const form = await request.formData();
  return runFormAction(context, form, (caller) => caller.question.reply({ questionId: text(form, "questionId"), text: text(form, "text") }), {
    fieldName: formFieldName(),
    onSuccess: () => redirect(`/planer/${planId}/sporsmal?svart=1`),
  });
}

export default function PlanQuestions() {
  const { t } = useTranslation();
  const lang = useLang();
  const { planId, ownerName, questions, mayAnswer } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const form = usePageForm("reply");
  const open = questions.find((q) => !q.answeredAt);
  return (
    <div className="page narrow">
      <p>
        <Link to={`/planer/${planId}`}>{t("questions.toPlan")}</Link>
      </p>
      <h1>{t("questions.title", { name: ownerName })}</h1>
      <p>{t("questions.intro")}</p>
      <Receipt show={search.get("svart") === "1"}>{t("questions.sent")}</Receipt>
      {questions.length === 0 ? <p>{t("questions.none")}</p> : null}
      {questions.map((q) => (
        <section key={q.id} className="card" aria-labelledby={`q-${q.id}`}>
          <h2 id={`q-${q.id}`}>
            {t("questions.asked", { date: formatDateTime(q.askedAt, lang) })}{" "}
            <span className={q.answeredAt ? "badge badge-active" : "badge badge-draft"}>{q.answeredAt ? t("questions.answered") : t("questions.waiting")}</span>
          </h2>
          <ol className="thread">
            {q.messages.map((m) => (
              <li key={m.id}>
                <p className="thread-meta">
                  <strong>{m.authorName}</strong>, {formatDateTime(m.createdAt, lang)}
                </p>
                <p className="thread-body">{m.body}</p>
              </li>
            ))}
          </ol>
          {q.id === open?.id ? (
            <Form method="post" className="stack" aria-labelledby={`reply-${q.id}`}>
              <input type="hidden" name="_formId" value="reply" />
              <input type="hidden" name="questionId" value={q.id} />
              <h3 id={`reply-${q.id}`}>{mayAnswer ? t("questions.answerHeading") : t("questions.followUpHeading")}</h3>
              {form.result?.message ? (
                <p role="alert" className="alert alert-error">
                  {form.result.message}
                </p>
              ) : null}
              <div className="field">
                <label htmlFor={`text-${q.id}`}>{t("questions.textLabel")}</label>
                <HintAndError id={`text-${q.id}`} hint={mayAnswer ? t("questions.answerHint") : t("questions.followUpHint")} error={form.error("text")} />
                <textarea
                  id={`text-${q.id}`}
                  name="text"
                  rows={4}
                  required
                  defaultValue={form.value("text")}
                  aria-describedby={`text-${q.id}-hint${form.error("text") ? ` text-${q.id}-error` : ""}`}
                />
              </div>
              <SubmitButton form={form} busyText={t("questions.sending")}>
                {mayAnswer ? t("questions.answer") : t("questions.send")}
              </SubmitButton>
            </Form>
          ) : null}
        </section>
      ))}
    </div>
  );
}
