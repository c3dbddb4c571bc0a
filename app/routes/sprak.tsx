import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { LANG_COOKIE, parseLang } from "../i18n/resources.ts";
import { safeRedirect } from "../lib/roles.ts";

// Switching language works without JavaScript: a form post that sets a cookie for a year.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = parseLang(String(form.get("lang") ?? ""));
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}

export async function loader() {
  return redirect("/");
}
