import { json } from "@remix-run/node";

// Any address that matches no page: the root error boundary shows a friendly 404.
export async function loader() {
  throw json({ message: "not found" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
