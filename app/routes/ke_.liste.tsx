import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { DashboardListView } from "../components/dashboard/list-view.tsx";
import { redirectToLogin } from "../lib/call.server.ts";
import { listLoader } from "../lib/dashboard-list-loaders.server.ts";
import { formFieldName, runFormAction } from "../lib/form-action.server.ts";
import { text } from "../lib/form-values.ts";

export const meta: MetaFunction = () => [{ title: "Liste – Koordinerende enhet" }];

// /ke/liste?liste=planer|saker|moter|tiltak&tall=<figure> (+ the dashboard's selection, the sort
// and the page): the list behind a figure.
export const loader = listLoader;

/** The KE leader asks a plan's coordinator about an inactive plan, in words they may change. */
export async function action({ context, request }: ActionFunctionArgs) {
  if (!context.user) throw redirectToLogin(request);
  const form = await request.formData();
  const planId = text(form, "planId");
  return runFormAction(context, form, (caller) => caller.question.ask({ planId, text: text(form, "text") }), {
    fieldName: formFieldName(),
    onSuccess: () => {
      const url = new URL(request.url);
      url.searchParams.set("spurt", planId);
      return redirect(`${url.pathname}${url.search}`);
    },
  });
}

export default DashboardListView;
