import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PurposeForm } from "../components/purpose-form.tsx";
import { attempt, redirectToLogin } from "../lib/call.server.ts";
import { text } from "../lib/form-values.ts";
import { idParam } from "../lib/id-param.server.ts";
import { safeRedirect } from "../lib/roles.ts";

// The coordinating unit says why it opens a plan (plan.statePurpose). Only a posted form sets
// the purpose; opening this address shows the form and nothing else.

export const meta: MetaFunction = () => [{ title: "Formål – Individuell plan" }];

const back = (planId: string, to: FormDataEntryValue | string | null) => safeRedirect(to, `/planer/${planId}`);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const planId = idParam(params.planId);
  return json({ planId, returnTo: back(planId, new URL(request.url).searchParams.get("til")) });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const planId = idParam(params.planId);
  const form = await request.formData();
  const returnTo = back(planId, form.get("til"));
  const purpose = text(form, "formal");
  const result = await attempt(context, (caller) => caller.plan.statePurpose({ planId, purpose }));
  if (result.ok) return redirect(returnTo);
  if (result.error.status === 400) return json({ invalid: true, purpose, returnTo }, { status: 400 });
  throw json({ message: result.error.message }, { status: result.error.status });
}

export default function PurposePage() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return <PurposeForm planId={data.planId} returnTo={refused?.returnTo ?? data.returnTo} invalid={refused?.invalid} purpose={refused?.purpose} />;
}
