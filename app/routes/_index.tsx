import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { startPathFor } from "../lib/roles.ts";

// The front door: each role to its own start page, everyone else to the login.
export async function loader({ context }: LoaderFunctionArgs) {
  return redirect(context.user ? startPathFor(context.user.roles) : "/login");
}
