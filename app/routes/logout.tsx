import { redirect, type ActionFunctionArgs } from "@remix-run/node";

export async function action({ context }: ActionFunctionArgs) {
  if (!context.user) return redirect("/login");
  const { signOutUrl } = await context.caller.auth.logout();
  // Signed in through ID-porten or a staff provider: end the session there too, then back to /login.
  return redirect(signOutUrl ?? "/login?utlogget=1");
}

export async function loader() {
  return redirect("/");
}
