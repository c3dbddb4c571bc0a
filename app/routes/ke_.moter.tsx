import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

// /ke/moter?tall=… was the meeting figures' own list; they are lists like the others now.
export function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  params.set("liste", params.get("tall") === "withoutMinutes" ? "moter" : "planer");
  return redirect(`/ke/liste?${params}`);
}
