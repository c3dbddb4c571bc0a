import { redirect, type ActionFunctionArgs } from "@remix-run/node";

export async function action({ context }: ActionFunctionArgs) {
  if (context.user) await context.caller.auth.logout();
  return redirect("/login");
}

export async function loader() {
  return redirect("/");
}
